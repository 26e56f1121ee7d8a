"""Every reader page type costs a fixed number of SQL queries, whether it shows 3 or 30 things.

One world per size: N stories in News (each tagged, bylined, on the explainer, linking N
actors and N claims), an explainer with N parties and N timeline events, an actor with N
claims, N affiliations and N stories, a claim with N sources, N related claims and N
stories, and N search hits of each kind for "Lachin".
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conflicts.models import ActorAffiliation, ClaimRelation, ClaimSource, ConflictParty
from tests.factories import (
    ActorFactory,
    ArticlePageFactory,
    ClaimFactory,
    ConflictExplainerPageFactory,
    SourceFactory,
    TimelineEventFactory,
)

DAY = timezone.make_aware(datetime.datetime(2024, 4, 17, 12, 0))


def build_world(site_tree, n: int) -> None:
    explainer = ConflictExplainerPageFactory(parent=site_tree.conflicts, slug="karabakh")
    peskov = ActorFactory(name="Dmitry Peskov", slug="peskov", aliases="Lachin spokesman")
    actors = [ActorFactory(name=f"Lachin actor {i}") for i in range(n)]
    for i, actor in enumerate(actors):
        ActorAffiliation.objects.create(actor=actor, organisation=peskov, role="Member")
        ConflictParty.objects.create(page=explainer, actor=actor, role="Party", sort_order=i)
        TimelineEventFactory(page=explainer, date=datetime.date(2020, 1, 1 + i % 28))
    claim = ClaimFactory(claimant=peskov, slug="they-leave", conflict=explainer, sources=0)
    for i in range(n):
        ClaimSource.objects.create(claim=claim, source=SourceFactory(), sort_order=i)
    claims = [
        ClaimFactory(claimant=peskov, conflict=explainer, statement=f"Lachin claim {i}")
        for i in range(n)
    ]
    for other in claims:
        ClaimRelation.objects.create(claim=claim, other=other, kind="disputes")
    for i in range(n):
        ArticlePageFactory(
            parent=site_tree.news,
            slug=f"story-{i}",
            title=f"Lachin story {i}",
            display_date=DAY + datetime.timedelta(days=i),
            explainer=explainer,
            actors=[peskov, *actors],
            claims=[claim, *claims],
            tags=["lachin", f"tag-{i}"],
        )


# The count each page costs, whatever n. One to four of them are finding the page (a story:
# itself, newsroom/stories/routing.py; the site and its home page come from the cache,
# newsroom/sites.py) and checking view restrictions (a story: flags read with the pages
# above it); the rest are one query per kind of thing the page lists.
# Each page in the tree also reads its editions in the other languages (1, for the language
# switch and the hreflang alternates: newsroom/stories/translations.py); the home page's come
# from the cache, and views that are not pages (tags, actors, claims, search) read none.
QUERIES = {
    "/": 4,
    "/news/": 8,
    "/tags/lachin/": 4,
    # 13 until the sidebar read its timeline in one query; +1 editions (the language
    # switch), +1 the sidebar's languages and naming rules
    "/news/story-0/": 14,
    "/conflicts/karabakh/": 15,
    "/actors/peskov/": 7,
    "/claims/they-leave/": 8,
}
SEARCH = "/search/?q=Lachin"
# Search: view restrictions (2) and ranking (one per kind: 4), then one query per kind of
# thing the page of results shows (a page holds 20: one to four kinds).
SEARCH_QUERIES = 6


@pytest.mark.parametrize("n", [3, 30])
def test_every_reader_page_costs_fixed_queries(client, site_tree, n):
    build_world(site_tree, n)
    html = {}
    for url in [*QUERIES, SEARCH]:
        response = client.get(url)  # the first request also fills the site-root cache
        assert response.status_code == 200, url
        html[url] = response.content.decode()

    counts = {}
    for url in [*QUERIES, SEARCH]:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts[url] = len(queries)

    kinds_shown = set(re.findall(r'class="search-kind">(\w+)<', html[SEARCH]))
    assert counts.pop(SEARCH) == SEARCH_QUERIES + len(kinds_shown)
    assert counts == QUERIES
    # ... while the pages do show n things each:
    assert html["/news/story-0/"].count('class="claim-card"') == n + 1
    assert html["/conflicts/karabakh/"].count("Lachin actor") == n
    assert html["/actors/peskov/"].count("Lachin story") == min(n, 20)
    assert html["/claims/they-leave/"].count("Lachin claim") == n
    assert html["/tags/lachin/"].count("Lachin story") == min(n, 20)
    assert html["/search/?q=Lachin"].count('class="search-kind"') >= min(3 * n, 20)
