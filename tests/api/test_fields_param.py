"""`fields=` chooses the top-level fields an article carries, as the Guardian's show-fields; an
unknown one is a 400 that names it and lists the valid ones; fields left out cost no query."""

import pytest

from tests.api.conftest import make_article
from tests.api.test_queries_and_formats import AUTH, LIST_QUERIES
from tests.factories import ActorFactory, ClaimFactory
from tests.pages import warm_site_caches

LIST_FIELDS = [
    "id",
    "slug",
    "url",
    "language",
    "headline",
    "dek",
    "byline",
    "published_at",
    "first_published_at",
    "updated_at",
    "section",
    "tags",
    "lead_image",
    "syndication",
    "context",
    "related_context",
]
DETAIL_FIELDS = [*LIST_FIELDS, "body", "body_html", "corrections"]


@pytest.fixture
def stories(site_tree, explainer):
    actor = ActorFactory()
    claims = [ClaimFactory(claimant=actor, sources=2) for _ in range(3)]
    made = [
        make_article(site_tree, explainer=explainer, actors=[actor], claims=claims)
        for _ in range(10)
    ]
    for story in made:
        story.tags.add("Armenia")
    return made


def test_a_list_carries_only_the_fields_asked_for(api, stories):
    response = api.get("/api/v1/articles/?fields=id,headline,url,updated_at")

    assert response.status_code == 200
    results = response.json()["results"]
    assert len(results) == 10
    assert all(list(article) == ["id", "url", "headline", "updated_at"] for article in results)
    assert {article["id"] for article in results} == {story.pk for story in stories}


def test_without_fields_a_list_carries_every_field(api, stories):
    [article, *_] = api.get("/api/v1/articles/").json()["results"]

    assert list(article) == LIST_FIELDS


def test_a_detail_carries_only_the_fields_asked_for(api, stories):
    response = api.get(f"/api/v1/articles/{stories[0].pk}/?fields=id,body_html,related_context")

    assert response.status_code == 200
    article = response.json()
    assert list(article) == ["id", "related_context", "body_html"]
    assert len(article["related_context"]["claims"]) == 3


def test_an_unknown_field_is_a_400_that_names_it_and_lists_the_valid_ones(api, stories):
    response = api.get("/api/v1/articles/?fields=id,title,verdict")

    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Invalid query parameter: fields."
    [message] = body["parameters"]["fields"]
    assert (
        message == 'Unknown field: "title", "verdict". Choose from: ' + ", ".join(LIST_FIELDS) + "."
    )


def test_a_field_only_the_detail_has_is_unknown_on_the_list(api, stories):
    response = api.get("/api/v1/articles/?fields=id,body_html")

    assert response.status_code == 400
    assert '"body_html"' in response.json()["parameters"]["fields"][0]


def test_an_empty_field_name_is_a_400(api, stories):
    response = api.get("/api/v1/articles/?fields=id,,slug")

    assert response.status_code == 400
    assert response.json()["parameters"]["fields"][0].startswith('Unknown field: "".')


def test_fields_with_ninjs_is_a_400(api, stories):
    response = api.get(f"/api/v1/articles/{stories[0].pk}/?format=ninjs&fields=id")

    assert response.status_code == 400
    assert response.json()["parameters"]["fields"] == ["Only for format json: leave it out."]


def test_fields_left_out_cost_no_query(api, stories, django_assert_num_queries):
    warm_site_caches()

    # view restrictions, the page's keys and the articles: no bylines, tags, sections or
    # related context
    with django_assert_num_queries(AUTH + 3):
        response = api.get("/api/v1/articles/?fields=id,headline,url,updated_at&page_size=50")
    assert len(response.json()["results"]) == 10

    # the compact context is read off the related context: its 8 queries, nothing else
    with django_assert_num_queries(AUTH + 3 + 8):
        response = api.get("/api/v1/articles/?fields=id,context&page_size=50")
    assert all(len(article["context"]["claims"]) == 3 for article in response.json()["results"])

    with django_assert_num_queries(LIST_QUERIES):
        api.get("/api/v1/articles/?page_size=50")


def test_the_schema_documents_fields_with_the_valid_names(client, db):
    paths = client.get("/api/v1/schema/?format=json").json()["paths"]

    for path, valid in [
        ("/api/v1/articles/", LIST_FIELDS),
        ("/api/v1/articles/{id}/", DETAIL_FIELDS),
    ]:
        [parameter] = [p for p in paths[path]["get"]["parameters"] if p["name"] == "fields"]
        assert parameter["in"] == "query"
        assert all(f"`{name}`" in parameter["description"] for name in valid)
