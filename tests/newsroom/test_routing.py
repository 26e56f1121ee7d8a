"""Readers reach every page at its address, as Wagtail's own routing would send them.

The home page finds a page from its address in one or two queries (newsroom/stories/routing.py)
instead of walking the tree level by level; these tests hold it to Wagtail's answers.
"""

import pytest
from wagtail.models import Page, PageViewRestriction, get_page_models

from newsroom.stories.models import HomePage
from tests.factories import ArticlePageFactory, ConflictExplainerPageFactory, SectionPageFactory


def test_a_story_and_an_explainer_are_served_at_their_addresses(client, site_tree):
    ArticlePageFactory(parent=site_tree.news, slug="leave", title="Peacekeepers leave")
    ConflictExplainerPageFactory(parent=site_tree.conflicts, slug="karabakh", title="Karabakh")

    story = client.get("/news/leave/")
    explainer = client.get("/conflicts/karabakh/")

    assert story.status_code == 200
    assert "<h1>Peacekeepers leave</h1>" in story.content.decode()
    assert explainer.status_code == 200
    assert "Karabakh" in explainer.content.decode()


def test_an_address_that_is_no_page_is_a_404(client, site_tree):
    ArticlePageFactory(parent=site_tree.news, slug="leave")

    assert client.get("/news/leave/more/").status_code == 404
    assert client.get("/news/stay/").status_code == 404
    assert client.get("/elsewhere/leave/").status_code == 404


def test_a_story_that_is_not_live_is_a_404(client, site_tree):
    story = ArticlePageFactory(parent=site_tree.news, slug="draft", title="Not yet")
    story.unpublish()

    response = client.get("/news/draft/")

    assert response.status_code == 404
    assert "Not yet" not in response.content.decode()


def test_a_moved_or_renamed_story_is_served_at_its_new_address(
    client, site_tree, django_capture_on_commit_callbacks
):
    """... and its old address redirects there (Wagtail's automatic redirects)."""
    analysis = SectionPageFactory(parent=site_tree.home, slug="analysis")
    story = ArticlePageFactory(parent=site_tree.news, slug="leave", title="Peacekeepers leave")

    story.move(analysis, pos="last-child")
    assert client.get("/analysis/leave/").status_code == 200
    moved = client.get("/news/leave/")
    assert (moved.status_code, moved["Location"]) == (301, "/analysis/leave/")

    story = story.specific_class.objects.get(pk=story.pk)
    story.slug = "withdrawal"
    with django_capture_on_commit_callbacks(execute=True):  # the redirect is made on commit
        story.save_revision().publish()
    assert client.get("/analysis/withdrawal/").status_code == 200
    renamed = client.get("/analysis/leave/")
    assert (renamed.status_code, renamed["Location"]) == (301, "/analysis/withdrawal/")


def test_a_restriction_on_the_section_still_guards_its_stories(client, site_tree):
    """The story's own check of restrictions reads its ancestors once (ArticlePage)."""
    ArticlePageFactory(parent=site_tree.news, slug="members", title="Members only")
    PageViewRestriction.objects.create(page=site_tree.news, restriction_type="login")

    response = client.get("/news/members/")

    assert response.status_code == 302
    assert "/login" in response["Location"]
    assert "Members only" not in response.content.decode()


def test_an_alias_takes_its_originals_restriction(client, site_tree):
    story = ArticlePageFactory(parent=site_tree.news, slug="original", title="Original")
    other = SectionPageFactory(parent=site_tree.home, slug="other")
    story.create_alias(parent=other, update_slug="copy")
    PageViewRestriction.objects.create(page=story, restriction_type="login")

    assert client.get("/other/copy/").status_code == 302


@pytest.mark.parametrize("model", [m for m in get_page_models() if m is not HomePage])
def test_no_page_type_routes_its_own_subpaths(model):
    """Routing by address skips each level's `route`: it must be Wagtail's plain one.

    A page type that routes its own subpaths (RoutablePageMixin, a custom `route`) needs
    newsroom/stories/routing.py to leave its addresses to Wagtail first.
    """
    assert model.route is Page.route, (
        f"{model.__name__} overrides route; see newsroom/stories/routing.py"
    )
