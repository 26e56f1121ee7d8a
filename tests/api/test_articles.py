"""Articles as partners get them: everything a reader sees, with full URLs and the context."""

import pytest

from conflicts.models import ClaimSource, Verdict
from newsroom.stories.models import ArticleCorrection
from tests.api.conftest import make_article
from tests.factories import ActorFactory, ClaimFactory, SourceFactory


@pytest.fixture
def story(site_tree, explainer):
    peskov = ActorFactory(name="Dmitry Peskov", kind="person", wikidata_id="Q2280419")
    kremlin = ActorFactory(name="Kremlin", kind="government_body")
    claim = ClaimFactory(
        statement="Russian peacekeepers will leave",
        claimant=peskov,
        verdict=Verdict.CONFIRMED,
        verdict_explanation="They left by June.",
        sources=0,
    )
    tass = SourceFactory(publisher="TASS", title="Peskov confirms", url="https://tass.com/1")
    ClaimSource.objects.create(claim=claim, source=tass, shows="supports", quote="para 2")
    page = make_article(
        site_tree,
        title="Russian peacekeepers leave Karabakh",
        slug="peacekeepers-leave",
        explainer=explainer,
        actors=[peskov, kremlin],
        claims=[claim],
        original_publisher="CIVILNET",
        original_url="https://www.civilnet.am/en/news/1/",
        body=[
            ("heading", "What happened"),
            ("paragraph", '<p>Peskov <a id="1" linktype="page">confirmed</a> it.</p>'),
            ("actor_card", {"actor": peskov}),
            ("claim_card", {"claim": claim}),
        ],
    )
    page.tags.add("Peacekeeping")
    page.save()
    ArticleCorrection.objects.create(page=page, kind="correction", text="<p>We fixed it.</p>")
    return page


def test_list_shows_articles_with_compact_context(api, story):
    response = api.get("/api/v1/articles/")

    assert response.status_code == 200
    [article] = response.json()["results"]
    assert article["headline"] == "Russian peacekeepers leave Karabakh"
    assert article["url"] == "http://localhost/news/peacekeepers-leave/"
    assert article["section"]["slug"] == "news"
    assert article["tags"] == ["Peacekeeping"]
    assert article["syndication"] == {
        "original_publisher": "CIVILNET",
        "original_url": "https://www.civilnet.am/en/news/1/",
    }
    assert article["context"]["explainer"]["slug"] == "nagorno-karabakh"
    assert [a["name"] for a in article["context"]["actors"]] == ["Dmitry Peskov", "Kremlin"]
    assert [c["verdict"] for c in article["context"]["claims"]] == ["confirmed"]
    assert [b["name"] for b in article["byline"]] == ["Ani Avetisyan"]


def test_detail_by_id_and_by_slug_carry_body_corrections_and_related_context(api, story):
    by_id = api.get(f"/api/v1/articles/{story.pk}/")
    by_slug = api.get("/api/v1/articles/slug/peacekeepers-leave/")

    assert by_id.status_code == by_slug.status_code == 200
    assert by_id.json() == by_slug.json()
    article = by_id.json()
    assert [b["type"] for b in article["body"]] == [
        "heading",
        "paragraph",
        "actor_card",
        "claim_card",
    ]
    assert 'linktype="page"' not in article["body_html"]
    assert "<h2>What happened</h2>" in article["body_html"]
    assert article["corrections"][0]["text_html"] == "<p>We fixed it.</p>"
    context = article["related_context"]
    assert context["explainer"]["url"] == "http://localhost/conflicts/nagorno-karabakh/"
    [claim] = context["claims"]
    assert claim["claimant"]["name"] == "Dmitry Peskov"
    assert claim["verdict"] == "confirmed"
    assert [(s["publisher"], s["shows"]) for s in claim["sources"]] == [("TASS", "supports")]
    assert by_id["Last-Modified"]


def test_unknown_article_is_a_json_404(api, site_tree):
    response = api.get("/api/v1/articles/999999/")

    assert response.status_code == 404
    assert "detail" in response.json()
