"""Hostile query parameters: SQL-ish, control characters, odd Unicode and oversized values on
search, listings, feeds and every API list filter get a 400 (the API names the parameter) or
a 404 page, or are ignored where a page takes no parameter; never a 500, never a leak."""

import pytest
from django.urls import reverse

from newsroom.partners.api.urls import router
from tests.api.conftest import make_article, published
from tests.factories import ActorFactory, ClaimFactory, ConflictExplainerPageFactory

pytestmark = pytest.mark.django_db

SQLISH = ["' OR 1=1--", '" OR ""="', "1; DROP TABLE wagtailcore_page;--", "%' --", "\\'"]
CONTROL = ["\x00", "a\x00b", "%00", "\x1b[31m", "\x7f"]  # "%00" stays three characters here
UNICODE = ["²", "١٢٣", "Ａｃｔｏｒ", "\u202egnp.exe", "\ufeff", "🙂" * 20, "e\u0301", "\ud7ff"]
OVERSIZED = ["x" * 10_240, "1" * 5_000]
PAGES = ["abc", "-1", "0", "1.5", "10" + "0" * 30, "²", "1 OR 1=1", "\x00", "2"]

BAD_FOR_EVERYONE = [v for v in CONTROL if v != "%00"] + OVERSIZED


@pytest.fixture
def world(site_tree):
    """Something public of each kind, and a draft story that must never be found."""
    explainer = ConflictExplainerPageFactory(parent=site_tree.conflicts, slug="nk", **published())
    actor = ActorFactory(name="Dmitry Peskov", slug="peskov")
    claim = ClaimFactory(claimant=actor, slug="peskov-claim", conflict=explainer)
    story = make_article(site_tree, slug="story", explainer=explainer, actors=[actor])
    story.tags.add("ceasefire")
    story.save()
    make_article(site_tree, slug="secret-draft", title="Secret draft", live=False)
    return {"explainer": explainer, "actor": actor, "claim": claim, "story": story}


def ids(values):
    return [repr(v)[:24] for v in values]


# --- the site -----------------------------------------------------------------------------


@pytest.mark.parametrize("query", SQLISH + UNICODE + ["%00"], ids=ids(SQLISH + UNICODE + ["%00"]))
def test_search_treats_sql_and_unicode_as_words(client, world, query):
    response = client.get("/search/", {"q": query})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Secret draft" not in html
    assert "/news/story/" not in html  # "OR 1=1" matched nothing, it is not an expression


@pytest.mark.parametrize("query", BAD_FOR_EVERYONE, ids=ids(BAD_FOR_EVERYONE))
def test_search_refuses_control_characters_and_oversized_queries(client, world, query):
    response = client.get("/search/", {"q": query})

    assert response.status_code == 400
    assert response.content.decode() in {
        "Search for at most 200 characters.",
        "Search for words: control characters are not allowed.",
    }


LISTINGS = [("/search/", {"q": "peskov"}), ("/news/", {})]


@pytest.mark.parametrize(("url", "params"), LISTINGS)
@pytest.mark.parametrize("page", PAGES, ids=ids(PAGES))
def test_a_page_number_that_is_not_a_page_is_a_404_page(client, world, url, params, page):
    response = client.get(url, {**params, "page": page})

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize(("url", "params"), LISTINGS)
def test_the_first_page_is_served(client, world, url, params):
    response = client.get(url, {**params, "page": "1"})

    assert response.status_code == 200
    assert "/news/story/" in response.content.decode()


SITE_PAGES = [
    "/",
    "/news/story/",
    "/conflicts/nk/",
    "/actors/peskov/",
    "/claims/peskov-claim/",
    "/feeds/rss/",
    "/feeds/atom/",
    "/feeds/sections/news/rss/",
    "/feeds/conflicts/nk/atom/",
    "/feeds/actors/peskov/rss/",
    "/sitemap.xml",
    "/robots.txt",
]
ANYTHING = SQLISH + CONTROL + UNICODE + OVERSIZED


@pytest.mark.parametrize("url", SITE_PAGES)
def test_pages_that_take_no_parameter_ignore_hostile_ones(client, world, url):
    for value in ANYTHING:
        response = client.get(url, {"q": value, "page": value, "id": value})
        assert response.status_code == 200, (url, value)
        assert b"Secret draft" not in response.content


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/sections/%00/rss/",
        "/feeds/actors/%C2%B2/rss/",
        "/actors/%00/",
        "/claims/' OR 1=1--/",
        "/conflicts/%00/",
        "/news/" + "x" * 10_240 + "/",
    ],
)
def test_hostile_slugs_in_paths_are_404_pages(client, world, url):
    response = client.get(url)

    assert response.status_code == 404


# --- the API ------------------------------------------------------------------------------


def list_filters():
    """(endpoint, parameter) for every parameter of every API list: discovered, not listed."""
    cases = []
    for _prefix, viewset, basename in router.registry:
        filterset = getattr(viewset, "filterset_class", None)
        names = set(filterset.base_filters) if filterset else set()
        for name in sorted(names | {"cursor", "page_size", "ordering"}):
            cases.append((f"api:{basename}-list", name))
    return cases


LIST_FILTERS = list_filters()


def test_every_api_list_and_filter_is_covered():
    endpoints = {endpoint for endpoint, _ in LIST_FILTERS}
    assert endpoints == {
        "api:article-list",
        "api:actor-list",
        "api:claim-list",
        "api:source-list",
        "api:explainer-list",
        "api:withdrawn-list",
        "api:correction-list",
    }
    assert ("api:article-list", "section") in LIST_FILTERS
    assert len(LIST_FILTERS) > 40


@pytest.mark.parametrize(("endpoint", "name"), LIST_FILTERS)
def test_api_list_filters_refuse_control_characters_and_oversized_values(
    api, world, endpoint, name
):
    for value in BAD_FOR_EVERYONE:
        response = api.get(reverse(endpoint), {name: value})

        assert response.status_code == 400, (name, value)
        assert list(response.json()["parameters"]) == [name]


@pytest.mark.parametrize(("endpoint", "name"), LIST_FILTERS)
def test_api_list_filters_answer_sql_and_unicode_with_nothing_or_a_400(api, world, endpoint, name):
    for value in SQLISH + UNICODE + ["%00", "9" * 30, "-1", "10" + "0" * 30]:
        response = api.get(reverse(endpoint), {name: value})

        assert response.status_code in (200, 400), (name, value, response.status_code)
        body = response.json()
        if response.status_code == 400:
            assert name in body["parameters"], (name, value)
        else:
            assert body["results"] == [], (name, value)  # matched nothing; never everything


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/articles/" + "9" * 30 + "/",
        "/api/v1/actors/99999999999999999999/",
        "/api/v1/claims/slug/%00/",
        "/api/v1/actors/slug/" + "x" * 10_240 + "/",
        "/api/v1/explainers/%C2%B2/",
    ],
)
def test_api_details_with_hostile_ids_or_slugs_are_404s(api, world, path):
    response = api.get(path)

    assert response.status_code == 404
    assert "detail" in response.json()
