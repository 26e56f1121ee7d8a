"""Readers' door, host side: the home and section pages that list the stories, the error
pages, and the chrome every page shares."""

import datetime

from bs4 import BeautifulSoup
from django.template.loader import get_template

from tests.factories import ArticlePageFactory
from tests.newsroom.reader_pages import ARTICLE_URL, HEADLINE, STORY_DATE
from tests.pages import get_page, soup_of, text_of

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


# --- Error pages and chrome -------------------------------------------------------------


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
