"""Site search finds the story by what readers type, and only what is public."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend

from newsroom.search.search import ranked_ids
from newsroom.stories.models import ArticlePage
from tests.factories import ActorFactory, ArticlePageFactory, ClaimFactory
from tests.pages import get_page, text_of


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def results(client, query) -> list[tuple[str, str]]:
    page = get_page(client, f"/search/?q={query}")
    return [
        (text_of(li.select_one(".search-kind")), text_of(li.select_one("a")))
        for li in page.select(".search-results li")
    ]


@pytest.mark.parametrize("query", ["peacekeepers", "Peskov", "Lachin"])
def test_the_story_is_found_by_what_readers_type(client, demo, query):
    assert ("Story", "Russian peacekeepers leave Karabakh") in results(client, query)


def test_actors_are_found_by_alias_and_claims_by_claimant(client, demo):
    assert ("Actor", "Collective Security Treaty Organization") in results(client, "CSTO")
    assert ("Claim", "Russian peacekeepers will leave Nagorno-Karabakh.") in results(
        client, "Peskov"
    )


def test_drafts_are_never_found(client, site_tree):
    ArticlePageFactory(parent=site_tree.news, title="Secret draft story", live=False)
    ActorFactory(name="Secret draft actor", live=False)
    ClaimFactory(statement="Secret draft claim", live=False)

    assert results(client, "Secret") == []


def test_an_empty_search_shows_the_form_and_an_oversized_one_is_refused(client, db):
    assert get_page(client, "/search/").select_one("input[name=q]") is not None
    response = client.get("/search/", {"q": "x" * 201})
    assert response.status_code == 400
    assert response.content.decode() == "Search for at most 200 characters."


def test_results_run_on_from_one_kind_to_the_next_across_pages(client, site_tree):
    for n in range(22):
        ArticlePageFactory(parent=site_tree.news, title=f"Convoy report {n}", slug=f"convoy-{n}")
    ActorFactory(name="Convoy Monitoring Mission")
    ClaimFactory(statement="The convoy left on time")

    first = get_page(client, "/search/?q=convoy")
    with CaptureQueriesContext(connection) as queries:
        second = get_page(client, "/search/?q=convoy&page=2")
    hits = second.select(".search-results li")
    kinds = [text_of(li.select_one(".search-kind")) for li in hits]

    assert text_of(first.select_one(".search-count")) == "24 results for “convoy”"
    assert len(first.select(".search-results li")) == 20
    assert kinds == ["Story", "Story", "Actor", "Claim"]
    assert [text_of(li.select_one("a")) for li in hits][2:] == [
        "Convoy Monitoring Mission",
        "The convoy left on time",
    ]
    assert "Claimed by" in text_of(hits[3])
    # View restrictions twice (stories, explainers), one ranking per kind (4), then each kind
    # on the page loads its hits in one query (3): reading a field a hit did not load would
    # cost a query per hit.
    assert len(queries) == 2 + 4 + 3


def test_ranked_ids_are_the_backends_own_order(site_tree):
    """Stories that say "convoy" more often rank higher, so the backend's order is not the
    order of their ids: ranked_ids must keep the backend's."""
    for n in range(12):
        body_words = "convoy " * (n % 4)
        ArticlePageFactory(
            parent=site_tree.news, title=f"Convoy {body_words}report {n}", slug=f"convoy-{n}"
        )
    results = get_search_backend().search("convoy", ArticlePage.objects.only("pk"))[:10]

    ranked = ranked_ids(results)

    assert ranked == [page.pk for page in results]
    assert ranked != sorted(ranked)
