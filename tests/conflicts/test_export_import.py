"""conflicts_export and conflicts_import: the export goes to a file or standard output at a
fixed cost; an import is idempotent, and a bad file changes nothing and names the object
and field. (The round trip of a whole site's data runs on the host site's demo data.)"""

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conflicts.models import (
    Actor,
    ActorAffiliation,
    ConflictExplainerPage,
    ConflictIndexPage,
    Source,
)
from conflicts.portable import dump_conflict_data
from tests.conflicts.factories import (
    ActorFactory,
    ClaimFactory,
    ConflictExplainerPageFactory,
    TimelineEventFactory,
)

pytestmark = pytest.mark.django_db


def test_the_export_goes_to_standard_output_without_output(capsys, site_tree):
    ClaimFactory.create_batch(2)

    call_command("conflicts_export")

    data = json.loads(capsys.readouterr().out)
    assert len(data["actors"]) == Actor.objects.count()


def test_importing_twice_changes_nothing(tmp_path, site_tree):
    ActorFactory(name="Dmitry Peskov", slug="dmitry-peskov")
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"actors": [{"slug": "new", "name": "New", "kind": "person"}]}))

    call_command("conflicts_import", str(path), verbosity=0)
    call_command("conflicts_import", str(path), verbosity=0)

    assert Actor.objects.filter(slug="new", live=True).count() == 1
    assert Actor.objects.get(slug="new").revisions.count() == 1


BAD = {
    "unknown field": (
        {"actors": [{"slug": "a", "name": "A", "kind": "person", "nmae": "x"}]},
        'actor "a": nmae: unknown field',
    ),
    "bad kind": (
        {"actors": [{"slug": "a", "name": "A", "kind": "wizard"}]},
        "actor \"a\": kind: Value 'wizard' is not a valid choice.",
    ),
    "missing claimant": (
        {
            "claims": [
                {"slug": "c", "statement": "S", "claimant": "nobody", "made_on": "2024-01-01"}
            ]
        },
        'claim "c": claimant: no actor with the slug "nobody" in the file or site',
    ),
    "hostile source": (
        {
            "sources": [
                {"url": "javascript:alert(1)", "title": "T", "publisher": "P", "kind": "document"}
            ]
        },
        'source "javascript:alert(1)": url: Enter a web address that starts with http://',
    ),
    "live not a flag": (
        {"actors": [{"slug": "a", "name": "A", "kind": "person", "live": "no"}]},
        'actor "a": live: expected true or false',
    ),
}


@pytest.mark.parametrize("case", BAD)
def test_a_bad_file_exits_non_zero_naming_the_object_and_field_and_changes_nothing(
    tmp_path, site_tree, case
):
    data, message = BAD[case]
    data = {"actors": [{"slug": "ok", "name": "OK", "kind": "person"}], **data}
    if "actors" in BAD[case][0]:
        data["actors"] = [{"slug": "ok", "name": "OK", "kind": "person"}, *BAD[case][0]["actors"]]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))

    with pytest.raises(CommandError) as raised:
        call_command("conflicts_import", str(path))

    assert raised.value.returncode == 1
    assert str(raised.value).startswith(f"Nothing was imported. {path}: {message}")
    assert not Actor.objects.exists()
    assert not Source.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such file"), ("{not json", "not valid JSON"), ("[1]", "expected one JSON object")],
)
def test_an_unreadable_file_is_refused_with_a_message(tmp_path, site_tree, content, message):
    path = tmp_path / "file.json"
    if content is not None:
        path.write_text(content)

    with pytest.raises(CommandError, match=message):
        call_command("conflicts_import", str(path))


def test_the_parent_is_found_by_id_or_path_and_a_wrong_one_is_named(tmp_path, site_tree):
    path = tmp_path / "e.json"
    explainer = {"slug": "nk", "title": "NK", "summary": "S", "region": "R"}
    path.write_text(json.dumps({"explainers": [explainer]}))
    second = site_tree.home.add_child(instance=ConflictIndexPage(title="Wars", slug="wars"))

    with pytest.raises(CommandError, match="--parent: give one of "):
        call_command("conflicts_import", str(path))
    with pytest.raises(CommandError, match='--parent: no conflict index page .* "/news/"'):
        call_command("conflicts_import", str(path), parent="/news/")

    call_command("conflicts_import", str(path), parent="/wars/", verbosity=0)
    assert ConflictExplainerPage.objects.get(slug="nk").get_parent().pk == second.pk
    path.write_text(json.dumps({"explainers": [{**explainer, "slug": "nk2"}]}))
    call_command("conflicts_import", str(path), parent=str(site_tree.conflicts.pk), verbosity=0)
    assert ConflictExplainerPage.objects.get(slug="nk2").get_parent().pk == site_tree.conflicts.pk


def test_the_export_costs_the_same_queries_however_much_there_is(site_tree):
    def build(n):
        explainer = ConflictExplainerPageFactory(parent=site_tree.conflicts, slug=f"nk-{n}")
        for _ in range(n):
            actor = ActorFactory()
            ActorAffiliation.objects.create(actor=actor, organisation=ActorFactory(), role="Member")
            claim = ClaimFactory(claimant=actor, conflict=explainer)
            event = TimelineEventFactory(page=explainer)
            event.sources.set([claim.claim_sources.get().source])
            event.actors.set([actor])

    build(2)
    with CaptureQueriesContext(connection) as few:
        small = dump_conflict_data()
    build(20)
    with CaptureQueriesContext(connection) as many:
        large = dump_conflict_data()

    assert len(large["claims"]) == len(small["claims"]) + 20
    # 18: was 14 before the words in other languages (one query each for the actors', claims'
    # and sources' translation rows) and the naming policies (one)
    assert (len(few), len(many)) == (18, 18)


def test_words_in_other_languages_and_naming_policies_make_the_round_trip(site_tree):
    """Exported from one site and imported into an empty one, the Russian and Armenian words
    and the naming policy come back as they were, published with their objects."""
    from wagtail.models import Locale

    from conflicts.models import (
        ActorTranslation,
        Claim,
        ClaimTranslation,
        NamingPolicy,
        NamingRule,
        SourceTranslation,
    )
    from conflicts.portable import load_conflict_data

    ru, hy = (Locale.objects.get_or_create(language_code=code)[0] for code in ("ru", "hy"))
    explainer = ConflictExplainerPageFactory(parent=site_tree.conflicts, slug="karabakh")
    claim = ClaimFactory(claimant=ActorFactory(name="Dmitry Peskov", slug="peskov"))
    ActorTranslation.objects.create(
        actor=claim.claimant, locale=ru, name="Дмитрий Песков", aliases="Песков"
    )
    ActorTranslation.objects.create(actor=claim.claimant, locale=hy, name="Դմիտրի Պեսկով")
    ClaimTranslation.objects.create(claim=claim, locale=ru, statement="Миротворцы уходят")
    source = claim.claim_sources.get().source
    SourceTranslation.objects.create(source=source, locale=ru, title="Песков подтвердил")
    policy = NamingPolicy.objects.create(subject="Stepanakert / Khankendi")
    policy.explainers.set([explainer])
    policy.save()  # a ParentalManyToManyField is saved with its policy
    NamingRule.objects.create(
        policy=policy,
        locale=ru,
        preferred_name="Степанакерт",
        first_mention="Степанакерт (Ханкенди)",
        alternate_names="Ханкенди",
    )
    exported = dump_conflict_data()

    assert exported["actors"][0]["translations"] == {
        "hy": {"name": "Դմիտրի Պեսկով"},
        "ru": {"name": "Дмитрий Песков", "aliases": ["Песков"]},
    }
    assert exported["naming_policies"] == [
        {
            "subject": "Stepanakert / Khankendi",
            "explainers": ["karabakh"],
            "rules": [
                {
                    "language": "ru",
                    "preferred_name": "Степанакерт",
                    "first_mention": "Степанакерт (Ханкенди)",
                    "alternate_names": ["Ханкенди"],
                }
            ],
        }
    ]

    NamingPolicy.objects.all().delete()
    Claim.objects.all().delete()
    Source.objects.all().delete()
    Actor.objects.all().delete()
    ConflictExplainerPage.objects.all().delete()
    result = load_conflict_data(exported, explainer_parent=site_tree.conflicts)

    assert result["created"]["naming policies"] == 1
    assert dump_conflict_data() == exported
    peskov = Actor.objects.get(slug="peskov")
    assert peskov.live
    assert peskov.live_revision.as_object().translations.get(locale=ru).name == "Дмитрий Песков"


def test_words_in_a_language_the_site_does_not_have_are_refused_by_name(tmp_path, site_tree):
    path = tmp_path / "words.json"
    data = {
        "actors": [
            {"slug": "a", "name": "A", "kind": "person", "translations": {"de": {"name": "A"}}}
        ]
    }
    path.write_text(json.dumps(data))

    with pytest.raises(CommandError, match='actor "a" translations: de: no language "de"'):
        call_command("conflicts_import", str(path), verbosity=0)
    assert not Actor.objects.exists()
