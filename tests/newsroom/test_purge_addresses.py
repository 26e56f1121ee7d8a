"""Frontend-cache purge: a story or section at a new address purges its old and new ones
(and its live stories'); reordering pages changes no address and purges nothing."""

from tests.factories import ArticlePageFactory, SectionPageFactory
from tests.newsroom.purging import SITE


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
