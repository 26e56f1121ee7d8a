"""What the reader pages of the plugin show: actor profiles, claim pages, explainers.

Each function returns plain data for a template in a fixed number of queries, and shows
only what is live and public.
"""

from django.db.models import Prefetch

from conflicts.models import (
    Actor,
    ActorAffiliation,
    Claim,
    ClaimRelation,
    ConflictExplainerPage,
    ConflictParty,
    KeyFact,
    TimelineEvent,
)
from conflicts.models.related import story_models
from conflicts.sidebar.cards import claim_card

LATEST_CLAIMS = 20  # claims an actor or explainer page lists, newest first
LATEST_STORIES = 20


def _stories(matching) -> list:
    """The newest live, public stories of every host page model matching(model) -> queryset
    of that model's stories, newest first."""
    stories = []
    for model in story_models():
        stories.extend(matching(model.objects.live_public()).newest(LATEST_STORIES))
    stories.sort(key=lambda page: page.get_context_date(), reverse=True)
    return stories[:LATEST_STORIES]


def _linking(link_filter: dict):
    """Stories whose link rows match link_filter. The links may repeat a page, so the pages
    are matched by a subquery (DISTINCT over every column would sort all the matches)."""
    return lambda stories: stories.filter(pk__in=stories.model.objects.filter(**link_filter))


def actor_profile(actor, preview: bool = False) -> dict:
    """An actor's affiliations, claims (as sidebar claim cards) and the stories that link it."""
    affiliations = ActorAffiliation.objects.filter(actor=actor, organisation__live=True)
    members = ActorAffiliation.objects.filter(organisation=actor, actor__live=True)
    claims = (
        Claim.objects.public()
        .filter(claimant=actor)
        .select_related("claimant", "conflict")
        .with_sources()[:LATEST_CLAIMS]
    )
    return {
        "affiliations": list(affiliations.select_related("organisation")),
        "members": list(members.select_related("actor")),
        "claims": [claim_card(claim) for claim in claims],
        "stories": [] if preview else _stories(_linking({"actor_links__actor": actor})),
    }


def claim_profile(claim) -> dict:
    """A claim's live public conflict, sources, related claims (both ways) and its stories."""
    public = Claim.objects.public()
    relations = ClaimRelation.objects.filter(claim=claim, other__in=public)
    inbound = ClaimRelation.objects.filter(other=claim, claim__in=public)
    conflict = (
        ConflictExplainerPage.objects.live_public().filter(pk=claim.conflict_id).first()
        if claim.conflict_id
        else None
    )
    return {
        "conflict": conflict,
        "sources": list(claim.claim_sources.select_related("source")),
        "relations": list(relations.select_related("other__claimant")),
        "inbound_relations": list(inbound.select_related("claim__claimant")),
        "stories": _stories(_linking({"claim_links__claim": claim})),
    }


def explainer_profile(page) -> dict:
    """An explainer's parties, key facts, timeline, claims and stories on the conflict."""
    parties = ConflictParty.objects.filter(page=page, actor__live=True).select_related("actor")
    key_facts = KeyFact.objects.filter(page=page).select_related("source")
    events = (
        TimelineEvent.objects.filter(page=page)
        .order_by(*TimelineEvent._meta.ordering)
        .prefetch_related("sources", Prefetch("actors", queryset=Actor.objects.public()))
    )
    claims = (
        Claim.objects.public()
        .filter(conflict=page)
        .select_related("claimant")
        .with_sources()[:LATEST_CLAIMS]
    )
    return {
        "parties": list(parties),
        "key_facts": list(key_facts),
        "timeline": list(events),
        "claims": [claim_card(claim) for claim in claims],
        "stories": _stories(lambda stories: stories.on_conflict(page)),
    }
