"""Readers' door, host side: the header's navigation (sections, the conflicts index, its
explainers), a story's section kicker, the favicon, and search results' dates. The header is
read from the page tree in a fixed number of queries and then costs none."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ArticlePageFactory,
    ConflictExplainerPageFactory,
    SectionPageFactory,
)
from tests.pages import get_page, text_of, warm_site_caches


def nav_links(page) -> list[tuple[str, str]]:
    nav = page.find("nav", attrs={"aria-label": "Main"})
    assert nav is not None, "no main navigation"
    return [(text_of(a), a["href"]) for a in nav.find_all("a")]


def test_the_header_links_home_the_sections_the_conflicts_and_its_explainers(client, site_tree):
    SectionPageFactory(parent=site_tree.home, title="Analysis", slug="analysis")
    SectionPageFactory(parent=site_tree.home, title="Draft section", slug="draft", live=False)
    ConflictExplainerPageFactory(parent=site_tree.conflicts, title="Karabakh", slug="karabakh")
    ConflictExplainerPageFactory(
        parent=site_tree.conflicts, title="Unpublished", slug="unpublished", live=False
    )

    page = get_page(client, "/news/")

    assert nav_links(page) == [
        ("Home", "/"),
        (site_tree.news.title, "/news/"),
        ("Analysis", "/analysis/"),
        (site_tree.conflicts.title, "/conflicts/"),
        ("Karabakh", "/conflicts/karabakh/"),
    ]
    nav = page.find("nav", attrs={"aria-label": "Main"})
    assert nav.find("a", href="/news/")["aria-current"] == "page"
    explainers = nav.find("ul", attrs={"aria-labelledby": "nav-explainers-label"})
    assert text_of(nav.find(id="nav-explainers-label")) == "Explainers"
    assert [text_of(a) for a in explainers.find_all("a")] == ["Karabakh"]


def test_the_header_costs_fixed_queries_once_and_none_after(client, site_tree):
    warm_site_caches()
    client.get("/")  # Django's content types and the home page's own queries, read once
    for i in range(5):
        SectionPageFactory(parent=site_tree.home, slug=f"section-{i}")
        ConflictExplainerPageFactory(parent=site_tree.conflicts, slug=f"conflict-{i}")
    from django.core.cache import cache

    cache.clear()  # the header built afresh, for ten more pages than before
    warm_site_caches()
    with CaptureQueriesContext(connection) as cold:
        page = get_page(client, "/search/")
    with CaptureQueriesContext(connection) as warm:
        get_page(client, "/search/")

    assert len(nav_links(page)) == 1 + 6 + 1 + 5  # home, sections, conflicts, explainers
    assert len(cold) == 2  # the view restrictions and the pages (the empty search reads none)
    assert len(warm) == 0


def test_a_new_section_shows_in_the_header_once_published(
    client, site_tree, django_capture_on_commit_callbacks
):
    assert ("Opinion", "/opinion/") not in nav_links(get_page(client, "/"))

    with django_capture_on_commit_callbacks(execute=True):
        SectionPageFactory(parent=site_tree.home, title="Opinion", slug="opinion")

    assert ("Opinion", "/opinion/") in nav_links(get_page(client, "/"))


def test_a_story_shows_its_section_as_kicker_and_lists_show_it_too(client, site_tree):
    ArticlePageFactory(parent=site_tree.news, title="Convoy leaves", slug="convoy")

    story = get_page(client, "/news/convoy/")
    home = get_page(client, "/")
    section = get_page(client, "/news/")

    kicker = story.select_one(".story-header .kicker a")
    assert (text_of(kicker), kicker["href"]) == (site_tree.news.title, "/news/")
    lead = home.select_one(".story-list .story-item--lead")
    assert text_of(lead.select_one(".kicker")) == site_tree.news.title
    assert text_of(lead.h2) == "Convoy leaves"
    assert section.select_one(".story-list .kicker") is None  # the section names itself once


def test_favicon_ico_leads_to_our_svg_icon(client, site_tree):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/newsroom/favicon.svg"
    icon = get_page(client, "/").find("link", rel="icon")
    assert (icon["href"], icon["type"]) == ("/static/newsroom/favicon.svg", "image/svg+xml")


def test_search_results_show_the_date_and_the_snippet(client, site_tree):
    ArticlePageFactory(
        parent=site_tree.news,
        title="Lachin convoy leaves",
        dek="The last trucks crossed at dawn.",
        display_date=datetime.datetime(2024, 4, 17, 12, tzinfo=datetime.UTC),
    )

    page = get_page(client, "/search/?q=Lachin")

    [hit] = page.select(".search-results li")
    assert text_of(hit.select_one(".search-kind")) == "Story"
    assert (hit.time["datetime"], text_of(hit.time)) == ("2024-04-17", "17 April 2024")
    assert text_of(hit.select_one(".search-snippet")) == "The last trucks crossed at dawn."


def test_a_section_made_private_leaves_the_header(
    client, site_tree, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    assert (site_tree.news.title, "/news/") in nav_links(get_page(client, "/"))

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=site_tree.news, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )

    assert (site_tree.news.title, "/news/") not in nav_links(get_page(client, "/"))
