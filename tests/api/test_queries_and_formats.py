"""Fixed query cost whatever a page holds; ninjs that validates; an OpenAPI schema that does."""

import datetime
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import jsonschema
import pytest

from newsroom.stories.models import ArticleActorLink, ArticleClaimLink, ArticlePage
from tests.api.conftest import NOW, make_article
from tests.factories import ActorFactory, ClaimFactory, TimelineEventFactory
from tests.pages import warm_site_caches

# key + partner, partner's sections, partner's conflicts (authentication)
AUTH = 3
# view restrictions, the page of articles (their keys: newsroom/partners/api/articles.py),
# then, for those not kept in the cache, the articles, bylines, tags, their sections, then every
# article's related context at once (conflicts.sidebar.build_sidebars): actor links, claim
# links, claim sources, view restrictions (read once; was twice), explainers, timelines and
# more stories (the compact `context` is read off it). The site, for full URLs, comes from
# the cache (newsroom/sites.py).
LIST_QUERIES = AUTH + 6 + 8  # +1: the sidebars' languages and naming rules
# the list's 5 for one article, corrections, the linked actors (ninjs names them) and the
# sidebar's 7 (conflicts.sidebar.build_sidebar; was 8)
DETAIL_QUERIES = AUTH + 15  # +1: the sidebar's languages and naming rules


def linked_story(site_tree, explainer, links):
    actors = ActorFactory.create_batch(links)
    claims = [ClaimFactory(claimant=actors[i], sources=2) for i in range(links)]
    story = make_article(site_tree, explainer=explainer, actors=actors, claims=claims)
    story.tags.add("Peacekeeping", "Armenia")
    story.save()
    return story


@pytest.mark.parametrize("links", [3, 15])
def test_a_list_of_50_articles_with_full_context_costs_the_same_for_3_or_15_links_each(
    api, site_tree, explainer, links, django_assert_num_queries
):
    for day in range(1, 9):
        TimelineEventFactory(page=explainer, date=datetime.date(2024, 1, day))
    actors = ActorFactory.create_batch(links)
    claims = [ClaimFactory(claimant=actors[i], sources=2) for i in range(links)]
    stories = [
        make_article(site_tree, explainer=explainer, when=NOW - datetime.timedelta(days=i))
        for i in range(50)
    ]
    ArticleActorLink.objects.bulk_create(
        ArticleActorLink(page=story, actor=actor, sort_order=i)
        for story in stories
        for i, actor in enumerate(actors)
    )
    ArticleClaimLink.objects.bulk_create(
        ArticleClaimLink(page=story, claim=claim, sort_order=i)
        for story in stories
        for i, claim in enumerate(claims)
    )
    warm_site_caches()

    with django_assert_num_queries(LIST_QUERIES):
        response = api.get("/api/v1/articles/?page_size=50")

    results = response.json()["results"]
    assert len(results) == 50
    for article in results:
        context = article["related_context"]
        assert len(context["actors"]) == len(context["claims"]) == links
        assert all(len(claim["sources"]) == 2 for claim in context["claims"])
        assert context["explainer"]["title"] == explainer.title
        assert len(context["more_stories"]) == 5
        assert article["url"] not in [s["url"] for s in context["more_stories"]]
        for story in context["more_stories"]:  # each can be fetched: by id, by slug
            assert story["url"].rstrip("/").endswith("/" + story["slug"])
            assert ArticlePage.objects.get(pk=story["id"]).slug == story["slug"]
        assert len(article["context"]["claims"]) == links


@pytest.mark.parametrize("links", [3, 30])
def test_article_detail_costs_the_same_for_3_or_30_links(
    api, site_tree, explainer, links, django_assert_num_queries
):
    story = linked_story(site_tree, explainer, links)
    warm_site_caches()

    with django_assert_num_queries(DETAIL_QUERIES):
        response = api.get(f"/api/v1/articles/{story.pk}/")

    assert len(response.json()["related_context"]["claims"]) == links


def test_ninjs_validates_against_the_iptc_3_1_schema(api, site_tree, explainer):
    peskov = ActorFactory(name="Dmitry Peskov", kind="person", wikidata_id="Q2280419")
    kremlin = ActorFactory(name="Kremlin", kind="government_body")
    story = make_article(
        site_tree,
        title="Russian peacekeepers leave Karabakh",
        actors=[peskov, kremlin],
        original_publisher="CIVILNET",
        original_url="https://www.civilnet.am/en/news/1/",
    )
    story.tags.add("Peacekeeping")
    story.save()
    schema = json.loads((Path(__file__).parent / "ninjs-schema_3.1.json").read_text())

    response = api.get(f"/api/v1/articles/{story.pk}/?format=ninjs")

    assert response.status_code == 200
    item = response.json()
    jsonschema.validate(item, schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert item["headlines"] == [{"role": "main", "value": "Russian peacekeepers leave Karabakh"}]
    assert item["people"] == [
        {
            "name": "Dmitry Peskov",
            "rel": "mentioned",
            "literal": peskov.slug,
            "uri": "http://www.wikidata.org/entity/Q2280419",
        }
    ]
    assert [o["name"] for o in item["organisations"]] == ["Kremlin"]
    assert item["subjects"][0]["name"] == "Peacekeeping"
    assert item["pubStatus"] == "usable"


def test_a_bad_date_time_fails_the_format_checker():
    """The validation above would catch a malformed date (rfc3339-validator is installed)."""
    schema = json.loads((Path(__file__).parent / "ninjs-schema_3.1.json").read_text())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {"uri": "http://x.test/1", "versionCreated": "yesterday"},
            schema,
            format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
        )


def test_schema_and_docs_are_public_and_describe_every_endpoint(client, db):
    schema = client.get("/api/v1/schema/?format=json")
    docs = client.get("/api/v1/docs/")

    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for name in ["articles", "explainers", "actors", "claims", "sources", "withdrawn"]:
        assert f"/api/v1/{name}/" in paths
    assert not [p for p in paths if not p.startswith("/api/v1/")]
    for path in paths.values():
        for parameter in path["get"].get("parameters", []):
            assert parameter.get("description") or parameter["in"] == "path", parameter
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content


def test_the_schema_types_the_cursor_as_the_token_it_is(client, db, api):
    """A list's cursor parameter is the base64 token of a `next` link, as the schema says."""
    cursor = next(
        p
        for p in client.get("/api/v1/schema/?format=json").json()["paths"]["/api/v1/claims/"][
            "get"
        ]["parameters"]
        if p["name"] == "cursor"
    )
    pattern = re.compile(cursor["schema"]["pattern"])
    ClaimFactory.create_batch(2)
    next_link = api.get("/api/v1/claims/?page_size=1").json()["next"]

    assert cursor["schema"]["type"] == "string"
    assert pattern.match(parse_qs(urlparse(next_link).query)["cursor"][0])
    assert not pattern.match("' OR 1=1--")
