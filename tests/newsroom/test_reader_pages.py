"""Readers' door, host side: what the home, section and article pages show, and never show."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.template.loader import get_template
from django.utils import timezone
from wagtail.coreutils import get_dummy_request
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail_factories import ImageFactory

from conflicts.models import ClaimSource, Verdict
from newsroom.stories.models import ArticleCorrection
from tests.factories import (
    ActorFactory,
    ArticlePageFactory,
    AuthorFactory,
    ClaimFactory,
    ConflictExplainerPageFactory,
    SourceFactory,
    TimelineEventFactory,
)
from tests.pages import get_page, soup_of, text_of, warm_site_caches

STORY_DATE = timezone.make_aware(datetime.datetime(2024, 4, 17, 12, 0))
HEADLINE = "Russian peacekeepers leave Karabakh"


@pytest.fixture
def explainer(site_tree):
    page = ConflictExplainerPageFactory(
        parent=site_tree.conflicts, slug="nagorno-karabakh", last_reviewed=datetime.date(2024, 5, 2)
    )
    TimelineEventFactory(page=page, date=datetime.date(2020, 9, 27), title="War begins")
    TimelineEventFactory(page=page, date=datetime.date(2023, 9, 19), title="One-day offensive")
    TimelineEventFactory(page=page, date=datetime.date(2024, 6, 12), title="Withdrawal completed")
    return page


@pytest.fixture
def peskov(db):
    return ActorFactory(
        name="Dmitry Peskov", slug="dmitry-peskov", description="Kremlin spokesperson"
    )


@pytest.fixture
def claim(peskov):
    claim = ClaimFactory(
        statement="Russian peacekeepers are leaving Nagorno-Karabakh",
        slug="peacekeepers-are-leaving",
        quote="Yes, it is true.",
        claimant=peskov,
        verdict=Verdict.CONFIRMED,
        verdict_explanation="The Russian defence ministry announced the withdrawal.",
        sources=0,
    )
    tass = SourceFactory(
        publisher="TASS",
        title="Kremlin confirms withdrawal of peacekeepers",
        url="https://tass.com/politics/1776597",
        archive_url="https://web.archive.org/web/2024/https://tass.com/politics/1776597",
        published_on=datetime.date(2024, 4, 17),
    )
    ClaimSource.objects.create(claim=claim, source=tass, shows="supports", quote="third paragraph")
    return claim


@pytest.fixture
def story(site_tree, explainer, peskov, claim):
    pashinyan = ActorFactory(
        name="Nikol Pashinyan", slug="nikol-pashinyan", description="Prime Minister of Armenia"
    )
    page = ArticlePageFactory(
        parent=site_tree.news,
        title=HEADLINE,
        slug="peacekeepers-leave-karabakh",
        dek="The Kremlin confirms the contingent is withdrawing.",
        display_date=STORY_DATE,
        authors=[AuthorFactory(name="Ani Avetisyan"), AuthorFactory(name="Lilit Shahverdyan")],
        explainer=explainer,
        actors=[peskov, pashinyan],
        claims=[claim],
        lead_image=ImageFactory(title="Peacekeepers at a checkpoint"),
        lead_image_caption="A Russian checkpoint near Stepanakert.",
        lead_image_credit="Photo: CivilNet",
        original_publisher="CIVILNET",
        original_url="https://www.civilnet.am/en/news/771234/",
    )
    page.tags.add("peacekeepers", "Russia")
    page.save()
    ArticleCorrection.objects.create(
        page=page,
        kind=ArticleCorrection.Kind.CORRECTION,
        date=STORY_DATE + datetime.timedelta(days=1),
        text="<p>An earlier version misstated the size of the contingent.</p>",
    )
    ArticlePageFactory(
        parent=site_tree.news,
        title="Armenia freezes its CSTO participation",
        slug="armenia-freezes-csto",
        explainer=explainer,
        display_date=STORY_DATE - datetime.timedelta(days=50),
    )
    return page


ARTICLE_URL = "/news/peacekeepers-leave-karabakh/"


# --- Home and section -------------------------------------------------------------------


def test_home_lists_the_latest_live_stories_with_headline_dek_and_date(client, site_tree):
    site_tree.home.intro = "News and context from the South Caucasus."
    site_tree.home.save()
    ArticlePageFactory(
        parent=site_tree.news,
        title=HEADLINE,
        slug="peacekeepers-leave-karabakh",
        dek="The Kremlin confirms it.",
        display_date=STORY_DATE,
    )
    ArticlePageFactory(parent=site_tree.news, title="A draft story", live=False)

    page = get_page(client, "/")

    assert [text_of(h) for h in page.find_all("h1")] == ["The Newsroom"]
    assert page.title.string == "The Newsroom"
    assert "News and context from the South Caucasus." in text_of(page.main)
    item = page.select_one(".story-list li")
    assert item.h2.a["href"] == ARTICLE_URL
    assert text_of(item.h2) == HEADLINE
    assert "The Kremlin confirms it." in text_of(item)
    assert item.time["datetime"] == "2024-04-17T12:00:00+00:00"
    assert text_of(item.time) == "17 April 2024"
    assert "A draft story" not in text_of(page)


def test_section_pages_its_stories_newest_first(client, site_tree):
    oldest = STORY_DATE - datetime.timedelta(days=30)
    ArticlePageFactory(parent=site_tree.news, title="The oldest story", display_date=oldest)
    for day in range(20):
        ArticlePageFactory(
            parent=site_tree.news,
            title=f"Story of day {day}",
            display_date=STORY_DATE + datetime.timedelta(days=day),
        )

    first = get_page(client, "/news/")
    second = get_page(client, "/news/?page=2")

    assert text_of(first.h1) == "News"
    headlines = [text_of(h) for h in first.select(".story-list h2")]
    assert len(headlines) == 20
    assert headlines[0] == "Story of day 19"
    assert "The oldest story" not in headlines
    nav = first.find("nav", class_="pagination")
    assert "Page 1 of 2" in text_of(nav)
    assert nav.find("a", rel="next")["href"] == "?page=2"
    assert nav.find("a", rel="prev") is None

    assert [text_of(h) for h in second.select(".story-list h2")] == ["The oldest story"]
    assert second.find("nav", class_="pagination").find("a", rel="prev")["href"] == "?page=1"
    assert "page 2" in second.title.string


def test_a_short_section_has_no_page_links(client, site_tree):
    ArticlePageFactory(parent=site_tree.news, title="Only story")

    page = get_page(client, "/news/")

    assert page.find("nav", class_="pagination") is None
    assert [text_of(h) for h in page.select(".story-list h2")] == ["Only story"]


# --- Article ------------------------------------------------------------------------------


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
    assert meta("og:image").startswith("http://testserver/media/images/")
    assert ".width-1200." in meta("og:image")
    assert meta("twitter:card") == "summary_large_image"


def test_article_shows_lead_image_with_caption_and_credit(client, story):
    figure = get_page(client, ARTICLE_URL).find("figure", class_="lead-image")

    assert figure.img["alt"] == "Peacekeepers at a checkpoint"
    assert figure.img["src"].startswith("/media/images/")
    assert ".width-1000." in figure.img["src"]
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


def sidebar_of(client, url=ARTICLE_URL):
    aside = get_page(client, url).find("aside", attrs={"aria-label": "Related context"})
    assert aside is not None, "no related-context sidebar"
    return aside


def section_titled(aside, heading):
    h2 = aside.find("h2", string=heading)
    assert h2 is not None, f"no sidebar section {heading!r}"
    return h2.find_parent("section")


def test_sidebar_shows_the_explainer_card(client, story):
    card = section_titled(sidebar_of(client), "The conflict")

    assert card.a["href"] == "/conflicts/nagorno-karabakh/"
    assert text_of(card.a) == "Nagorno-Karabakh conflict"
    assert "Status: Active · Region: South Caucasus" in text_of(card)
    assert "A conflict between Armenia and Azerbaijan over Nagorno-Karabakh." in text_of(card)
    assert "Last reviewed 2 May 2024" in text_of(card)


def test_sidebar_shows_key_actors_linked_with_their_description(client, story):
    actors = section_titled(sidebar_of(client), "Key actors in this story")

    assert [(text_of(li.a), li.a["href"]) for li in actors.find_all("li")] == [
        ("Dmitry Peskov", "/actors/dmitry-peskov/"),
        ("Nikol Pashinyan", "/actors/nikol-pashinyan/"),
    ]
    assert "Kremlin spokesperson" in text_of(actors)
    assert "Prime Minister of Armenia" in text_of(actors)


def test_sidebar_shows_claims_with_claimant_verdict_in_words_and_sources(client, story):
    claims = section_titled(sidebar_of(client), "Claims in this story")
    [card] = claims.find_all(class_="claim-card")

    statement = card.find(class_="claim-statement").a
    assert text_of(statement) == "Russian peacekeepers are leaving Nagorno-Karabakh"
    assert statement["href"] == "/claims/peacekeepers-are-leaving/"
    claimant = card.find(class_="claim-meta").a
    assert (text_of(claimant), claimant["href"]) == ("Dmitry Peskov", "/actors/dmitry-peskov/")
    assert text_of(card.find(class_="verdict")) == "Verdict: Confirmed"
    assert "The Russian defence ministry announced the withdrawal." in text_of(card)
    assert text_of(card.blockquote) == "Yes, it is true."
    [source] = card.select(".sources li")
    assert text_of(source).startswith("Supports the claim: TASS, Kremlin confirms withdrawal")
    assert "17 April 2024" in text_of(source)
    assert "third paragraph" in text_of(source)
    links = {text_of(a): a["href"] for a in source.find_all("a")}
    assert links == {
        "Kremlin confirms withdrawal of peacekeepers": "https://tass.com/politics/1776597",
        "archived copy": "https://web.archive.org/web/2024/https://tass.com/politics/1776597",
    }
    assert all("nofollow" in a["rel"] for a in source.find_all("a"))


def test_sidebar_shows_the_timeline_around_the_story(client, story):
    timeline = section_titled(sidebar_of(client), "Timeline")

    entries = [text_of(li) for li in timeline.find_all("li")]
    assert entries == [
        "27 September 2020 War begins",
        "19 September 2023 One-day offensive",
        "This story",
        "12 June 2024 Withdrawal completed",
    ]
    assert timeline.time["datetime"] == "2020-09-27"


def test_sidebar_shows_more_stories_on_the_conflict(client, story):
    more = section_titled(sidebar_of(client), "More on this conflict")

    assert [(text_of(a), a["href"]) for a in more.find_all("a")] == [
        ("Armenia freezes its CSTO participation", "/news/armenia-freezes-csto/")
    ]


def test_draft_actors_and_claims_never_reach_the_sidebar(client, story):
    draft_actor = ActorFactory(name="Secret Draft Actor", slug="secret-draft-actor", live=False)
    draft_claim = ClaimFactory(statement="A claim still in draft", live=False)
    by_draft_actor = ClaimFactory(statement="Claim by an unpublished actor", claimant=draft_actor)
    story.actor_links.create(actor=draft_actor, sort_order=5)
    story.claim_links.create(claim=draft_claim, sort_order=5)
    story.claim_links.create(claim=by_draft_actor, sort_order=6)

    html = client.get(ARTICLE_URL).content.decode()

    assert "Secret Draft Actor" not in html
    assert "/actors/secret-draft-actor/" not in html
    assert "A claim still in draft" not in html
    assert "Claim by an unpublished actor" not in html
    assert "Dmitry Peskov" in html  # the live ones are still there


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


# --- Error pages --------------------------------------------------------------------------


def test_an_unknown_address_gets_the_sites_not_found_page(client, site_tree):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    page = soup_of(response)
    assert [text_of(h) for h in page.find_all("h1")] == ["Page not found"]
    assert page.find("a", class_="skip-link")["href"] == "#main"
    assert page.find("link", rel="stylesheet")["href"] == "/static/newsroom/css/site.css"


def test_the_server_error_page_renders_without_a_request():
    html = get_template("500.html").render({})

    page = BeautifulSoup(html, "html.parser")
    assert page.html["lang"] == "en"
    assert text_of(page.h1) == "Something went wrong"
    assert page.find("link", rel="stylesheet")["href"] == "/static/newsroom/css/site.css"


def test_every_page_has_the_site_chrome(client, story):
    page = get_page(client, ARTICLE_URL)

    assert page.html["lang"] == "en"
    skip = page.find("a", class_="skip-link")
    assert skip["href"] == "#main"
    assert page.find("main")["id"] == "main"
    assert page.find("header", class_="site-header").a["href"] == "/"
    assert page.find("footer", class_="site-footer") is not None
    feed = page.find("link", rel="alternate", type="application/rss+xml")
    assert feed["href"] == "/feeds/rss/"
