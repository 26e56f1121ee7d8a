"""/sitemap.xml: every live, public page, actor and claim, each with lastmod its last
published edit, in a fixed number of queries however many there are."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ActorFactory, ArticlePageFactory, ClaimFactory

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
EDITED = datetime.datetime(2024, 5, 6, 7, 8, tzinfo=datetime.UTC)
# Wagtail's part: the view restrictions, a count of the pages, their ids and one query per
# page type (home, section, conflicts index, story); then for actors and for claims a count
# and one page of rows. The site itself comes from the cache. Then the pages' editions in
# other languages, for their hreflang alternates (one query: newsroom/stories/sitemaps.py).
SITEMAP_QUERIES = 3 + 4 + 2 + 2 + 1


def entries(client) -> dict[str, str]:
    """{address: lastmod} as a crawler reads the sitemap."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in root.iter(f"{SITEMAP}url")
    }


@pytest.fixture
def world(site_tree):
    peskov = ActorFactory(slug="dmitry-peskov", name="Dmitry Peskov")
    ActorFactory(slug="a-draft-actor", live=False)
    claim = ClaimFactory(slug="they-leave", claimant=peskov)
    ClaimFactory(slug="a-draft-claim", live=False)
    ClaimFactory(slug="by-a-draft-claimant", claimant=ActorFactory(slug="hidden", live=False))
    ArticlePageFactory(parent=site_tree.news, slug="story")
    type(peskov).objects.filter(pk=peskov.pk).update(last_published_at=EDITED)
    type(claim).objects.filter(pk=claim.pk).update(
        last_published_at=EDITED + datetime.timedelta(days=1)
    )
    return site_tree


def test_actor_and_claim_pages_are_listed_with_their_last_published_edit(client, world):
    sitemap = entries(client)

    assert sitemap["http://localhost/actors/dmitry-peskov/"] == "2024-05-06"
    assert sitemap["http://localhost/claims/they-leave/"] == "2024-05-07"
    assert "http://localhost/news/story/" in sitemap
    listed = " ".join(sitemap)
    for hidden in ("a-draft-actor", "a-draft-claim", "by-a-draft-claimant", "/actors/hidden/"):
        assert hidden not in listed


def test_the_sitemap_costs_the_same_queries_however_many_actors_and_claims(client, world):
    client.get("/sitemap.xml")  # the sites are cached from here on, as on a warm site

    with CaptureQueriesContext(connection) as few:
        entries(client)
    for _ in range(20):
        ClaimFactory(claimant=ActorFactory())
    with CaptureQueriesContext(connection) as many:
        more = entries(client)

    assert len(few) == len(many) == SITEMAP_QUERIES
    # 21 claims, the list of claims and how we rate them (conflicts ReaderIndexSitemap)
    assert sum("/claims/" in url for url in more) == 21 + 2


def test_the_demos_sitemap_dates_are_the_storys_not_the_load(client, db):
    call_command("load_demo", verbosity=0)

    sitemap = entries(client)

    assert sitemap["http://localhost/news/russian-peacekeepers-leave-karabakh/"] == "2024-04-17"
    assert sitemap["http://localhost/actors/dmitry-peskov/"] == "2024-04-17"
    assert sitemap["http://localhost/claims/russia-failed-to-support-armenia/"] == "2024-04-17"
    lists = {f"http://localhost{path}" for path in ("/claims/", "/actors/", "/claims/verdicts/")}
    assert {sitemap[url] for url in lists} == {None}  # a list has no edit date of its own
    assert {lastmod for url, lastmod in sitemap.items() if url not in lists} == {"2024-04-17"}
