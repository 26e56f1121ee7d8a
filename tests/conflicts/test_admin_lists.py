"""The admin's actor and claim lists: filters, usage, and a query cost fixed at any scale."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conflicts.models import Actor, Claim
from tests.conflicts.factories import ActorFactory, ClaimFactory
from tests.conflicts.host.factories import StoryPageFactory
from tests.conflicts.pages import warm_site_caches

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return " ".join(response.content.decode().split())


def test_claims_filter_by_missing_source_verdict_and_claimant(editor):
    peskov = ActorFactory(name="Dmitry Peskov")
    ClaimFactory(statement="Sourced claim by Peskov", claimant=peskov, verdict="disputed")
    ClaimFactory(statement="Unsourced claim", sources=0, live=False)
    url = reverse("wagtailsnippets_conflicts_claim:list")

    no_source = text_of(editor.get(url, {"has_source": "false"}))
    disputed = text_of(editor.get(url, {"verdict": "disputed"}))
    by_peskov = text_of(editor.get(url, {"claimant": peskov.pk}))

    assert "Unsourced claim" in no_source and "Sourced claim by Peskov" not in no_source
    assert "Sourced claim by Peskov" in disputed and "Unsourced claim" not in disputed
    assert "Sourced claim by Peskov" in by_peskov and "Unsourced claim" not in by_peskov


def test_actors_filter_by_kind(editor):
    ActorFactory(name="Republic of Armenia", kind=Actor.Kind.STATE)
    ActorFactory(name="Nikol Pashinyan", kind=Actor.Kind.PERSON)

    body = text_of(editor.get(reverse("wagtailsnippets_conflicts_actor:list"), {"kind": "state"}))

    assert "Republic of Armenia" in body
    assert "Nikol Pashinyan" not in body


def test_the_actor_list_says_where_each_is_used(
    editor, site_tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the reference index updates then
        peskov = ActorFactory(name="Dmitry Peskov")
        ActorFactory(name="Unused actor")
        ClaimFactory(claimant=peskov)
        story = StoryPageFactory(parent=site_tree.news, actors=[peskov])
        story.save_revision().publish()

    body = text_of(editor.get(reverse("wagtailsnippets_conflicts_actor:list")))

    usage_url = reverse("wagtailsnippets_conflicts_actor:usage", args=[peskov.pk])
    assert f'<a href="{usage_url}">Used 2 times</a>' in body
    assert "Not used" in body


def bulk_corpus(actors: int, claims: int, prefix: str):
    made = Actor.objects.bulk_create(
        Actor(name=f"{prefix} actor {i}", slug=f"{prefix}-actor-{i}", kind="person", live=True)
        for i in range(actors)
    )
    Claim.objects.bulk_create(
        Claim(
            statement=f"{prefix} claim {i}",
            slug=f"{prefix}-claim-{i}",
            claimant=made[i % actors],
            made_on=datetime.date(2024, 4, 17),
            live=True,
        )
        for i in range(claims)
    )


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# Measured on PostgreSQL; a page of 50 rows, whatever the table holds.
LIST_QUERIES = {"actor": 8, "claim": 10}


@pytest.mark.parametrize("view", ["actor", "claim"])
def test_lists_cost_the_same_queries_for_10_or_1000_actors_and_5000_claims(editor, view):
    url = reverse(f"wagtailsnippets_conflicts_{view}:list")
    bulk_corpus(actors=10, claims=10, prefix="few")
    warm_site_caches()
    small = queries_for(editor, url)
    bulk_corpus(actors=990, claims=4990, prefix="many")
    assert (Actor.objects.count(), Claim.objects.count()) == (1000, 5000)

    large = queries_for(editor, url)

    assert small == large == LIST_QUERIES[view]
