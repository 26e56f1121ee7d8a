"""The plugin's words go through Django's translation machinery, so a catalogue can translate
them: model and admin strings lazily (when shown), messages and templates as they are built.

`marked` stands in for a catalogue: every string Django translates comes back in ⟦ ⟧, and
the message ids asked for are recorded. A plain string, or an f-string inside _(), fails.
"""

from datetime import date

import pytest
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.functional import Promise
from django.utils.safestring import SafeData, mark_safe

from conflicts.factcheck import claim_problems
from conflicts.forms import NO_SOURCE_MESSAGE
from conflicts.models import Claim, FactCheckTask, Verdict
from conflicts.panels import related_context_panels
from conflicts.portable import DataError
from conflicts.portable.rules import parse_date
from conflicts.sidebar.cards import ActorCard, ExplainerCard, RelatedContext
from conflicts.validators import rich_text_problems
from conflicts.wagtail_hooks import ConflictsViewSetGroup


def mark_translations(monkeypatch) -> list[str]:
    """Translate every string to ⟦string⟧; returns the message ids asked for."""
    asked = []

    def gettext(message):
        asked.append(str(message))
        result = f"⟦{message}⟧"
        return mark_safe(result) if isinstance(message, SafeData) else result  # noqa: S308

    translation.gettext("")  # loads Django's translation functions before replacing one
    monkeypatch.setattr(translation._trans, "gettext", gettext)
    return asked


@pytest.fixture
def marked(monkeypatch) -> list[str]:
    return mark_translations(monkeypatch)


LAZY_STRINGS = {
    "a field's help text": (
        lambda: Claim._meta.get_field("statement").help_text,
        "What was claimed, in neutral words.",
    ),
    "a field's verbose name": (
        lambda: Claim._meta.get_field("quote").verbose_name,
        "verbatim quote",
    ),
    "a verdict's label": (lambda: Verdict.CONFIRMED.label, "Confirmed"),
    "a model's verbose name": (lambda: FactCheckTask._meta.verbose_name, "fact check task"),
    "a panel heading": (lambda: related_context_panels[0].heading, "Related context"),
    "a menu label": (lambda: ConflictsViewSetGroup.menu_label, "Conflicts"),
    "a validation message": (
        lambda: NO_SOURCE_MESSAGE,
        "Sources: add at least one source that shows this claim before publishing it.",
    ),
}


@pytest.mark.parametrize("name", LAZY_STRINGS)
def test_model_and_admin_strings_are_translated_when_shown(name, monkeypatch):
    read, english = LAZY_STRINGS[name]
    value = read()
    assert isinstance(value, Promise), name
    assert str(value) == english
    mark_translations(monkeypatch)
    assert str(value) == f"⟦{english}⟧"


def test_fact_check_problems_translate_the_sentence_then_fill_it_in(marked):
    claim = Claim(statement="Troops withdrew", verdict=Verdict.DISPUTED, live=False)
    claim.source_count = 0
    assert claim_problems([claim]) == [
        '⟦Claim "Troops withdrew" has no source: add one that shows it.⟧',
        '⟦Claim "Troops withdrew" has the verdict "⟦Disputed⟧" with no explanation: explain '
        "what the sources show.⟧",
        '⟦Claim "Troops withdrew" is a draft: publish it or remove it from the story.⟧',
    ]
    assert 'Claim "%(claim)s" has no source: add one that shows it.' in marked


def test_validator_and_import_messages_are_translated(marked):
    assert rich_text_problems("<p>Hi</p><script>x</script>") == ["⟦remove the <script> element⟧"]
    with pytest.raises(DataError) as raised:
        parse_date("2024-13-01", 'claim "truce"', "made_on")
    assert str(raised.value) == '⟦claim "truce": made_on: "2024-13-01" is not a date (YYYY-MM-DD)⟧'
    assert "remove the <%(tag)s> element" in marked


SIDEBAR = "conflicts/includes/sidebar.html"


def sidebar_html() -> str:
    explainer = ExplainerCard(
        id=1,
        slug="karabakh",
        title="Nagorno-Karabakh",
        url="/conflicts/karabakh/",
        summary="",
        status="frozen",
        status_label="Frozen",
        region="South Caucasus",
        last_reviewed=date(2024, 5, 1),
    )
    actor = ActorCard(1, "Kremlin", "kremlin", "/actors/kremlin/", "state", "State", "", "")
    context = RelatedContext(explainer=explainer, actors=[actor])
    return render_to_string(SIDEBAR, {"related_context": context})


def test_the_sidebar_falls_back_to_english_in_a_language_with_no_catalogue():
    assert "{% load i18n %}" in get_template(SIDEBAR).template.source
    with translation.override("fr"):  # the plugin ships Armenian and Russian only
        assert translation.get_language() == "fr"
        html = sidebar_html()
    assert '<h2 id="context-actors">Key actors in this story</h2>' in html
    assert '<h2 id="context-explainer">The conflict</h2>' in html
    assert "Status: Frozen · Region: South Caucasus" in html


@pytest.mark.parametrize(
    ("language", "actors", "brief"),
    [
        ("ru", "Ключевые участники этого материала", "Статус: Frozen · Регион: South Caucasus"),
        ("hy", "Այս նյութի հիմնական դերակատարները", "Կարգավիճակ՝ Frozen · Տարածաշրջան՝ South"),
    ],
)
def test_the_sidebar_speaks_the_plugins_own_catalogue(language, actors, brief):
    """conflicts/locale/<language>/LC_MESSAGES/django.mo, found through the app."""
    with translation.override(language):
        html = sidebar_html()
    assert f'<h2 id="context-actors">{actors}</h2>' in html
    assert brief in html


def test_the_sidebar_words_go_through_gettext(marked):
    html = sidebar_html()
    assert 'aria-label="⟦Related context⟧"' in html
    assert '<h2 id="context-actors">⟦Key actors in this story⟧</h2>' in html
    assert "⟦Status:⟧ Frozen · ⟦Region:⟧ South Caucasus" in html
    assert '<p class="reviewed">⟦Last reviewed <time datetime="2024-05-01">' in html
    assert 'Last reviewed <time datetime="%(iso_date)s">%(date)s</time>' in marked
