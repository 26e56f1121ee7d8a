"""A story's bylines, corrections and tags, cached with its sidebar
(newsroom/stories/story_parts.py): a warm story page reads only the story and the pages
above it, and every change readers should see shows on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.stories.models import ArticleCorrection
from tests.factories import ArticlePageFactory, AuthorFactory, ConflictExplainerPageFactory
from tests.pages import get_page, text_of, warm_site_caches

pytestmark = pytest.mark.usefixtures("sidebar_cache_on")


@pytest.fixture
def story(site_tree):
    explainer = ConflictExplainerPageFactory(parent=site_tree.conflicts, title="Karabakh")
    story = ArticlePageFactory(
        parent=site_tree.news,
        slug="story",
        explainer=explainer,
        authors=[AuthorFactory(name="Ani Avetisyan")],
        tags=["Lachin"],
    )
    story.corrections.add(ArticleCorrection(text="<p>An earlier version misdated it.</p>"))
    story.save_revision().publish()
    return story


def story_page(client):
    return get_page(client, "/news/story/")


def test_a_warm_story_page_reads_only_the_story_and_the_pages_above_it(client, story):
    warm_site_caches()
    story_page(client)
    with CaptureQueriesContext(connection) as warm:
        page = story_page(client)

    # the story by its address; the pages above it; its editions in other languages (the
    # language switch and hreflang: newsroom/stories/translations.py, not cached)
    assert len(warm) == 3
    assert text_of(page.select_one(".byline .authors")) == "By Ani Avetisyan"
    assert "An earlier version misdated it." in text_of(page.select_one(".corrections"))
    assert [text_of(a) for a in page.select(".story-tags a")] == ["Lachin"]


def test_a_new_correction_and_a_removed_tag_show_at_once(
    client, story, django_capture_on_commit_callbacks
):
    story_page(client)
    story.corrections.add(ArticleCorrection(text="<p>The convoy left on Friday.</p>"))
    story.tags.clear()
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()

    page = story_page(client)
    assert "The convoy left on Friday." in text_of(page.select_one(".corrections"))
    assert page.select(".story-tags a") == []


def test_a_renamed_author_shows_at_once(client, story, django_capture_on_commit_callbacks):
    story_page(client)
    author = story.bylines.get().author
    author.name = "Ani Avetisyan-Petrosyan"
    with django_capture_on_commit_callbacks(execute=True):
        author.save()

    assert text_of(story_page(client).select_one(".byline .authors")) == (
        "By Ani Avetisyan-Petrosyan"
    )


def test_a_verdict_change_leaves_the_story_parts_warm_and_the_worker_rewarms_its_sidebar(
    client, site_tree, django_capture_on_commit_callbacks
):
    """A plugin change drops only what shows it: the story's bylines, corrections and tags
    stay cached, and its sidebar, rebuilt by the warm-up task (run at once in the tests),
    shows the new verdict with no query of its own."""
    from conflicts.models import Verdict
    from newsroom.stories.models import ArticleClaimLink
    from tests.factories import ClaimFactory

    claim = ClaimFactory(statement="The peacekeepers leave of their own accord.")
    story = ArticlePageFactory(
        parent=site_tree.news, slug="story", authors=[AuthorFactory(name="Ani Avetisyan")]
    )
    story.claim_links.add(ArticleClaimLink(claim=claim))
    story.save_revision().publish()
    warm_site_caches()
    story_page(client)

    claim.verdict = Verdict.CONFIRMED
    claim.verdict_explanation = "The last contingent left in June 2024."
    with django_capture_on_commit_callbacks(execute=True):
        claim.save_revision().publish()

    with CaptureQueriesContext(connection) as after:
        page = story_page(client)
    assert len(after) == 3  # the story by its address; the pages above it; its editions
    assert "Confirmed" in page.get_text()
    assert text_of(page.select_one(".byline .authors")) == "By Ani Avetisyan"
