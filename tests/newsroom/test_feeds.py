"""Feeds, sitemap and robots.txt: what feed readers and crawlers get, and only what is public."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import (
    ActorFactory,
    ArticlePageFactory,
    AuthorFactory,
    ConflictExplainerPageFactory,
    SectionPageFactory,
)

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def stories(site_tree):
    explainer = ConflictExplainerPageFactory(parent=site_tree.conflicts, slug="nagorno-karabakh")
    peskov = ActorFactory(name="Dmitry Peskov", slug="dmitry-peskov")
    story = ArticlePageFactory(
        parent=site_tree.news,
        title="Russian peacekeepers leave Karabakh",
        dek="Moscow confirms the withdrawal.",
        explainer=explainer,
        actors=[peskov],
        authors=[AuthorFactory(name="Ani Avetisyan")],
        display_date=timezone.make_aware(datetime.datetime(2024, 4, 17, 12)),
    )
    story.tags.add("peacekeepers")
    story.save_revision().publish()
    ArticlePageFactory(
        parent=site_tree.news, title="A draft story", live=False, explainer=explainer
    )
    private = ArticlePageFactory(parent=site_tree.news, title="A private story", actors=[peskov])
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    analysis = SectionPageFactory(parent=site_tree.home, title="Analysis", slug="analysis")
    ArticlePageFactory(parent=analysis, title="An analysis piece")
    return story


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content).findall("./channel/item")


def test_the_site_feed_lists_live_public_stories_with_author_date_and_tags(client, stories):
    items = rss_items(client, "/feeds/rss/")

    titles = [item.findtext("title") for item in items]
    assert "Russian peacekeepers leave Karabakh" in titles
    assert "A draft story" not in titles
    assert "A private story" not in titles
    item = items[titles.index("Russian peacekeepers leave Karabakh")]
    assert item.findtext("description") == "Moscow confirms the withdrawal."
    assert item.findtext("link").endswith("/news/russian-peacekeepers-leave-karabakh/")
    assert "Ani Avetisyan" in item.findtext("{http://purl.org/dc/elements/1.1/}creator")
    assert item.findtext("pubDate") == "Wed, 17 Apr 2024 12:00:00 +0000"
    assert [c.text for c in item.findall("category")] == ["peacekeepers"]


def test_section_conflict_and_actor_feeds_hold_only_their_stories(client, stories):
    news = [i.findtext("title") for i in rss_items(client, "/feeds/sections/news/rss/")]
    conflict = [
        i.findtext("title") for i in rss_items(client, "/feeds/conflicts/nagorno-karabakh/rss/")
    ]
    actor = [i.findtext("title") for i in rss_items(client, "/feeds/actors/dmitry-peskov/rss/")]

    assert "An analysis piece" not in news and "Russian peacekeepers leave Karabakh" in news
    assert conflict == ["Russian peacekeepers leave Karabakh"]
    assert actor == ["Russian peacekeepers leave Karabakh"]


def test_atom_feeds_are_atom(client, stories):
    response = client.get("/feeds/atom/")

    assert response["Content-Type"].startswith("application/atom+xml")
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert "Russian peacekeepers leave Karabakh" in [e.findtext(f"{ATOM}title") for e in entries]


def test_feeds_of_unknown_or_draft_things_are_404(client, stories):
    ActorFactory(name="Draft actor", slug="draft-actor", live=False)

    assert client.get("/feeds/actors/draft-actor/rss/").status_code == 404
    assert client.get("/feeds/sections/nowhere/rss/").status_code == 404


def test_the_sitemap_lists_public_pages_with_last_modified_only(client, stories):
    response = client.get("/sitemap.xml")

    body = response.content.decode()
    assert response.status_code == 200
    assert "/news/russian-peacekeepers-leave-karabakh/</loc>" in body
    assert "<lastmod>" in body
    assert "a-draft-story" not in body
    assert "a-private-story" not in body


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, db):
    response = client.get("/robots.txt")

    lines = response.content.decode().splitlines()
    assert response["Content-Type"] == "text/plain"
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
