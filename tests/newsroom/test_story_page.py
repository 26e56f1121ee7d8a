"""Readers' door, host side: what a story page shows (headline, byline, lead image,
corrections, tags, metadata), what it never shows, and what it costs."""

import pytest
from bs4 import BeautifulSoup
from wagtail.coreutils import get_dummy_request
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from tests.factories import ActorFactory, ArticlePageFactory, ClaimFactory
from tests.newsroom.reader_pages import ARTICLE_URL, HEADLINE
from tests.pages import get_page, soup_of, text_of, warm_site_caches


def test_article_shows_headline_dek_byline_date_and_body(client, story):
    page = get_page(client, ARTICLE_URL)

    assert [text_of(h) for h in page.find_all("h1")] == [HEADLINE]
    assert page.title.string == f"{HEADLINE} | The Newsroom"
    assert page.find("meta", attrs={"name": "description"})["content"] == story.dek
    # a syndicated story names the original as canonical, so search engines credit it
    assert page.find("link", rel="canonical")["href"] == story.original_url
    header = page.select_one("article.story header")
    assert story.dek in text_of(header)
    byline = header.find(class_="byline")
    assert "By Ani Avetisyan and Lilit Shahverdyan" in text_of(byline)
    assert byline.time["datetime"] == "2024-04-17T12:00:00+00:00"
    assert text_of(byline.time) == "17 April 2024"
    assert "Kremlin spokesperson Dmitry Peskov confirmed it." in text_of(
        page.find(class_="story-body")
    )


def test_article_gives_search_engines_and_social_cards_their_metadata(client, story):
    page = get_page(client, ARTICLE_URL)

    def meta(prop):
        tag = page.find("meta", property=prop) or page.find("meta", attrs={"name": prop})
        return tag["content"] if tag else None

    assert meta("og:type") == "article"
    assert meta("og:title") == HEADLINE
    assert meta("og:description") == story.dek
    assert meta("og:url") == f"http://localhost{ARTICLE_URL}"
    assert meta("article:published_time") == "2024-04-17T12:00:00+00:00"
    # The site's own address, as og:url and canonical links (not the request's host).
    assert meta("og:image").startswith("http://localhost/media/images/")
    assert meta("og:image").endswith(".fill-1200x630.format-jpeg.jpg")
    # The rendition's own size: the fixture's 100 px image is never enlarged.
    assert (meta("og:image:width"), meta("og:image:height")) == ("100", "54")
    assert meta("og:image:alt") == "Peacekeepers at a checkpoint"
    assert meta("twitter:card") == "summary_large_image"


def test_article_shows_lead_image_with_caption_and_credit(client, story):
    figure = get_page(client, ARTICLE_URL).find("figure", class_="lead-image")

    assert figure.img["alt"] == "Peacekeepers at a checkpoint"
    assert figure.img["src"].startswith("/media/images/")
    assert ".format-jpeg.width-400." in figure.img["src"]  # the fallback; srcset offers more
    assert text_of(figure.figcaption) == "A Russian checkpoint near Stepanakert. Photo: CivilNet"


def test_article_shows_corrections_at_the_top_dated_and_with_their_kind(client, story):
    page = get_page(client, ARTICLE_URL)

    corrections = page.find(class_="corrections")
    assert "Correction, 18 April 2024:" in text_of(corrections)
    assert "An earlier version misstated the size of the contingent." in text_of(corrections)
    assert corrections.time["datetime"].startswith("2024-04-18")
    # Before the body, so a reader meets the correction first.
    body = page.find(class_="story-body")
    assert corrections in body.find_all_previous(class_="corrections")


def test_article_shows_tags_and_the_syndication_line(client, story):
    page = get_page(client, ARTICLE_URL)

    assert sorted(text_of(li) for li in page.select(".tags li")) == ["Russia", "peacekeepers"]
    syndication = page.find(class_="syndication")
    assert text_of(syndication) == "This story appeared first on CIVILNET."
    assert syndication.a["href"] == "https://www.civilnet.am/en/news/771234/"
    assert text_of(syndication.a) == "CIVILNET"


def test_article_without_syndication_or_links_has_neither_line_nor_sidebar(client, site_tree):
    ArticlePageFactory(parent=site_tree.news, title="A plain story", slug="plain")

    page = get_page(client, "/news/plain/")

    assert page.find(class_="syndication") is None
    assert page.find("aside") is None
    assert page.find(class_="corrections") is None
    assert "appeared first" not in text_of(page)


def test_a_draft_article_is_not_found(client, site_tree):
    ArticlePageFactory(parent=site_tree.news, title="Embargoed story", slug="embargoed", live=False)

    response = client.get("/news/embargoed/")

    assert response.status_code == 404
    assert "Embargoed story" not in response.content.decode()
    assert text_of(soup_of(response).h1) == "Page not found"


def test_a_private_article_shows_no_content_to_the_public(client, site_tree):
    page = ArticlePageFactory(parent=site_tree.news, title="Members only", slug="members-only")
    PageViewRestriction.objects.create(page=page, restriction_type="login")

    response = client.get("/news/members-only/")

    assert response.status_code == 302
    assert "Members only" not in response.content.decode()


def test_editor_text_is_escaped_on_the_article(client, site_tree):
    actor = ActorFactory(name="<script>alert(1)</script>", description="<b>bold</b>")
    claim = ClaimFactory(statement="<script>alert(2)</script>", claimant=actor)
    ArticlePageFactory(
        parent=site_tree.news,
        title="<script>alert(3)</script>",
        slug="escaped",
        dek="<img src=x onerror=alert(4)>",
        actors=[actor],
        claims=[claim],
        original_publisher="<i>Outlet</i>",
    )

    html = client.get("/news/escaped/").content.decode()

    assert "<script>" not in html
    assert "<img src=x" not in html
    assert "<b>bold</b>" not in html
    assert "<i>Outlet</i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in html


def test_the_article_page_costs_the_same_queries_for_1_or_6_links(
    client, site_tree, explainer, django_assert_num_queries
):
    """The template adds no query per actor, claim or source: it reads the sidebar's data."""

    def story_with(links, slug):
        actors = ActorFactory.create_batch(links)
        claims = [ClaimFactory(claimant=actor, sources=2) for actor in actors]
        ArticlePageFactory(
            parent=site_tree.news, slug=slug, explainer=explainer, actors=actors, claims=claims
        )

    story_with(1, "one-link")
    story_with(6, "six-links")
    warm_site_caches()
    client.get("/news/one-link/")  # warm the caches a first request fills

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert client.get("/news/one-link/").status_code == 200
    with django_assert_num_queries(len(one)):
        html = client.get("/news/six-links/").content.decode()
    assert html.count('class="claim-card"') == 6


class WagtailPageAssertions(WagtailPageTestCase):
    """Wagtail's page assertions, borrowed for pytest tests through the fixture below."""

    __test__ = False

    def runTest(self):
        """unittest needs a method to bind to; the assertions are called from pytest."""


@pytest.fixture
def wagtail_pages(client):
    case = WagtailPageAssertions()
    case.client = client
    case.dummy_request = get_dummy_request()
    return case


def test_every_reader_page_type_renders_and_previews(wagtail_pages, site_tree, story, explainer):
    for page in [site_tree.home, site_tree.news, story, site_tree.conflicts, explainer]:
        wagtail_pages.assertPageIsRenderable(page)
    # assertPageIsPreviewable cannot post a StreamField form scraped from HTML (the body is
    # built by JavaScript), so preview the stored pages the way Wagtail's preview renders them.
    for page in [story, explainer]:
        preview = BeautifulSoup(page.make_preview_request().content.decode(), "html.parser")
        assert [text_of(h) for h in preview.find_all("h1")] == [page.title]
