"""Frontend-cache purge: the exact URLs a change to a story, an actor or a claim purges."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from conflicts.models import ActorAffiliation, ClaimRelation, ConflictParty
from conflicts.purge import actor_purge_batch
from newsroom.stories.models import ArticlePage
from newsroom.stories.purge import article_purge_batch
from tests.factories import (
    ActorFactory,
    ArticlePageFactory,
    ClaimFactory,
    ConflictExplainerPageFactory,
    SectionPageFactory,
)

SITE = "http://localhost"


def mention(kind, obj, words):
    return ("paragraph", f'<p><a linktype="{kind}" id="{obj.pk}">{words}</a> said so.</p>')


@pytest.fixture
def world(site_tree):
    """An explainer, Peskov (of the Kremlin) with a claim, and stories around them."""
    explainer = ConflictExplainerPageFactory(parent=site_tree.conflicts, slug="karabakh")
    kremlin = ActorFactory(name="The Kremlin", slug="kremlin")
    peskov = ActorFactory(name="Dmitry Peskov", slug="peskov")
    ActorAffiliation.objects.create(actor=peskov, organisation=kremlin, role="Spokesperson")
    ConflictParty.objects.create(page=explainer, actor=kremlin, role="Mediator")
    claim = ClaimFactory(claimant=peskov, slug="they-leave", conflict=explainer)
    answer = ClaimFactory(claimant=kremlin, slug="they-stay")
    ClaimRelation.objects.create(claim=answer, other=claim, kind="disputes")
    story = ArticlePageFactory(
        parent=site_tree.news,
        slug="story",
        explainer=explainer,
        actors=[peskov],
        claims=[claim],
        tags=["lachin", "peacekeepers"],
    )
    other = ArticlePageFactory(parent=site_tree.news, slug="other-story", explainer=explainer)
    mentioning = ArticlePageFactory(
        parent=site_tree.news,
        slug="mentions",
        body=[mention("actor", peskov, "Peskov"), mention("claim", claim, "the claim")],
    )
    draft = ArticlePageFactory(parent=site_tree.news, slug="draft", actors=[peskov], live=False)
    unrelated = ArticlePageFactory(parent=site_tree.news, slug="unrelated")
    for page in (story, other, mentioning, draft, unrelated):
        page.save_revision()  # fills Wagtail's reference index as the admin does
    mentioning.save_revision().publish()
    return {
        "story": story,
        "peskov": peskov,
        "kremlin": kremlin,
        "claim": claim,
        "explainer": explainer,
    }


STORY_URLS = {
    f"{SITE}/news/story/",
    f"{SITE}/news/",
    f"{SITE}/",
    f"{SITE}/conflicts/karabakh/",
    f"{SITE}/news/other-story/",  # its sidebar lists more stories on the conflict
    f"{SITE}/actors/peskov/",
    f"{SITE}/claims/they-leave/",
    f"{SITE}/tags/lachin/",
    f"{SITE}/tags/peacekeepers/",
    f"{SITE}/feeds/rss/",
    f"{SITE}/feeds/atom/",
    f"{SITE}/feeds/sections/news/rss/",
    f"{SITE}/feeds/sections/news/atom/",
    f"{SITE}/feeds/conflicts/karabakh/rss/",
    f"{SITE}/feeds/conflicts/karabakh/atom/",
    f"{SITE}/feeds/actors/peskov/rss/",
    f"{SITE}/feeds/actors/peskov/atom/",
}


def test_publishing_a_story_purges_every_page_and_feed_that_shows_it(world, purged):
    world["story"].save_revision().publish()

    assert set(purged) == STORY_URLS


def test_unpublishing_a_story_purges_the_same_pages(world, purged):
    world["story"].unpublish()

    assert set(purged) == STORY_URLS


def test_a_section_purges_every_numbered_page(site_tree, purged):
    section = SectionPageFactory(parent=site_tree.home, slug="analysis", title="Analysis")
    stories = ArticlePageFactory.create_batch(41, parent=section)

    stories[0].save_revision().publish()

    section_urls = {url for url in purged if url.startswith(f"{SITE}/analysis/?")}
    assert section_urls == {f"{SITE}/analysis/?page=2", f"{SITE}/analysis/?page=3"}


def newest_story_on_the_conflict(world):
    """A story on world's conflict, dated after every other (/news/newest/)."""
    return ArticlePageFactory(
        parent=world["story"].get_parent(),
        slug="newest",
        explainer=world["explainer"],
        display_date="2030-01-01T12:00:00Z",
    )


def test_a_section_counts_no_more_stories_than_its_purged_pages_hold(site_tree, settings):
    settings.PURGE_NUMBERED_PAGES = 2  # 40 stories fill them
    section = SectionPageFactory(parent=site_tree.home, slug="analysis", title="Analysis")
    ArticlePageFactory.create_batch(45, parent=section)

    with CaptureQueriesContext(connection) as queries:
        paths = section.get_cached_paths()

    assert paths == ["/", "/?page=2"]
    (count,) = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    assert "LIMIT 40" in count  # it stops at 40 rather than counting all 45


def test_only_the_newest_other_stories_on_the_conflict_are_purged(world, purged, settings):
    settings.PURGE_CONFLICT_STORIES = 1
    newest_story_on_the_conflict(world)

    world["story"].save_revision().publish()

    assert f"{SITE}/news/newest/" in purged
    assert f"{SITE}/news/other-story/" not in purged  # older: it expires instead


def test_only_the_first_numbered_pages_are_purged(site_tree, purged, settings):
    settings.PURGE_NUMBERED_PAGES = 2  # a section of 3 pages: page 3 waits for expiry
    section = SectionPageFactory(parent=site_tree.home, slug="analysis", title="Analysis")
    stories = ArticlePageFactory.create_batch(41, parent=section, tags=["lachin"])

    stories[0].save_revision().publish()

    numbered = {url for url in purged if "?page=" in url}
    assert numbered == {f"{SITE}/analysis/?page=2", f"{SITE}/tags/lachin/?page=2"}


def test_publishing_an_actor_purges_every_page_that_shows_it(world, purged):
    world["peskov"].save_revision().publish()

    assert set(purged) == {
        f"{SITE}/actors/peskov/",
        f"{SITE}/actors/peskov/card/",
        f"{SITE}/actors/kremlin/",  # lists its spokesperson
        f"{SITE}/claims/they-leave/",  # names its claimant
        f"{SITE}/claims/they-leave/card/",
        f"{SITE}/news/story/",  # links Peskov and his claim
        f"{SITE}/news/mentions/",  # mentions him in the text
        f"{SITE}/conflicts/karabakh/",  # lists his claim
        f"{SITE}/feeds/actors/peskov/rss/",
        f"{SITE}/feeds/actors/peskov/atom/",
    }


def test_unpublishing_an_actor_purges_the_explainer_that_lists_it_as_a_party(world, purged):
    world["kremlin"].unpublish()

    assert set(purged) == {
        f"{SITE}/actors/kremlin/",
        f"{SITE}/actors/kremlin/card/",
        f"{SITE}/actors/peskov/",  # lists his organisation
        f"{SITE}/claims/they-stay/",
        f"{SITE}/claims/they-stay/card/",
        f"{SITE}/conflicts/karabakh/",
        f"{SITE}/feeds/actors/kremlin/rss/",
        f"{SITE}/feeds/actors/kremlin/atom/",
    }


def test_publishing_a_claim_purges_every_page_that_shows_it(world, purged):
    world["claim"].save_revision().publish()

    assert set(purged) == {
        f"{SITE}/claims/they-leave/",
        f"{SITE}/claims/they-leave/card/",
        f"{SITE}/claims/they-stay/",  # disputes it
        f"{SITE}/actors/peskov/",  # lists his claims
        f"{SITE}/conflicts/karabakh/",
        f"{SITE}/news/story/",
        f"{SITE}/news/mentions/",
    }


def test_deleting_a_claim_purges_its_pages_once_the_deletion_is_committed(
    world, purged, django_capture_on_commit_callbacks
):
    lone = ClaimFactory(claimant=world["kremlin"], slug="lone", conflict=world["explainer"])

    with django_capture_on_commit_callbacks(execute=True):
        lone.delete()

    assert set(purged) == {
        f"{SITE}/claims/lone/",
        f"{SITE}/claims/lone/card/",
        f"{SITE}/actors/kremlin/",
        f"{SITE}/conflicts/karabakh/",
    }


EXPLAINER_URLS = {
    f"{SITE}/conflicts/karabakh/",
    f"{SITE}/conflicts/",  # the index lists it
    f"{SITE}/news/story/",  # the sidebar shows its card
    f"{SITE}/news/other-story/",
    f"{SITE}/claims/they-leave/",  # names its conflict
    f"{SITE}/feeds/conflicts/karabakh/rss/",
    f"{SITE}/feeds/conflicts/karabakh/atom/",
}


def test_publishing_an_explainer_purges_the_stories_and_claims_that_show_it(world, purged):
    world["explainer"].save_revision().publish()

    assert set(purged) == EXPLAINER_URLS


def test_unpublishing_an_explainer_purges_the_same_pages(world, purged):
    world["explainer"].unpublish()

    assert set(purged) == EXPLAINER_URLS


def test_an_explainer_change_purges_only_its_newest_stories_and_going_off_purges_all(
    world, purged, settings
):
    settings.CONFLICTS_PURGE_EXPLAINER_STORIES = 1
    newest_story_on_the_conflict(world)
    ArticlePageFactory(  # newer still, but a draft: it must not take the one place
        parent=world["story"].get_parent(),
        slug="newer-draft",
        explainer=world["explainer"],
        display_date="2031-01-01T12:00:00Z",
        live=False,
    )

    world["explainer"].save_revision().publish()
    changed = set(purged)
    purged.clear()
    world["explainer"].unpublish()

    assert f"{SITE}/news/newest/" in changed
    assert f"{SITE}/news/story/" not in changed  # older: its copy expires instead
    assert f"{SITE}/news/other-story/" not in changed
    assert {f"{SITE}/news/newest/", f"{SITE}/news/story/", f"{SITE}/news/other-story/"} <= set(
        purged
    )  # gone: no cached page may keep showing its card


def republish(story, change, purged):
    """Publish the live story, then change(story) and publish it again, as an editor does in
    the admin: purged keeps only what the second publish purged."""
    story.save_revision().publish()
    purged.clear()
    story = ArticlePage.objects.get(pk=story.pk)
    change(story)
    story.save_revision().publish()


def test_a_story_republished_without_a_tag_purges_that_tag_page(world, purged):
    republish(world["story"], lambda story: story.tags.remove("lachin"), purged)

    assert f"{SITE}/tags/lachin/" in purged  # it answers 404 now, its copy shows the story
    assert f"{SITE}/tags/peacekeepers/" in purged


def test_a_story_leaving_a_tag_purges_the_numbered_pages_it_was_counted_on(world, purged, settings):
    settings.PURGE_NUMBERED_PAGES = 2
    ArticlePageFactory.create_batch(20, parent=world["story"].get_parent(), tags=["lachin"])

    republish(world["story"], lambda story: story.tags.remove("lachin"), purged)

    # 21 stories filled two pages; 20 fill one, and the cached page 2 is gone
    assert {f"{SITE}/tags/lachin/", f"{SITE}/tags/lachin/?page=2"} <= set(purged)


def test_a_story_republished_without_an_actor_purges_the_actor_page_and_feeds(world, purged):
    def unlink_actors(story):
        story.actor_links = []

    republish(world["story"], unlink_actors, purged)

    assert {
        f"{SITE}/actors/peskov/",
        f"{SITE}/feeds/actors/peskov/rss/",
        f"{SITE}/feeds/actors/peskov/atom/",
    } <= set(purged)


def test_a_story_republished_without_a_claim_purges_the_claim_page(world, purged):
    def unlink_claims(story):
        story.claim_links = []

    republish(world["story"], unlink_claims, purged)

    assert f"{SITE}/claims/they-leave/" in purged


def test_a_story_moved_to_another_conflict_purges_the_old_explainer_and_its_stories(
    world, site_tree, purged
):
    gaza = ConflictExplainerPageFactory(parent=site_tree.conflicts, slug="gaza")

    def move_to_gaza(story):
        story.explainer = gaza

    republish(world["story"], move_to_gaza, purged)

    assert {
        f"{SITE}/conflicts/karabakh/",
        f"{SITE}/feeds/conflicts/karabakh/rss/",
        f"{SITE}/feeds/conflicts/karabakh/atom/",
        f"{SITE}/news/other-story/",  # its sidebar listed the story under "more on Karabakh"
        f"{SITE}/conflicts/gaza/",
        f"{SITE}/feeds/conflicts/gaza/rss/",
    } <= set(purged)


@pytest.mark.parametrize("links", [1, 3])
def test_finding_the_pages_a_story_left_costs_fixed_queries(
    site_tree, links, django_assert_num_queries
):
    karabakh = ConflictExplainerPageFactory(parent=site_tree.conflicts, slug="karabakh")
    gaza = ConflictExplainerPageFactory(parent=site_tree.conflicts, slug="gaza")
    story = ArticlePageFactory(
        parent=site_tree.news,
        explainer=karabakh,
        actors=ActorFactory.create_batch(links),
        claims=ClaimFactory.create_batch(links),
        tags=[f"tag-{i}" for i in range(links)],
    )
    story = ArticlePage.objects.get(pk=story.pk)
    story.explainer = gaza
    story.actor_links = []
    story.claim_links = []
    story.tags.clear()
    story.save()  # the full save a publish makes: it notes what showed the story until now
    Site.get_site_root_paths()  # cached for the process after the first request

    # the explainers' slugs, the pages that show or showed it, the section's numbered pages
    # (two), actors, claims, tags: as many for 3 old links as for 1
    with django_assert_num_queries(7):
        batch = article_purge_batch(story, story.shown_before)

    urls = set(batch.urls)
    assert {f"{SITE}/conflicts/karabakh/", f"{SITE}/feeds/conflicts/karabakh/rss/"} <= urls
    assert sum("/actors/" in url for url in urls) == links * 3  # its page and two feeds
    assert sum("/claims/" in url for url in urls) == links
    assert sum("/tags/" in url for url in urls) == links


@pytest.mark.parametrize("stories", [3, 30])
def test_finding_the_pages_of_an_actor_costs_fixed_queries(
    site_tree, stories, django_assert_num_queries
):
    actor = ActorFactory(slug="busy")
    for i in range(stories):
        ArticlePageFactory(parent=site_tree.news, slug=f"s{i}", actors=[actor])

    Site.get_site_root_paths()  # cached for the process after the first request

    # pages (one query for every kind of link), affiliations, claims
    with django_assert_num_queries(3):
        batch = actor_purge_batch(actor)

    assert len(batch.urls) == stories + 4  # the stories, the actor's page, card and feeds


def test_a_renamed_story_purges_its_old_and_new_addresses(
    site_tree, purged, django_capture_on_commit_callbacks
):
    story = ArticlePageFactory(parent=site_tree.news, slug="leave")
    purged.clear()

    story.slug = "withdrawal"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail signals it on commit
        story.save_revision().publish()

    assert f"{SITE}/news/leave/" in purged  # else a CDN keeps the old page there
    assert f"{SITE}/news/withdrawal/" in purged


def test_a_renamed_section_purges_the_old_and_new_addresses_of_it_and_its_live_stories(
    site_tree, purged, django_capture_on_commit_callbacks
):
    world = SectionPageFactory(parent=site_tree.home, slug="world")
    ArticlePageFactory(parent=world, slug="leave")
    ArticlePageFactory(parent=world, slug="draft", live=False)
    purged.clear()

    world.slug = "regions"
    with django_capture_on_commit_callbacks(execute=True):
        world.save_revision().publish()

    assert {
        f"{SITE}/world/",
        f"{SITE}/world/leave/",
        f"{SITE}/regions/",
        f"{SITE}/regions/leave/",
    } <= set(purged)
    assert not [url for url in purged if "draft" in url]


def test_a_story_moved_to_another_section_purges_its_old_and_new_addresses(site_tree, purged):
    story = ArticlePageFactory(parent=site_tree.news, slug="leave")
    analysis = SectionPageFactory(parent=site_tree.home, slug="analysis")
    purged.clear()

    story.move(analysis, pos="last-child")

    # Wagtail's redirect purges "/news/leave" (no slash); the page was cached with one
    assert {f"{SITE}/analysis/leave/", f"{SITE}/news/leave/"} <= set(purged)


def test_reordering_pages_purges_nothing(site_tree, purged):
    first = ArticlePageFactory(parent=site_tree.news, slug="first")
    ArticlePageFactory(parent=site_tree.news, slug="second")
    purged.clear()

    first.move(site_tree.news, pos="last-child")

    assert purged == []
