"""What modelcluster costs, cut (conflicts/models/clusters.py): actors, claims and timeline
events read from the database skip its constructor, and a story's revision checks its
foreign keys in one query per kind of target, with modelcluster's own outcome."""

import datetime

import pytest
from modelcluster import models as modelcluster_models
from modelcluster.models import ClusterableModel
from taggit.models import Tag
from wagtail.models import Revision

from conflicts.models import Actor, ActorAffiliation, Claim, ConflictExplainerPage, TimelineEvent
from tests.conflicts.factories import ActorFactory, ClaimFactory, ConflictExplainerPageFactory
from tests.conflicts.host.factories import StoryPageFactory
from tests.conflicts.host.models import StoryPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def child_scans(monkeypatch):
    """How many times modelcluster scanned a model's fields for child relations."""
    calls = []
    scan = modelcluster_models.get_all_child_relations

    def counted(model):
        calls.append(model)
        return scan(model)

    monkeypatch.setattr(modelcluster_models, "get_all_child_relations", counted)
    return calls


def test_rows_read_from_the_database_skip_the_child_scan(site_tree, child_scans):
    kremlin = ActorFactory(name="Kremlin")
    peskov = ActorFactory(name="Dmitry Peskov")
    ActorAffiliation.objects.create(actor=peskov, organisation=kremlin, role="Spokesperson")
    ClaimFactory(claimant=peskov, statement="The contingent leaves early")
    child_scans.clear()

    actors = list(Actor.objects.order_by("name"))
    claims = list(Claim.objects.select_related("claimant"))

    assert child_scans == []
    assert [a.name for a in actors] == ["Dmitry Peskov", "Kremlin"]
    assert claims[0].statement == "The contingent leaves early"
    assert claims[0].claimant.name == "Dmitry Peskov"
    assert [str(a) for a in actors[0].affiliations.all()] == ["Spokesperson of Kremlin"]


def test_child_rows_passed_by_keyword_are_kept_and_saved(site_tree):
    kremlin = ActorFactory(name="Kremlin")
    peskov = Actor(
        name="Dmitry Peskov",
        kind=Actor.Kind.PERSON,
        affiliations=[ActorAffiliation(organisation=kremlin, role="Spokesperson")],
    )

    assert [a.role for a in peskov.affiliations.all()] == ["Spokesperson"]
    peskov.save()
    saved = Actor.objects.get(pk=peskov.pk)
    assert [str(a) for a in saved.affiliations.all()] == ["Spokesperson of Kremlin"]


def test_timeline_event_takes_its_actors_by_keyword(site_tree):
    kremlin = ActorFactory(name="Kremlin")
    event = TimelineEvent(
        date=datetime.date(2024, 4, 17), title="Withdrawal announced", actors=[kremlin]
    )

    assert [a.name for a in event.actors.all()] == ["Kremlin"]


def story_revision(site_tree, links: int, **kwargs):
    """A story's revision linking `links` actors and `links` claims."""
    story = StoryPageFactory(
        parent=site_tree.news,
        actors=ActorFactory.create_batch(links),
        claims=[ClaimFactory(sources=0) for _ in range(links)],
        **kwargs,
    )
    return StoryPage.objects.get(pk=story.pk).save_revision()


@pytest.mark.parametrize("links", [1, 12])
def test_a_story_revision_loads_in_the_same_queries_whatever_its_links(
    site_tree, django_assert_num_queries, links
):
    revision = story_revision(site_tree, links)
    revision = Revision.objects.get(pk=revision.pk)
    revision.content_object  # noqa: B018 - read the story first: only the load is counted

    # One query per kind of target: locale, content type, the links' story, actors, claims;
    # then Wagtail's own two (the story's page row and its comments). modelcluster alone
    # read one row per key: 8 queries with one link of each kind, 52 with 12. (A host story
    # with more kinds of keys pays one more query per kind: bylines' authors, say.)
    with django_assert_num_queries(7):
        story = revision.as_object()

    assert len(story.actor_links.all()) == links
    assert len(story.claim_links.all()) == links


def test_a_revision_whose_targets_are_gone_loads_as_modelcluster_loads_it(site_tree):
    explainer = ConflictExplainerPageFactory(parent=site_tree.conflicts)
    revision = story_revision(site_tree, 2, explainer=explainer, tags=["peacekeepers", "Lachin"])
    Tag.objects.filter(name="Lachin").delete()
    ConflictExplainerPage.objects.filter(pk=explainer.pk).delete()

    ours = StoryPage.from_serializable_data(revision.content)
    modelclusters = ClusterableModel.from_serializable_data.__func__(StoryPage, revision.content)

    assert ours.explainer_id is None  # SET_NULL: the key is cleared
    assert [tag.tag.name for tag in ours.tagged_items.all()] == ["peacekeepers"]  # CASCADE: gone
    assert ours.serializable_data() == modelclusters.serializable_data()
