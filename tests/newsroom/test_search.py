"""Site search finds the story by what readers type, and only what is public."""

import pytest
from django.core.management import call_command

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
    second = get_page(client, "/search/?q=convoy&page=2")
    kinds = [text_of(li.select_one(".search-kind")) for li in second.select(".search-results li")]

    assert text_of(first.select_one(".search-count")) == "24 results for “convoy”"
    assert len(first.select(".search-results li")) == 20
    assert kinds == ["Story", "Story", "Actor", "Claim"]
