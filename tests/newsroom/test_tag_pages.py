"""Tag pages and the numbered pagination shared by sections, tags and search."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from newsroom.stories.pagination import page_or_404
from tests.factories import ArticlePageFactory
from tests.pages import get_page, soup_of, text_of

DAY = timezone.make_aware(datetime.datetime(2024, 4, 17, 12, 0))


def headlines(page) -> list[str]:
    return [text_of(h) for h in page.select(".story-list h2")]


def test_a_tag_page_lists_live_public_stories_with_the_tag_newest_first(client, site_tree):
    ArticlePageFactory(parent=site_tree.news, title="Older", display_date=DAY, tags=["lachin"])
    ArticlePageFactory(
        parent=site_tree.news,
        title="Newer",
        display_date=DAY + datetime.timedelta(days=1),
        tags=["lachin", "peacekeepers"],
    )
    ArticlePageFactory(parent=site_tree.news, title="Draft", tags=["lachin"], live=False)
    private = ArticlePageFactory(parent=site_tree.news, title="Private", tags=["lachin"])
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    ArticlePageFactory(parent=site_tree.news, title="Other tag", tags=["csto"])

    page = get_page(client, "/tags/lachin/")

    assert text_of(page.h1) == "lachin"
    assert page.title.string.startswith("Stories tagged “lachin”")
    assert headlines(page) == ["Newer", "Older"]


def test_the_tags_of_a_story_link_to_their_tag_pages(client, site_tree):
    ArticlePageFactory(parent=site_tree.news, slug="story", tags=["Lachin corridor", "CSTO"])

    page = get_page(client, "/news/story/")

    links = {text_of(a): a["href"] for a in page.select(".story-tags a")}
    assert links == {"Lachin corridor": "/tags/lachin-corridor/", "CSTO": "/tags/csto/"}
    assert get_page(client, "/tags/lachin-corridor/").h1 is not None


@pytest.mark.parametrize("url", ["/tags/nothing/", "/tags/draft-only/"])
def test_a_tag_no_public_story_carries_answers_404(client, site_tree, url):
    ArticlePageFactory(parent=site_tree.news, tags=["draft-only"], live=False)

    assert client.get(url).status_code == 404


@pytest.fixture
def many_stories(site_tree):
    """45 stories tagged lachin in News: three pages of 20."""
    for day in range(45):
        ArticlePageFactory(
            parent=site_tree.news,
            title=f"Lachin story {day}",
            dek="On the Lachin corridor.",
            display_date=DAY + datetime.timedelta(days=day),
            tags=["lachin"],
        )
    return site_tree


@pytest.mark.parametrize("url", ["/news/", "/tags/lachin/"])
def test_listings_have_numbered_pages_with_the_current_one_marked(client, many_stories, url):
    page = get_page(client, url + "?page=2")

    nav = page.find("nav", class_="pagination")
    links = {text_of(a): a["href"] for a in nav.find_all("a")}
    assert links == {
        "Previous page": "?page=1",
        "Page 1": "?page=1",
        "Page 2": "?page=2",
        "Page 3": "?page=3",
        "Next page": "?page=3",
    }
    current = nav.find_all("a", attrs={"aria-current": "page"})
    assert [text_of(a) for a in current] == ["Page 2"]
    assert nav.find("a", rel="prev")["href"] == "?page=1"
    assert nav.find("a", rel="next")["href"] == "?page=3"
    assert page.head.find("link", rel="prev")["href"] == "?page=1"
    assert page.head.find("link", rel="next")["href"] == "?page=3"
    assert len(headlines(page)) == 20
    assert headlines(page)[0] == "Lachin story 24"


@pytest.mark.parametrize("url", ["/news/", "/tags/lachin/"])
def test_each_page_of_a_listing_names_itself_as_canonical(client, many_stories, url):
    """Page 2 lists other stories than page 1, so it must not send crawlers to page 1."""
    canonical = {
        number: get_page(client, f"{url}?page={number}").head.find("link", rel="canonical")
        for number in (1, 2, 3)
    }

    assert canonical[1]["href"].endswith(url)
    assert canonical[2]["href"] == canonical[1]["href"] + "?page=2"
    assert canonical[3]["href"] == canonical[1]["href"] + "?page=3"


def test_search_results_are_numbered_pages_that_keep_the_query(client, many_stories):
    page = get_page(client, "/search/?q=Lachin&page=3")

    nav = page.find("nav", class_="pagination")
    assert nav.find("a", attrs={"aria-current": "page"})["href"] == "?q=Lachin&page=3"
    assert nav.find("a", rel="prev")["href"] == "?q=Lachin&page=2"
    assert nav.find("a", rel="next") is None
    assert page.head.find("link", rel="prev")["href"] == "?q=Lachin&page=2"
    assert len(page.select(".search-results li")) == 5


@pytest.mark.parametrize("base", ["/news/", "/tags/lachin/", "/search/?q=Lachin&"])
@pytest.mark.parametrize("number", ["4", "0", "-1", "two", "1.5", "99999999999999999999"])
def test_a_page_number_out_of_range_or_not_a_number_answers_404(client, many_stories, base, number):
    separator = "" if base.endswith("&") else "?"

    response = client.get(f"{base}{separator}page={number}")

    assert response.status_code == 404
    detail = soup_of(response).find(class_="error-detail")
    assert text_of(detail) == f"There is no page {number} here: ?page= takes a number from 1 to 3."


def test_long_listings_elide_the_middle_page_numbers():
    page = page_or_404(list(range(400)), "6")

    assert page.page_numbers == [1, "…", 4, 5, 6, 7, 8, "…", 20]
