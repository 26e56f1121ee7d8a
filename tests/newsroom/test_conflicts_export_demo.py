"""conflicts_export and conflicts_import on the newsroom's demo data: a backup of every actor,
source, explainer and claim that a new, empty site loads back exactly (fields compared, not
only files), and the export holds the demo file's conflict sections as given. The plugin's
own import checks run on its test host: tests/conflicts/test_export_import.py."""

import json
import operator

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
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
from conflicts.portable.load import source_reference
from newsroom.stories.demo.loader import DEMO_FILE
from tests.factories import ActorFactory

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
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:  # as the site's migrations make
        Locale.objects.create(language_code=code)
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
    slug = operator.itemgetter("slug")
    for key, natural in [("actors", slug), ("sources", source_reference), ("claims", slug)]:
        assert {natural(row) for row in exported[key]} == {natural(row) for row in demo[key]}
        by_key = {natural(row): row for row in exported[key]}
        for row in demo[key]:  # every value the demo file gives comes back as given
            assert {k: by_key[natural(row)][k] for k in row} == row
    [explainer] = exported["explainers"]
    [demo_explainer] = demo["explainers"]
    assert {k: v for k, v in explainer.items() if k != "timeline_events"} == {
        k: v for k, v in demo_explainer.items() if k != "timeline_events"
    }
    assert sorted(e["title"] for e in explainer["timeline_events"]) == sorted(
        e["title"] for e in demo_explainer["timeline_events"]
    )
