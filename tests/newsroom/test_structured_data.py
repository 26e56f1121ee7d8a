"""JSON-LD that a real extractor (extruct) reads from the story, actor and claim pages."""

import datetime

import extruct
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from conflicts.models import Claim, VerdictChange
from tests.factories import ActorFactory, ArticlePageFactory, ClaimFactory

STORY_URL = "/news/russian-peacekeepers-leave-karabakh/"
# The demo story's display date: what the demo loader dates its publication and edits to.
STORY_PUBLISHED = "2024-04-17T14:00:00+00:00"


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


def test_the_story_is_a_news_article_at_our_own_address(client, demo):
    data = jsonld_of(client, STORY_URL)

    article = data["NewsArticle"]
    assert article["headline"] == "Russian peacekeepers leave Karabakh"
    assert article["datePublished"] == STORY_PUBLISHED
    assert article["dateModified"] == STORY_PUBLISHED  # its last edit, not the demo's load
    assert article["author"] == [{"@type": "Person", "name": "Ani Avetisyan"}]
    assert article["publisher"]["name"] == "The Newsroom"
    # The seed names CivilNet but not the story's address: nothing points at a home page.
    assert article["url"] == article["mainEntityOfPage"] == f"http://localhost{STORY_URL}"
    assert "isBasedOn" not in article and "sameAs" not in article
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


def assert_claim_review_shape(review):
    """What schema.org's ClaimReview (and the search engines reading it) expect: the claim
    reviewed, a rating with its value and its name, the reviewing organisation, when the
    review was published, and the Claim with who made it, when and where it appeared."""
    assert isinstance(review["claimReviewed"], str) and review["claimReviewed"]
    assert review["url"].startswith("http")
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating" and rating["ratingValue"] and rating["alternateName"]
    assert review["author"]["@type"] == "Organization" and review["author"]["name"]
    datetime.datetime.fromisoformat(review["datePublished"])
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"]["@type"] in {"Person", "Organization"} and item["author"]["name"]
    datetime.date.fromisoformat(item["datePublished"])
    assert item["appearance"]
    for work in item["appearance"]:
        assert work["@type"] == "CreativeWork" and work["headline"]
        assert work["publisher"]["name"]


def test_a_finding_is_a_claim_review_with_its_verdict_date_and_reviewer(client, demo):
    review = jsonld_of(client, "/claims/armenia-is-shifting-blame-to-russia/")["ClaimReview"]

    assert_claim_review_shape(review)
    assert review["claimReviewed"].startswith("Armenia is trying to put the responsibility")
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": "disputed",
        "alternateName": "Disputed",
    }
    assert review["author"] == {
        "@type": "Organization",
        "name": "The Newsroom",
        "url": "http://testserver/",
    }
    assert review["datePublished"] == STORY_PUBLISHED  # first live with this verdict
    item = review["itemReviewed"]
    assert item["author"] == {
        "@type": "Organization",
        "name": "Russia",
        "sameAs": "https://www.wikidata.org/wiki/Q159",
    }
    assert item["datePublished"] == "2024-04-17"
    # Where it appeared: the CivilNet story, by name; no address is recorded, so no URL (and
    # never CivilNet's home page). The passage that disputes it is not an appearance.
    assert item["appearance"] == [
        {
            "@type": "CreativeWork",
            "headline": "Russian peacekeepers leave Karabakh",
            "publisher": {"@type": "Organization", "name": "CIVILNET"},
        }
    ]


def test_every_finding_in_the_demo_has_a_review_and_no_reported_claim_has_one(client, demo):
    for claim in Claim.objects.all():
        data = jsonld_of(client, claim.get_absolute_url())
        if claim.verdict == "reported":
            assert "ClaimReview" not in data, claim.slug
        else:
            assert_claim_review_shape(data["ClaimReview"])
    assert Claim.objects.filter(verdict="reported").exists()
    assert Claim.objects.filter(verdict="disputed").exists()


def test_a_changed_verdict_is_dated_to_its_change(client, db):
    claim = ClaimFactory(verdict="reported")
    assert "ClaimReview" not in jsonld_of(client, claim.get_absolute_url())
    claim.verdict, claim.verdict_explanation = "false", "The ministry's own figures show not."
    claim.save_revision().publish()
    change = VerdictChange.objects.get(claim=claim)
    VerdictChange.objects.filter(pk=change.pk).update(
        changed_at=datetime.datetime(2024, 5, 2, 9, 30, tzinfo=datetime.UTC)
    )

    review = jsonld_of(client, claim.get_absolute_url())["ClaimReview"]

    assert_claim_review_shape(review)
    assert review["datePublished"] == "2024-05-02T09:30:00+00:00"
    assert review["reviewRating"]["alternateName"] == "False"


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


def test_the_demo_story_is_its_own_canonical(client, demo):
    page = client.get(STORY_URL).content.decode()

    assert f'<link rel="canonical" href="http://localhost{STORY_URL}">' in page
    assert "civilnet.am" not in page


def test_a_syndicated_story_names_its_original_as_canonical_and_basis(client, site_tree):
    original = "https://www.civilnet.am/news/771234/peacekeepers/"
    ArticlePageFactory(
        parent=site_tree.news,
        slug="syndicated",
        original_publisher="CIVILNET",
        original_url=original,
    )

    page = client.get("/news/syndicated/").content.decode()

    assert f'<link rel="canonical" href="{original}">' in page
    article = jsonld_of(client, "/news/syndicated/")["NewsArticle"]
    assert article["isBasedOn"] == article["sameAs"] == original


@pytest.mark.parametrize(
    "home", ["https://www.civilnet.am/", "https://www.civilnet.am/en/", "https://civilnet.am"]
)
def test_a_publishers_home_page_is_refused_as_the_original(site_tree, home):
    story = ArticlePageFactory.build(
        title="Syndicated", slug="syndicated", original_publisher="CIVILNET", original_url=home
    )

    with pytest.raises(ValidationError) as raised:
        site_tree.news.add_child(instance=story)

    assert raised.value.message_dict["original_url"] == [
        "That is the publisher's home page: enter the story's own address there, or leave it "
        "blank if it is not known."
    ]


def test_a_home_page_saved_without_validation_is_not_given_as_the_basis(client, site_tree):
    story = ArticlePageFactory(parent=site_tree.news, slug="old", original_publisher="CIVILNET")
    type(story).objects.filter(pk=story.pk).update(original_url="https://www.civilnet.am/en/")

    article = jsonld_of(client, "/news/old/")["NewsArticle"]
    page = client.get("/news/old/").content.decode()

    assert "isBasedOn" not in article and "sameAs" not in article
    assert '<link rel="canonical" href="http://localhost/news/old/">' in page
    assert "civilnet.am" not in page
