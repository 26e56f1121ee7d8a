"""Readers' door: what explainer and actor pages cost, and what they never list."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from conflicts.models import ConflictParty
from tests.conflicts.factories import (
    ActorFactory,
    ClaimFactory,
    ConflictExplainerPageFactory,
    SourceFactory,
    TimelineEventFactory,
)
from tests.conflicts.host.factories import StoryPageFactory
from tests.conflicts.pages import warm_site_caches

pytestmark = pytest.mark.django_db


def html(response) -> str:
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


@pytest.fixture
def karabakh(site_tree):
    explainer = ConflictExplainerPageFactory(
        parent=site_tree.conflicts,
        slug="nagorno-karabakh",
        status="ended",
        last_reviewed=datetime.date(2024, 4, 17),
        review_note="Added the withdrawal.",
    )
    azerbaijan = ActorFactory(name="Azerbaijan", slug="azerbaijan", kind="state")
    ConflictParty.objects.create(page=explainer, actor=azerbaijan, role="Belligerent")
    kremlin = SourceFactory(publisher="kremlin.ru", title="Trilateral statement")
    event = TimelineEventFactory(
        page=explainer, date=datetime.date(2022, 12, 1), date_precision="month", title="Blockade"
    )
    event.sources.set([kremlin])
    event.actors.set([azerbaijan])
    event.save()  # a cluster's many-to-many links are written on save
    return explainer


def test_a_private_story_is_not_listed_on_the_actor_page(client, site_tree):
    peskov = ActorFactory(slug="dmitry-peskov")
    private = StoryPageFactory(parent=site_tree.news, title="Members only", actors=[peskov])
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    assert "Members only" not in html(client.get("/actors/dmitry-peskov/"))


ACTOR_PAGE_QUERIES = 7  # the actor, then conflicts.profiles.actor_profile's 6
# Finding the explainer with Wagtail's own routing, as this host does: the site, then each
# level below it (the home page's specific row; the index and its specific row; the
# explainer and its specific row). A host that finds a page by its address pays fewer.
ROUTING_QUERIES = 6 + 1  # with WAGTAIL_I18N_ENABLED, Wagtail reads the request's Locale too
# The view restrictions (2), then what the page shows: parties, key facts, timeline events,
# their sources and actors, claims, their sources, the stories' view restrictions, stories.
EXPLAINER_PAGE_QUERIES = ROUTING_QUERIES + 11


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("links", [3, 30])
def test_reader_pages_cost_the_same_queries_whatever_the_links(client, site_tree, karabakh, links):
    actor = ActorFactory(slug="busy-actor")
    sources = SourceFactory.create_batch(5)
    for i in range(links):
        claim = ClaimFactory(claimant=actor, conflict=karabakh)
        StoryPageFactory(parent=site_tree.news, explainer=karabakh, actors=[actor], claims=[claim])
        event = TimelineEventFactory(page=karabakh, date=datetime.date(2023, 1, 1 + i % 28))
        event.sources.set(sources[: i % 5])
        event.actors.set([actor])
        event.save()
    warm_site_caches()

    assert queries_for(client, "/actors/busy-actor/") == ACTOR_PAGE_QUERIES
    assert queries_for(client, "/conflicts/nagorno-karabakh/") == EXPLAINER_PAGE_QUERIES


def test_a_claim_page_never_names_a_private_or_draft_conflict(client, site_tree, karabakh):
    claim = ClaimFactory(statement="The peacekeepers will leave", conflict=karabakh)
    shown = html(client.get(claim.get_absolute_url()))
    PageViewRestriction.objects.create(page=karabakh, restriction_type="login")

    hidden = html(client.get(claim.get_absolute_url()))

    assert "Nagorno-Karabakh conflict" in shown
    assert "Nagorno-Karabakh conflict" not in hidden
