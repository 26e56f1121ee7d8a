"""Frontend-cache purge: the exact URLs a story going live, off or republished with other
links purges (its pages, sections, tags, feeds, conflict and actors), and what finding
them costs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from newsroom.stories.models import ArticlePage
from newsroom.stories.purge import article_purge_batch
from tests.factories import (
    ActorFactory,
    ArticlePageFactory,
    ClaimFactory,
    ConflictExplainerPageFactory,
    SectionPageFactory,
)
from tests.newsroom.purging import SITE, newest_story_on_the_conflict

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
    f"{SITE}/feeds/corrections/rss/",  # its corrections, if any, are in it
    f"{SITE}/feeds/corrections/atom/",
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
