"""The related-context sidebar's data: what it shows, in what order, and at what cost."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Site

from conflicts.models import ClaimSource, Verdict
from conflicts.sidebar.build import build_sidebar
from tests.conflicts.factories import (
    ActorFactory,
    ClaimFactory,
    ConflictExplainerPageFactory,
    SourceFactory,
    TimelineEventFactory,
)
from tests.conflicts.host.factories import StoryActorLinkFactory, StoryPageFactory

STORY_DATE = timezone.make_aware(datetime.datetime(2024, 4, 17, 12, 0))


@pytest.fixture
def explainer(site_tree):
    page = ConflictExplainerPageFactory(parent=site_tree.conflicts, slug="nagorno-karabakh")
    for day, title in [
        (datetime.date(2020, 9, 27), "War begins"),
        (datetime.date(2020, 11, 10), "Ceasefire"),
        (datetime.date(2022, 12, 12), "Lachin corridor blockade begins"),
        (datetime.date(2023, 9, 19), "One-day offensive"),
        (datetime.date(2024, 2, 22), "Armenia freezes CSTO participation"),
        (datetime.date(2024, 6, 12), "Withdrawal completed"),
        (datetime.date(2025, 1, 1), "Later event"),
        (datetime.date(2025, 6, 1), "Much later event"),
    ]:
        TimelineEventFactory(page=page, date=day, title=title)
    return page


def make_story(site_tree, explainer, links: int, **kwargs):
    actors = ActorFactory.create_batch(links)
    claims = [ClaimFactory(claimant=actors[i % links], sources=2) for i in range(links)]
    return StoryPageFactory(
        parent=site_tree.news,
        explainer=explainer,
        display_date=STORY_DATE,
        actors=actors,
        claims=claims,
        **kwargs,
    )


def test_sidebar_shows_linked_actors_in_editor_order(site_tree, explainer):
    peskov = ActorFactory(name="Dmitry Peskov", description="Kremlin spokesperson")
    pashinyan = ActorFactory(name="Nikol Pashinyan", description="Prime Minister of Armenia")
    story = StoryPageFactory(parent=site_tree.news, actors=[pashinyan, peskov])

    actors = build_sidebar(story).actors

    assert [(a.name, a.description, a.url) for a in actors] == [
        ("Nikol Pashinyan", "Prime Minister of Armenia", f"/actors/{pashinyan.slug}/"),
        ("Dmitry Peskov", "Kremlin spokesperson", f"/actors/{peskov.slug}/"),
    ]


def test_sidebar_claims_carry_claimant_verdict_and_sources_as_stored(site_tree, explainer):
    peskov = ActorFactory(name="Dmitry Peskov")
    claim = ClaimFactory(
        statement="Russian peacekeepers will leave Nagorno-Karabakh",
        claimant=peskov,
        verdict=Verdict.DISPUTED,
        verdict_explanation="Armenia disputes it.",
        sources=0,
    )
    tass = SourceFactory(publisher="TASS", title="Peskov confirms", url="https://tass.com/1")
    ClaimSource.objects.create(claim=claim, source=tass, shows="supports", quote="paragraph 2")
    story = StoryPageFactory(parent=site_tree.news, claims=[claim])

    [card] = build_sidebar(story).claims

    assert card.statement == "Russian peacekeepers will leave Nagorno-Karabakh"
    assert card.claimant.name == "Dmitry Peskov"
    assert (card.verdict, card.verdict_label) == ("disputed", "Disputed")
    assert card.verdict_explanation == "Armenia disputes it."
    assert [(s.publisher, s.url, s.shows_label, s.quote) for s in card.sources] == [
        ("TASS", "https://tass.com/1", "Supports the claim", "paragraph 2")
    ]


def test_sidebar_leaves_out_drafts_and_hidden_links(site_tree, explainer):
    shown = ActorFactory(name="Shown actor")
    draft = ActorFactory(name="Draft actor", live=False)
    hidden = ActorFactory(name="Hidden actor")
    draft_claim = ClaimFactory(statement="A draft claim", live=False)
    by_draft_claimant = ClaimFactory(statement="Claim by a draft actor", claimant=draft)
    story = StoryPageFactory(
        parent=site_tree.news,
        actors=[shown, draft],
        claims=[draft_claim, by_draft_claimant],
    )
    StoryActorLinkFactory(page=story, actor=hidden, show_in_sidebar=False, sort_order=9)

    context = build_sidebar(story)

    assert [a.name for a in context.actors] == ["Shown actor"]
    assert context.claims == []


def test_sidebar_explainer_card_and_timeline_around_the_story_date(site_tree, explainer):
    story = StoryPageFactory(parent=site_tree.news, explainer=explainer, display_date=STORY_DATE)

    context = build_sidebar(story)

    assert context.explainer.title == "Nagorno-Karabakh conflict"
    assert context.explainer.url == "/conflicts/nagorno-karabakh/"
    assert [e.title for e in context.timeline_before] == [
        "Lachin corridor blockade begins",
        "One-day offensive",
        "Armenia freezes CSTO participation",
    ]
    assert [e.title for e in context.timeline_after] == ["Withdrawal completed", "Later event"]
    assert context.timeline_before[0].display_date == "12 December 2022"


def test_sidebar_more_stories_are_live_others_on_the_conflict_newest_first(site_tree, explainer):
    story = StoryPageFactory(parent=site_tree.news, explainer=explainer, title="This story")
    StoryPageFactory(
        parent=site_tree.news,
        explainer=explainer,
        title="Older story",
        display_date=STORY_DATE - datetime.timedelta(days=30),
    )
    StoryPageFactory(
        parent=site_tree.news, explainer=explainer, title="Newer story", display_date=STORY_DATE
    )
    StoryPageFactory(parent=site_tree.news, explainer=explainer, title="Draft", live=False)
    StoryPageFactory(parent=site_tree.news, title="Other conflict story")

    titles = [s.title for s in build_sidebar(story).more_stories]

    # "This story" was dated now, so both others are older than it; drafts never show.
    assert titles == ["Newer story", "Older story"]


def test_sidebar_hides_an_unpublished_explainer(site_tree, explainer):
    explainer.unpublish()
    story = StoryPageFactory(parent=site_tree.news, explainer=explainer)

    context = build_sidebar(story)

    assert context.explainer is None
    assert context.timeline_before == []
    assert context.more_stories == []


# the story's language and its naming rules, actor links, claim links, claim sources, view
# restrictions (read once), explainer (with its translations), its timeline, more stories
# (was 8: the timeline before and after took one query each; 7 before languages). A story
# not in the default language pays one more per model for the words: tests/conflicts/
# test_languages.py.
SIDEBAR_QUERIES = 8


@pytest.mark.parametrize("links", [3, 30])
def test_sidebar_costs_the_same_queries_for_3_or_30_links(
    site_tree, explainer, links, django_assert_num_queries
):
    story = make_story(site_tree, explainer, links)
    StoryPageFactory(parent=site_tree.news, explainer=explainer)
    Site.get_site_root_paths()  # warm, as every request after the first finds it cached

    with django_assert_num_queries(SIDEBAR_QUERIES):
        context = build_sidebar(story)

    assert len(context.actors) == links
    assert len(context.claims) == links
    assert all(len(c.sources) == 2 for c in context.claims)
    assert len(context.more_stories) == 1
