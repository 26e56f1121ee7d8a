"""JSON-LD that a real extractor (extruct) reads from the story, actor and claim pages."""

import extruct
import pytest
from django.core.management import call_command

from tests.factories import ActorFactory, ArticlePageFactory, ClaimFactory


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def jsonld_of(client, url) -> dict[str, dict]:
    response = client.get(url)
    assert response.status_code == 200
    items = extruct.extract(
        response.content.decode(), base_url="http://testserver", syntaxes=["json-ld"]
    )["json-ld"]
    return {item["@type"]: item for item in items}


def test_the_story_is_a_news_article_based_on_the_original(client, demo):
    data = jsonld_of(client, "/news/russian-peacekeepers-leave-karabakh/")

    article = data["NewsArticle"]
    assert article["headline"] == "Russian peacekeepers leave Karabakh"
    assert article["datePublished"] == "2024-04-17T14:00:00+00:00"
    assert article["author"] == [{"@type": "Person", "name": "Ani Avetisyan"}]
    assert article["publisher"]["name"] == "The Newsroom"
    assert article["isBasedOn"] == "https://www.civilnet.am/en/"
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == [
        "The Newsroom",
        "News",
        "Russian peacekeepers leave Karabakh",
    ]


def test_actors_are_people_or_organisations_with_wikidata(client, demo):
    assert jsonld_of(client, "/actors/dmitry-peskov/")["Person"]["name"] == "Dmitry Peskov"
    russia = jsonld_of(client, "/actors/russia/")["Organization"]
    assert russia["sameAs"] == "https://www.wikidata.org/wiki/Q159"


def test_a_checked_claim_is_a_claim_review_with_its_verdict_in_words(client, demo):
    review = jsonld_of(client, "/claims/armenia-is-shifting-blame-to-russia/")["ClaimReview"]

    assert review["claimReviewed"].startswith("Armenia is trying to put the responsibility")
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Disputed"}
    item = review["itemReviewed"]
    assert item["author"] == {
        "@type": "Organization",
        "name": "Russia",
        "sameAs": "https://www.wikidata.org/wiki/Q159",
    }
    assert item["datePublished"] == "2024-04-17"
    assert item["appearance"][0]["url"] == "https://www.civilnet.am/en/"


def test_an_unchecked_claim_has_no_review(client, db):
    claim = ClaimFactory(verdict="", verdict_explanation="")

    assert "ClaimReview" not in jsonld_of(client, claim.get_absolute_url())


def test_editor_text_cannot_break_out_of_the_json_ld(client, site_tree):
    evil = "</script><script>alert(1)</script>"
    actor = ActorFactory(name=evil, slug="evil")
    ArticlePageFactory(parent=site_tree.news, title=evil, slug="evil-story", actors=[actor])

    for url in ["/actors/evil/", "/news/evil-story/"]:
        body = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in body
        assert any(evil in str(item) for item in jsonld_of(client, url).values())


def test_a_syndicated_story_names_the_original_as_canonical(client, demo):
    page = client.get("/news/russian-peacekeepers-leave-karabakh/").content.decode()

    assert '<link rel="canonical" href="https://www.civilnet.am/en/">' in page
