"""A repeated search is ranked once per change, and a change shows in the next search."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ActorFactory, ArticlePageFactory
from tests.pages import get_page, text_of

KINDS = 4  # one ranking query per kind: stories, explainers, actors, claims


@pytest.fixture(autouse=True)
def search_cache(settings):
    settings.SEARCH_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def titles(client, query) -> list[str]:
    page = get_page(client, f"/search/?q={query}")
    return [text_of(li.select_one("a")) for li in page.select(".search-results li")]


def test_a_repeated_search_skips_the_ranking(client, site_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePageFactory(parent=site_tree.news, title="Convoy reaches Stepanakert")
    titles(client, "Stepanakert")  # Django remembers content types after the first search

    with CaptureQueriesContext(connection) as cold:
        first = titles(client, "convoy")
    with CaptureQueriesContext(connection) as warm:
        again = titles(client, "CONVOY")  # the backends ignore case; so does the cache

    assert first == again == ["Convoy reaches Stepanakert"]
    # Both: view restrictions (for stories, for explainers), the page of results (the site
    # comes from the cache, newsroom/sites.py).
    assert len(warm) == 3
    assert len(cold) == 3 + KINDS
    assert "wagtailsearch_indexentry" not in " ".join(q["sql"] for q in warm.captured_queries)


def test_a_published_or_unpublished_story_shows_in_the_next_search(
    client, site_tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = ArticlePageFactory(parent=site_tree.news, title="Convoy one", slug="one")
    assert titles(client, "convoy") == ["Convoy one"]

    with django_capture_on_commit_callbacks(execute=True):
        ArticlePageFactory(parent=site_tree.news, title="Convoy two", slug="two")
    assert sorted(titles(client, "convoy")) == ["Convoy one", "Convoy two"]

    with django_capture_on_commit_callbacks(execute=True):
        first.unpublish()
    assert titles(client, "convoy") == ["Convoy two"]


def test_a_renamed_actor_is_found_by_its_new_name_at_once(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        actor = ActorFactory(name="Ruben Vardanyan", description="Former state minister")
    assert titles(client, "Vardanyan") == ["Ruben Vardanyan"]

    with django_capture_on_commit_callbacks(execute=True):
        actor.name = "Ruben Vardanian"
        actor.save()
    assert titles(client, "Vardanian") == ["Ruben Vardanian"]
    assert titles(client, "Vardanyan") == []
