"""The interface's catalogues (README, "Languages"): the site's (locale/) and the plugin's
(conflicts/locale/), in Armenian and Russian. Every entry is translated (no empty or fuzzy
one), keeps its placeholders, and the committed .mo holds exactly what the .po says, so the
site needs no gettext at runtime and a .po edited without `make messages` is caught. Read
with Python alone: no gettext binary needed."""

import ast
import gettext
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = [
    ROOT / folder / code / "LC_MESSAGES" / "django.po"
    for folder in ("locale", "conflicts/locale")
    for code in ("hy", "ru")
]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdr]")
FIELD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (\".*\")$")


def entries(po: Path) -> list[dict]:
    """The .po's entries: {"msgctxt", "msgid", "msgid_plural", "msgstr" or "msgstr[n]",
    "fuzzy"}, the header left out."""
    found, entry, field = [], {}, None
    for line in [*po.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry.get("msgid"):
                found.append(entry)
            entry, field = {}, None
        elif line.startswith("#,") and "fuzzy" in line:
            entry["fuzzy"] = True
        elif match := FIELD.match(line):
            field = match.group(1)
            entry[field] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and field:
            entry[field] += ast.literal_eval(line)
    return found


def translations(entry) -> list[str]:
    return [value for key, value in entry.items() if key.startswith("msgstr")]


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_entry_is_translated_with_its_placeholders(po):
    found = entries(po)

    assert len(found) > 30
    untranslated = [e["msgid"] for e in found if e.get("fuzzy") or not all(translations(e))]
    assert untranslated == []
    for entry in found:
        wanted = set(PLACEHOLDER.findall(entry["msgid"] + entry.get("msgid_plural", "")))
        for text in translations(entry):
            # A singular form may leave the count out (Armenian "one"); none may add one.
            assert set(PLACEHOLDER.findall(text)) <= wanted, (entry["msgid"], text)
        if "msgstr" in entry:
            assert set(PLACEHOLDER.findall(entry["msgstr"])) == wanted, entry["msgid"]


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_committed_mo_is_compiled_from_the_po(po):
    with po.with_suffix(".mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)

    for entry in entries(po):
        context = entry.get("msgctxt")
        if "msgid_plural" in entry:
            forms = (entry["msgid"], entry["msgid_plural"], 1)
            one = compiled.npgettext(context, *forms) if context else compiled.ngettext(*forms)
            assert one == entry["msgstr[0]"], entry["msgid"]
        elif context:
            assert compiled.pgettext(context, entry["msgid"]) == entry["msgstr"]
        else:
            assert compiled.gettext(entry["msgid"]) == entry["msgstr"], entry["msgid"]
