"""conflicts_export and conflicts_import: a backup of every actor, source, explainer and claim
that a new, empty site loads back exactly (fields compared, not only files); a bad file
changes nothing and names the object and field."""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.fields import StreamField
from wagtail.models import Locale, Page

from conflicts.models import (
    Actor,
    ActorAffiliation,
    Claim,
    ClaimRelation,
    ClaimSource,
    ConflictExplainerPage,
    ConflictIndexPage,
    ConflictParty,
    KeyFact,
    Source,
    TimelineEvent,
)
from conflicts.portable import dump_conflict_data
from newsroom.demo.loader import DEMO_FILE
from tests.factories import (
    ActorFactory,
    ClaimFactory,
    ConflictExplainerPageFactory,
    TimelineEventFactory,
)

pytestmark = pytest.mark.django_db

# What Wagtail and the database keep about an object, not what the data says.
BOOKKEEPING = {
    "latest_revision",
    "live_revision",
    "latest_revision_created_at",
    "first_published_at",
    "last_published_at",
    "has_unpublished_changes",
    "go_live_at",
    "expire_at",
    "locked",
    "locked_at",
    "locked_by",
    "owner",
    "path",
    "depth",
    "numchild",
    "url_path",
    "translation_key",
    "locale",
    "content_type",
    "draft_title",
    "alias_of",
    "sort_order",  # order is compared as list order within the parent
}
MODELS = [
    Actor,
    ActorAffiliation,
    Source,
    ConflictExplainerPage,
    ConflictParty,
    KeyFact,
    TimelineEvent,
    Claim,
    ClaimSource,
    ClaimRelation,
]


def natural_key(obj):
    if obj is None:
        return None
    return getattr(obj, "slug", None) or obj.url


def fields_of(obj) -> dict:
    """obj's stored fields, links by natural key, stream blocks without their random ids."""
    row = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.name in BOOKKEEPING:
            continue
        if field.is_relation:
            row[field.name] = natural_key(getattr(obj, field.name))
        elif isinstance(field, StreamField):
            raw = getattr(obj, field.name).raw_data
            row[field.name] = [{"type": b["type"], "value": b["value"]} for b in raw]
        else:
            row[field.name] = field.value_to_string(obj)
    if isinstance(obj, TimelineEvent):
        row["sources"] = sorted(s.url for s in obj.sources.all())
        row["actors"] = sorted(a.slug for a in obj.actors.all())
    return row


def current(obj):
    """What editors see of obj: a draft never published is its latest revision."""
    if getattr(obj, "live", True) is False and obj.latest_revision_id:
        return obj.latest_revision.as_object()
    return obj


PARENT = {
    ActorAffiliation: "actor",
    ConflictParty: "page",
    KeyFact: "page",
    TimelineEvent: "page",
    ClaimSource: "claim",
    ClaimRelation: "claim",
}


def snapshot() -> dict:
    """Every row of the portable models as data: what must survive. Rows are grouped by
    natural key (ids differ between sites); children keep their order within the parent."""

    def key(model, row):
        return row[PARENT[model]] if model in PARENT else row.get("slug") or row["url"]

    return {
        model.__name__: sorted(
            (fields_of(current(obj)) for obj in model.objects.all()),
            key=lambda row, model=model: key(model, row),
        )
        for model in MODELS
    }


def export(tmp_path, name) -> str:
    path = tmp_path / name
    call_command("conflicts_export", output=str(path), verbosity=0)
    return path.read_text(encoding="utf-8")


def add_drafts():
    """A draft actor, a draft claim with no source yet and a draft explainer: a backup keeps them
    as drafts, from their latest revision."""
    draft = ActorFactory(name="Draft actor", slug="draft-actor", live=False)
    draft.description = "Edited after the first save"
    draft.save_revision()
    claim = Claim(
        slug="draft-claim",
        statement="Not checked yet",
        claimant=Actor.objects.get(slug="dmitry-peskov"),
        made_on="2024-04-18",
        live=False,
    )
    claim.save()
    claim.save_revision()
    index = ConflictIndexPage.objects.get()
    page = ConflictExplainerPage(
        title="Draft explainer", slug="draft-explainer", summary="S", region="R", live=False
    )
    index.add_child(instance=page)
    page.save_revision()


def empty_site() -> ConflictIndexPage:
    """An empty database, as a new site has: no pages but a root and a conflict index.

    Flushed inside the test's transaction (rolled back after it); PostgreSQL first checks the
    deferred foreign keys, as TRUNCATE refuses tables with pending trigger events."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    ContentType.objects.clear_cache()
    Locale.objects.create(language_code="en")
    root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root.add_child(instance=ConflictIndexPage(title="Conflicts", slug="conflicts"))


@pytest.fixture
def fresh_content_types():
    yield
    ContentType.objects.clear_cache()  # the flushed ids are rolled back with the test


def test_a_round_trip_through_an_empty_site_reproduces_the_data_exactly(
    tmp_path, fresh_content_types
):
    call_command("load_demo", verbosity=0)
    add_drafts()
    before = snapshot()
    first = export(tmp_path, "first.json")

    index = empty_site()
    assert not Actor.objects.exists()
    call_command("conflicts_import", str(tmp_path / "first.json"), verbosity=0)

    assert export(tmp_path, "second.json") == first
    after = snapshot()
    for model, rows in before.items():  # model by model, so a failure names what differs
        assert after[model] == rows, model
    assert ConflictExplainerPage.objects.get(slug="nagorno-karabakh").get_parent().pk == index.pk
    assert not Actor.objects.get(slug="draft-actor").live
    assert Actor.objects.get(slug="draft-actor").description == "Edited after the first save"
    assert not Claim.objects.get(slug="draft-claim").live
    assert not ConflictExplainerPage.objects.get(slug="draft-explainer").live


def test_the_export_holds_the_demo_datas_conflict_sections(tmp_path):
    call_command("load_demo", verbosity=0)
    demo = json.loads(DEMO_FILE.read_text(encoding="utf-8"))

    exported = json.loads(export(tmp_path, "out.json"))

    assert exported["format"] == "conflicts/1"
    for key, natural in [("actors", "slug"), ("sources", "url"), ("claims", "slug")]:
        assert {row[natural] for row in exported[key]} == {row[natural] for row in demo[key]}
        by_key = {row[natural]: row for row in exported[key]}
        for row in demo[key]:  # every value the demo file gives comes back as given
            assert {k: by_key[row[natural]][k] for k in row} == row
    [explainer] = exported["explainers"]
    [demo_explainer] = demo["explainers"]
    assert {k: v for k, v in explainer.items() if k != "timeline_events"} == {
        k: v for k, v in demo_explainer.items() if k != "timeline_events"
    }
    assert sorted(e["title"] for e in explainer["timeline_events"]) == sorted(
        e["title"] for e in demo_explainer["timeline_events"]
    )


def test_the_export_goes_to_standard_output_without_output(capsys):
    call_command("load_demo", verbosity=0)

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
    assert (len(few), len(many)) == (14, 14)
