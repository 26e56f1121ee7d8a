"""Cache-Control on reader pages: public for anonymous readers of live public pages only."""

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import (
    ActorFactory,
    ArticlePageFactory,
    ClaimFactory,
    ConflictExplainerPageFactory,
)

PUBLIC = {"public", "max-age=30", "s-maxage=900"}
NEVER = {"max-age=0", "no-cache", "no-store", "must-revalidate", "private"}


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.fixture(autouse=True)
def cache_lifetimes(settings):
    settings.PAGE_CACHE_MAX_AGE = 30
    settings.PAGE_CACHE_S_MAXAGE = 900


@pytest.fixture
def pages(site_tree):
    explainer = ConflictExplainerPageFactory(parent=site_tree.conflicts, slug="nagorno-karabakh")
    actor = ActorFactory(name="Dmitry Peskov", slug="dmitry-peskov")
    claim = ClaimFactory(claimant=actor, slug="peacekeepers-leave")
    ArticlePageFactory(
        parent=site_tree.news,
        slug="story",
        explainer=explainer,
        actors=[actor],
        claims=[claim],
        tags=["lachin"],
    )
    return site_tree


READER_URLS = [
    "/",
    "/news/",
    "/news/story/",
    "/conflicts/",
    "/conflicts/nagorno-karabakh/",
    "/actors/dmitry-peskov/",
    "/claims/peacekeepers-leave/",
    "/search/",
    "/tags/lachin/",
    "/feeds/rss/",
    "/feeds/sections/news/atom/",
    "/feeds/conflicts/nagorno-karabakh/rss/",
    "/feeds/actors/dmitry-peskov/atom/",
    "/sitemap.xml",
]


@pytest.mark.parametrize("url", READER_URLS)
def test_anonymous_readers_get_a_shared_cacheable_page(client, pages, url):
    response = client.get(url)

    assert response.status_code == 200
    assert directives(response) == PUBLIC
    assert "Cookie" in response.get("Vary", "")  # an editor's session never gets this copy


@pytest.mark.parametrize("url", READER_URLS)
def test_a_logged_in_editor_gets_a_page_no_cache_keeps(editor, pages, url):
    response = editor.get(url)

    assert response.status_code == 200
    assert directives(response) == NEVER


def test_search_results_for_a_query_are_not_kept(client, pages):
    assert directives(client.get("/search/?q=Peskov")) == NEVER
    assert directives(client.get("/search/?q=" + "x" * 201)) == NEVER


@pytest.mark.parametrize("url", ["/no-such-page/", "/actors/nobody/", "/claims/nothing/"])
def test_error_pages_are_not_kept(client, pages, url):
    response = client.get(url)

    assert response.status_code == 404
    assert directives(response) == NEVER


def test_a_draft_actor_answers_404_that_is_not_kept(client, pages):
    ActorFactory(slug="draft-actor", live=False)

    response = client.get("/actors/draft-actor/")

    assert response.status_code == 404
    assert directives(response) == NEVER


def test_a_password_protected_story_is_private_before_and_after_the_password(client, pages):
    story = pages.news.get_children().get(slug="story")
    restriction = PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )

    form = client.get("/news/story/")
    assert form.status_code == 200
    assert story.title not in form.content.decode()  # the password form, not the story
    assert directives(form) == NEVER

    client.post(
        f"/_util/authenticate_with_password/{restriction.id}/{story.id}/",
        {"password": "s3cret", "return_url": "/news/story/"},
    )
    response = client.get("/news/story/")
    assert response.status_code == 200
    assert story.title in response.content.decode()
    assert directives(response) == NEVER


def test_a_preview_is_private(editor, pages):
    story = pages.news.get_children().get(slug="story").specific

    response = story.make_preview_request()

    assert response.status_code == 200
    assert "public" not in directives(response)
    assert "private" in directives(response)
