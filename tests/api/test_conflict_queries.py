"""Explainers, actors, claims and sources cost a fixed number of SQL queries, list and detail,
whether each holds 2 links or 12 (affiliations, sources, related claims, parties, key facts,
timeline events with their sources and actors)."""

import datetime

import pytest

from conflicts.models import ActorAffiliation, ClaimRelation, ConflictParty, KeyFact
from tests.api.conftest import published
from tests.factories import (
    ActorFactory,
    ClaimFactory,
    ConflictExplainerPageFactory,
    SourceFactory,
    TimelineEventFactory,
)
from tests.pages import warm_site_caches

# key + partner, partner's sections, partner's conflicts (authentication)
AUTH = 3
QUERIES = {
    # actors; their affiliations with each organisation (the site, for full URLs, is cached)
    "/api/v1/actors/": AUTH + 2,
    "/api/v1/actors/{actor}/": AUTH + 2,
    "/api/v1/actors/slug/{actor_slug}/": AUTH + 2,
    # view restrictions; claims with claimants; their public explainers; sources; related
    # claims
    "/api/v1/claims/": AUTH + 5,
    "/api/v1/claims/{claim}/": AUTH + 5,
    # view restrictions; explainers; parties; key facts; timeline events; their sources;
    # their actors
    "/api/v1/explainers/": AUTH + 7,
    "/api/v1/explainers/{explainer}/": AUTH + 7,
    # view restrictions (public explainers cite sources too); sources
    "/api/v1/sources/": AUTH + 2,
    "/api/v1/sources/{source}/": AUTH + 2,
}


def build(site_tree, links: int) -> dict:
    """Three explainers, ten actors, 13 claims, each with `links` of everything."""
    organisations = ActorFactory.create_batch(links)
    actors = ActorFactory.create_batch(10)
    for actor in actors:
        for i, organisation in enumerate(organisations):
            ActorAffiliation.objects.create(
                actor=actor, organisation=organisation, role="Member", sort_order=i
            )
    explainers = [
        ConflictExplainerPageFactory(
            parent=site_tree.conflicts, slug=f"conflict-{n}", **published()
        )
        for n in range(3)
    ]
    for explainer in explainers:
        for i in range(links):
            ConflictParty.objects.create(page=explainer, actor=actors[i % 10], role="Party")
            KeyFact.objects.create(page=explainer, text=f"Fact {i}", source=SourceFactory())
            event = TimelineEventFactory(page=explainer, date=datetime.date(2024, 1, 1 + i))
            event.sources.set(SourceFactory.create_batch(2))
            event.actors.set(actors[:2])
            event.save()  # parental many-to-many links are written on save
    claims = [
        ClaimFactory(claimant=actors[i % 10], conflict=explainers[i % 3], sources=links)
        for i in range(13)
    ]
    for claim in claims:
        for i, other in enumerate(c for c in claims if c != claim):
            if i < links:
                ClaimRelation.objects.create(claim=claim, other=other, kind="responds_to")
    return {
        "actor": actors[0].pk,
        "actor_slug": actors[0].slug,
        "claim": claims[0].pk,
        "explainer": explainers[0].pk,
        "source": claims[0].claim_sources.first().source_id,
    }


@pytest.mark.parametrize("links", [2, 12])
def test_lists_and_details_cost_the_same_whatever_they_hold(
    api, site_tree, links, django_assert_num_queries
):
    ids = build(site_tree, links)
    warm_site_caches()

    for template, queries in QUERIES.items():
        url = template.format(**ids)
        with django_assert_num_queries(queries, info=url):
            response = api.get(url + ("?page_size=100" if "{" not in template else ""))
        assert response.status_code == 200, url
        body = response.json()
        if "results" in body:
            assert body["results"], url

    actor = api.get(f"/api/v1/actors/{ids['actor']}/").json()
    claim = api.get(f"/api/v1/claims/{ids['claim']}/").json()
    explainer = api.get(f"/api/v1/explainers/{ids['explainer']}/").json()
    assert len(actor["affiliations"]) == links
    assert len(claim["sources"]) == len(claim["related_claims"]) == links
    assert len(explainer["parties"]) == len(explainer["key_facts"]) == links
    assert len(explainer["timeline"]) == links
    assert all(len(e["sources"]) == len(e["actors"]) == 2 for e in explainer["timeline"])
