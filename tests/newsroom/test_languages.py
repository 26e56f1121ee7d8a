"""The site in English, Armenian and Russian (README, "Languages"): locales, addresses by
language (English unprefixed whatever the browser asks), the language switch and hreflang
alternates on every page type in fixed queries, Russian interface strings from the catalogue,
and feeds, search and the sitemap per language."""

import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, PageViewRestriction

from newsroom.stories.demo.languages import add_language_editions
from newsroom.stories.models import HomePage
from tests.conflicts.factories import ActorFactory, ClaimFactory
from tests.factories import ArticlePageFactory, ConflictExplainerPageFactory
from tests.newsroom.languages import edition, three_languages
from tests.pages import get_page, soup_of, text_of, warm_site_caches

RU_STORY = "/ru/news/mirotvortsy-pokidayut-karabakh/"


@pytest.fixture
def world(site_tree):
    world = three_languages(site_tree)
    world.en_story = ArticlePageFactory(
        parent=site_tree.news, slug="peacekeepers-leave", title="Peacekeepers leave Karabakh"
    )
    world.explainer = ConflictExplainerPageFactory(
        parent=site_tree.conflicts, slug="karabakh", title="Nagorno-Karabakh conflict"
    )
    world.site_tree = site_tree
    return world


def switch(page) -> list[tuple[str, str, str, str | None]]:
    """The language switch as (name, href, lang, aria-current) in order."""
    nav = page.find("nav", attrs={"aria-label": True, "class": "language-switch"})
    assert nav is not None, "no language switch"
    return [
        (text_of(a), a["href"], a["lang"], a.get("aria-current"))
        for a in nav.find_all("a")
        if a["lang"] == a["hreflang"]
    ]


def alternates(page) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in page.find_all("link", hreflang=True)}


def test_the_site_has_english_armenian_and_russian_locales(db):
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"en", "hy", "ru"}


@pytest.mark.parametrize("accept", ["ru", "hy,ru;q=0.8", "fr", ""])
def test_an_unprefixed_address_is_english_whatever_the_browser_asks(client, world, accept):
    response = client.get("/news/", HTTP_ACCEPT_LANGUAGE=accept)

    assert response.status_code == 200  # no redirect to /ru/: the link names this page
    page = soup_of(response)
    assert page.html["lang"] == "en"
    assert response["Content-Language"] == "en"
    assert "Accept-Language" not in response.get("Vary", "")  # one CDN copy per address
    assert text_of(page.find("a", class_="skip-link")) == "Skip to content"


def test_the_api_admin_sitemap_and_robots_keep_one_address(client, world):
    for prefixed in ("/ru/api/v1/", "/ru/admin/", "/ru/sitemap.xml", "/ru/robots.txt"):
        assert client.get(prefixed).status_code == 404, prefixed
    assert client.get("/robots.txt").status_code == 200
    assert client.get("/sitemap.xml").status_code == 200


def test_a_russian_story_is_served_under_ru_in_russian(client, world):
    page = get_page(client, RU_STORY)

    assert page.html["lang"] == "ru"
    assert text_of(page.h1) == "Российские миротворцы покидают Карабах"
    # The interface from the catalogue (locale/ru/LC_MESSAGES/django.po):
    assert text_of(page.find("a", class_="skip-link")) == "Перейти к содержанию"
    assert text_of(page.select_one(".site-search button")) == "Найти"
    header_nav = page.find("nav", class_="site-nav")
    assert text_of(header_nav.find("a")) == "Главная"
    # The header reads the Russian home's sections:
    assert ("Новости", "/ru/news/") in [(text_of(a), a["href"]) for a in header_nav("a")]


def test_pages_are_found_from_their_own_languages_home(client, world):
    assert client.get("/ru/news/peacekeepers-leave/").status_code == 404  # English only
    assert client.get("/news/mirotvortsy-pokidayut-karabakh/").status_code == 404
    assert client.get("/hy/news/mirotvortsy-pokidayut-karabakh/").status_code == 404
    hy_home = get_page(client, "/hy/")
    assert hy_home.html["lang"] == "hy"
    assert ("Հայերեն", "/hy/", "hy", "true") in switch(hy_home)


def test_a_story_in_one_language_links_the_other_languages_homes(client, world):
    page = get_page(client, RU_STORY)

    assert switch(page) == [
        ("English", "/", "en", None),
        ("Հայերեն", "/hy/", "hy", None),
        ("Русский", RU_STORY, "ru", "true"),
    ]
    assert alternates(page) == {}  # no other edition: no hreflang


def test_a_translated_story_links_its_editions_and_declares_them(client, world):
    ru = edition(world.en_story, "ru", "Миротворцы уходят из Карабаха")
    ru_url = f"/ru/news/{ru.slug}/"

    en_page = get_page(client, "/news/peacekeepers-leave/")
    ru_page = get_page(client, ru_url)

    assert switch(en_page) == [
        ("English", "/news/peacekeepers-leave/", "en", "true"),
        ("Հայերեն", "/hy/", "hy", None),  # not in Armenian: that language's home
        ("Русский", ru_url, "ru", None),
    ]
    expected = {
        "en": "http://localhost/news/peacekeepers-leave/",
        "ru": f"http://localhost{ru_url}",
        "x-default": "http://localhost/news/peacekeepers-leave/",
    }
    assert alternates(en_page) == alternates(ru_page) == expected
    assert ru_page.html["lang"] == "ru"


def test_a_draft_edition_is_neither_linked_nor_declared(client, world):
    ru = edition(world.en_story, "ru", "Миротворцы уходят из Карабаха")
    ru.unpublish()

    page = get_page(client, "/news/peacekeepers-leave/")

    assert ("Русский", "/ru/", "ru", None) in switch(page)
    assert alternates(page) == {}


def test_an_edition_under_a_private_section_is_neither_linked_nor_declared(client, world):
    ru = edition(world.en_story, "ru", "Миротворцы уходят из Карабаха")
    PageViewRestriction.objects.create(page=world.ru_news, restriction_type="login")

    page = get_page(client, "/news/peacekeepers-leave/")

    assert ("Русский", "/ru/", "ru", None) in switch(page)
    assert f"/ru/news/{ru.slug}/" not in str(page)
    assert alternates(page) == {}


def test_home_pages_link_each_other(client, world):
    page = get_page(client, "/")

    assert switch(page) == [
        ("English", "/", "en", "true"),
        ("Հայերեն", "/hy/", "hy", None),
        ("Русский", "/ru/", "ru", None),
    ]
    assert alternates(page) == {
        "en": "http://localhost/",
        "hy": "http://localhost/hy/",
        "ru": "http://localhost/ru/",
        "x-default": "http://localhost/",
    }


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/ru/search/?q=Karabakh", ["/search/?q=Karabakh", "/hy/search/?q=Karabakh"]),
        ("/tags/lachin/", ["/tags/lachin/", "/hy/tags/lachin/", "/ru/tags/lachin/"]),
    ],
)
def test_views_that_are_not_pages_link_the_same_view_in_each_language(client, world, url, expected):
    world.en_story.tags.add("lachin")
    world.en_story.save_revision().publish()

    links = [href for _name, href, _lang, _current in switch(get_page(client, url))]

    assert [link for link in links if link != url] == [e for e in expected if e != url]


def test_a_missing_address_is_a_404_in_its_language(client, world):
    response = client.get("/ru/no-such-page/")

    assert response.status_code == 404
    page = soup_of(response)
    assert page.html["lang"] == "ru"
    assert text_of(page.h1) == "Страница не найдена"
    assert page.find("a", string="Перейти на главную")["href"] == "/ru/"


# Queries: the story's and the section's own (tests/newsroom/test_page_queries.py), and one
# for the page's editions in every language (the switch and the alternates share it); the
# home page's editions come from the cache, like the sites.
PAGE_QUERIES = {"/": 4, "/news/": 8, "/news/peacekeepers-leave/": 9}


@pytest.mark.parametrize("prefix", ["", "/ru"])
def test_pages_cost_the_same_queries_in_every_language(client, world, prefix):
    ru = edition(world.en_story, "ru", "Миротворцы уходят из Карабаха", slug="peacekeepers-leave")
    assert ru.slug == "peacekeepers-leave"
    for url in PAGE_QUERIES:
        assert client.get(prefix + url).status_code == 200, prefix + url  # fills the caches
    warm_site_caches()

    counts = {}
    for url in PAGE_QUERIES:
        with CaptureQueriesContext(connection) as queries:
            page = get_page(client, prefix + url)
        counts[url] = len(queries)
        assert len(switch(page)) == 3

    assert counts == PAGE_QUERIES


def test_feeds_list_the_stories_of_their_language(client, world):
    world.en_story.save_revision().publish()

    def titles_and_language(url):
        response = client.get(url)
        assert response.status_code == 200, url
        channel = ET.fromstring(response.content).find("channel")
        return [i.findtext("title") for i in channel.iter("item")], channel.findtext("language")

    assert titles_and_language("/ru/feeds/rss/") == (
        ["Российские миротворцы покидают Карабах"],
        "ru",
    )
    assert titles_and_language("/feeds/rss/") == (["Peacekeepers leave Karabakh"], "en")
    assert titles_and_language("/hy/feeds/rss/") == ([], "hy")
    assert titles_and_language("/ru/feeds/sections/news/rss/")[0] == [
        "Российские миротворцы покидают Карабах"
    ]
    channel = ET.fromstring(client.get("/ru/feeds/rss/").content).find("channel")
    assert channel.findtext("title") == "The Newsroom: последние материалы"
    assert channel.findtext("link") == "http://testserver/ru/"


def test_search_finds_the_stories_of_the_readers_language(client, world):
    ru_hits = get_page(client, "/ru/search/?q=миротворцы")
    en_hits = get_page(client, "/search/?q=миротворцы")
    en_story = get_page(client, "/search/?q=Peacekeepers")
    ru_for_english = get_page(client, "/ru/search/?q=Peacekeepers")

    def stories(page):
        return [text_of(a) for a in page.select(".search-results li a")]

    assert "Российские миротворцы покидают Карабах" in stories(ru_hits)
    assert "Российские миротворцы покидают Карабах" not in stories(en_hits)
    assert "Peacekeepers leave Karabakh" in stories(en_story)
    assert "Peacekeepers leave Karabakh" not in stories(ru_for_english)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="text-search configurations")
def test_russian_is_searched_with_russian_stemming(client, world):
    # "миротворцами" (by peacekeepers) finds "миротворцы" (peacekeepers) with the russian
    # configuration (both stem to "миротворц"); the simple one would not.
    hits = get_page(client, "/ru/search/?q=миротворцами")

    assert "Российские миротворцы покидают Карабах" in [
        text_of(a) for a in hits.select(".search-results li a")
    ]


def test_the_sitemap_lists_every_language_with_hreflang_alternates(client, world):
    ru = edition(world.en_story, "ru", "Миротворцы уходят из Карабаха")
    sitemap = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    xhtml = "{http://www.w3.org/1999/xhtml}"

    root = ET.fromstring(client.get("/sitemap.xml").content)
    entries = {
        url.findtext(f"{sitemap}loc"): {
            link.get("hreflang"): link.get("href") for link in url.iter(f"{xhtml}link")
        }
        for url in root.iter(f"{sitemap}url")
    }

    ru_url = f"http://localhost/ru/news/{ru.slug}/"
    en_url = "http://localhost/news/peacekeepers-leave/"
    assert entries[en_url] == entries[ru_url] == {"en": en_url, "ru": ru_url, "x-default": en_url}
    assert entries["http://localhost/ru/news/mirotvortsy-pokidayut-karabakh/"] == {}
    assert entries["http://localhost/hy/"] == {
        "en": "http://localhost/",
        "hy": "http://localhost/hy/",
        "ru": "http://localhost/ru/",
        "x-default": "http://localhost/",
    }


@pytest.mark.parametrize("links", [1, 6])
def test_page_links_in_a_story_lead_to_the_readers_language_in_one_query(
    client, world, links, django_assert_num_queries
):
    ru_section = world.ru_news
    paragraph = " ".join(
        f'<a id="{world.site_tree.news.pk}" linktype="page">раздел {i}</a>' for i in range(links)
    )
    ArticlePageFactory(
        parent=ru_section, slug="links", title="Ссылки", body=[("paragraph", f"<p>{paragraph}</p>")]
    )
    client.get("/ru/news/links/")
    warm_site_caches()

    # A story's (above), Wagtail's reading of the linked pages (2), their editions (1):
    # Wagtail's own handler read the locale and each page's translation per link.
    with django_assert_num_queries(9 + 2 + 1):
        page = get_page(client, "/ru/news/links/")

    hrefs = [a["href"] for a in page.select(".story-body a, article a") if "раздел" in a.text]
    assert hrefs == ["/ru/news/"] * links  # the Russian edition of the English section linked


def test_the_demo_gets_armenian_and_russian_homes_and_sections_once(client, db):
    call_command("load_demo", verbosity=0)  # it adds the editions (loader.py)
    home = HomePage.objects.get(locale__language_code="en")

    again = add_language_editions(home)

    assert again == {"created": 0, "skipped": 4}
    assert sorted(
        (p.locale.language_code, p.title)
        for p in Page.objects.filter(depth__in=(2, 3))
        if p.locale.language_code != "en"
    ) == [("hy", "Գլխավոր"), ("hy", "Լուրեր"), ("ru", "Главная"), ("ru", "Новости")]
    ru_home = get_page(client, "/ru/")
    assert ru_home.html["lang"] == "ru"
    assert ("Новости", "/ru/news/") in [
        (text_of(a), a["href"]) for a in ru_home.find("nav", class_="site-nav")("a")
    ]
    assert HomePage.objects.get(locale__language_code="hy").title == "Գլխավոր"
    assert HomePage.objects.get(locale__language_code="ru").get_latest_revision() is not None
    # The English story stays English only: its switch leads to the other homes.
    story = get_page(client, "/news/russian-peacekeepers-leave-karabakh/")
    assert [href for _n, href, _l, _c in switch(story)][1:] == ["/hy/", "/ru/"]


def test_a_storys_context_links_the_actor_and_claim_pages_in_the_storys_language(client, world):
    """A Russian story's sidebar leads to /ru/actors/... and /ru/claims/..., an English one's
    to the unprefixed pages, whichever is built first (their paths are remembered per language)."""
    site_tree = world.site_tree
    actor = ActorFactory(slug="peskov")
    claim = ClaimFactory(slug="they-leave", claimant=actor)
    ru_story = ArticlePageFactory(
        parent=world.ru_news, slug="ru-links", actors=[actor], claims=[claim]
    )
    en_story = ArticlePageFactory(
        parent=site_tree.news, slug="en-links", actors=[actor], claims=[claim]
    )
    ru_story.save_revision().publish()
    en_story.save_revision().publish()

    ru_page = get_page(client, "/ru/news/ru-links/")
    en_page = get_page(client, "/news/en-links/")

    def context_links(page):
        return {
            a["href"]
            for a in page.select(".related-context a")
            if "/actors/" in a["href"] or "/claims/" in a["href"]
        }

    assert context_links(ru_page) >= {"/ru/actors/peskov/", "/ru/claims/they-leave/"}
    assert not {href for href in context_links(ru_page) if not href.startswith("/ru/")}
    assert context_links(en_page) >= {"/actors/peskov/", "/claims/they-leave/"}
    assert not {href for href in context_links(en_page) if href.startswith("/ru/")}


def test_a_russian_story_and_the_russian_home_read_the_interface_in_russian(client, world):
    """The story template's labels (byline, corrections, syndication, tags) and the home's
    headings come from the Russian catalogue (locale/ru/LC_MESSAGES/django.po)."""
    from newsroom.stories.models import ArticleCorrection
    from tests.factories import AuthorFactory

    story = ArticlePageFactory(
        parent=world.ru_news,
        slug="avtory",
        title="Два автора",
        authors=[AuthorFactory(name="Ани Аветисян"), AuthorFactory(name="Лилит Шахвердян")],
        tags=["Лачин"],  # taggit slugs it in Cyrillic: "лачин"
        original_publisher="CIVILNET",
    )
    story.corrections.add(ArticleCorrection(text="<p>Дата уточнена.</p>"))
    story.save_revision().publish()

    page = get_page(client, "/ru/news/avtory/")
    home = get_page(client, "/ru/")

    assert text_of(page.select_one(".byline .authors")) == "Авторы: Ани Аветисян и Лилит Шахвердян"
    assert text_of(page.find(id="corrections-heading")) == "Исправления и обновления"
    assert text_of(page.select_one(".syndication")) == (
        "Этот материал впервые опубликован на сайте CIVILNET."
    )
    assert text_of(page.find(id="tags-heading")) == "Теги"
    tag_link = page.find("a", string="Лачин")
    assert client.get(tag_link["href"]).status_code == 200  # a Cyrillic slug is an address
    assert text_of(home.find(id="latest")) == "Последние материалы"
    assert "Два автора" in [text_of(a) for a in home.select(".front-stories h2 a")]
