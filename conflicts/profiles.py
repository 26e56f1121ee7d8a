"""What the reader pages of the plugin show: actor profiles, claim pages, explainers.

Each function returns plain data for a template in a fixed number of queries, and shows
only what is live and public.
"""

from django.apps import apps
from django.db.models import Prefetch

from conflicts.context import claim_card, claim_sources_prefetch
from conflicts.models import (
    ActorAffiliation,
    Claim,
    ClaimRelation,
    ConflictExplainerPage,
    ConflictParty,
    KeyFact,
    RelatedContextMixin,
    TimelineEvent,
)
from conflicts.models.actors import Actor


def host_page_models() -> list[type]:
    """The concrete page models of the host site that link context (e.g. ArticlePage)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, RelatedContextMixin) and not model._meta.abstract
    ]


def _stories(filter_for_model, limit: int = 20, through_links: bool = False) -> list:
    """Live, public host pages matching filter_for_model(model) -> Q-kwargs, newest first.

    through_links: the filter joins link rows, which may repeat a page; the pages are then
    matched by a subquery (DISTINCT over every column would sort all the matches). A direct
    filter (explainer=...) lets PostgreSQL walk an (explainer, date) index and stop at limit.
    """
    stories = []
    for model in host_page_models():
        order_field = model.context_date_field
        if through_links:
            matching = {"pk__in": model.objects.filter(**filter_for_model(model)).values("pk")}
        else:
            matching = filter_for_model(model)
        qs = model.objects.live().public().filter(**matching).order_by(f"-{order_field}")
        stories.extend(qs[:limit])
    stories.sort(key=lambda p: p.get_context_date(), reverse=True)
    return stories[:limit]


LATEST_CLAIMS = 20  # claims an actor or explainer page lists, newest first


def live_claims():
    """Claims readers may see: published, by a published claimant."""
    return Claim.objects.filter(live=True, claimant__live=True)


def actor_profile(actor, preview: bool = False) -> dict:
    """An actor's affiliations, claims (as sidebar claim cards) and the stories that link it."""
    affiliations = ActorAffiliation.objects.filter(actor=actor, organisation__live=True)
    members = ActorAffiliation.objects.filter(organisation=actor, actor__live=True)
    claims = (
        live_claims()
        .filter(claimant=actor)
        .select_related("claimant", "conflict")
        .prefetch_related(claim_sources_prefetch())[:LATEST_CLAIMS]
    )
    return {
        "affiliations": list(affiliations.select_related("organisation")),
        "members": list(members.select_related("actor")),
        "claims": [claim_card(claim) for claim in claims],
        "stories": []
        if preview
        else _stories(lambda m: {"actor_links__actor": actor}, through_links=True),
    }


def claim_profile(claim) -> dict:
    """A claim's live public conflict, sources, related claims (both ways) and its stories."""
    relations = ClaimRelation.objects.filter(claim=claim, other__in=live_claims()).select_related(
        "other__claimant"
    )
    inbound = ClaimRelation.objects.filter(other=claim, claim__in=live_claims()).select_related(
        "claim__claimant"
    )
    conflict = (
        ConflictExplainerPage.objects.live().public().filter(pk=claim.conflict_id).first()
        if claim.conflict_id
        else None
    )
    return {
        "conflict": conflict,
        "sources": list(claim.claim_sources.select_related("source")),
        "relations": list(relations),
        "inbound_relations": list(inbound),
        "stories": _stories(lambda m: {"claim_links__claim": claim}, through_links=True),
    }


def explainer_profile(page) -> dict:
    """An explainer's parties, key facts, timeline, claims and stories on the conflict."""
    parties = ConflictParty.objects.filter(page=page, actor__live=True).select_related("actor")
    key_facts = KeyFact.objects.filter(page=page).select_related("source")
    events = (
        TimelineEvent.objects.filter(page=page)
        .order_by("date", "sort_order")
        .prefetch_related(
            "sources",
            Prefetch("actors", queryset=Actor.objects.filter(live=True)),
        )
    )
    claims = (
        live_claims()
        .filter(conflict=page)
        .select_related("claimant")
        .prefetch_related(claim_sources_prefetch())[:LATEST_CLAIMS]
    )
    return {
        "parties": list(parties),
        "key_facts": list(key_facts),
        "timeline": list(events),
        "claims": [claim_card(claim) for claim in claims],
        "stories": _stories(lambda m: {"explainer": page}),
    }
