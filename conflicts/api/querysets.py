"""What the partner API may show: only what is live and public, nothing else, anywhere."""

from django.db.models import Prefetch, Q

from conflicts.models import (
    Actor,
    ActorAffiliation,
    ClaimRelation,
    ClaimSource,
    ConflictExplainerPage,
    ConflictParty,
    KeyFact,
    Source,
    TimelineEvent,
)
from conflicts.profiles import live_claims


def public_explainers():
    """Explainers that are live and not under a view restriction (scheduled pages are not live)."""
    return ConflictExplainerPage.objects.live().public()


def public_actors():
    return Actor.objects.filter(live=True)


def public_claims():
    """Claims readers may see: published, by a published claimant (as on the site)."""
    return live_claims()


def public_sources():
    """Sources that something public cites: a public claim, or a public explainer's key facts or
    timeline. A source only a draft cites stays private: its title could give the draft away.
    """
    explainers = public_explainers().values("pk")
    return Source.objects.filter(
        Q(pk__in=ClaimSource.objects.filter(claim__in=public_claims()).values("source"))
        | Q(pk__in=KeyFact.objects.filter(page__in=explainers).values("source"))
        | Q(
            pk__in=TimelineEvent.sources.through.objects.filter(
                timelineevent__page__in=explainers
            ).values("source")
        )
    )


def actors_for_api():
    return public_actors().prefetch_related(
        Prefetch(
            "affiliations",
            queryset=ActorAffiliation.objects.filter(organisation__live=True).select_related(
                "organisation"
            ),
        )
    )


def claims_for_api():
    return (
        public_claims()
        .select_related("claimant")
        .prefetch_related(
            Prefetch(
                "conflict", queryset=public_explainers().only("id", "title", "slug", "url_path")
            ),
            Prefetch("claim_sources", queryset=ClaimSource.objects.select_related("source")),
            Prefetch(
                "relations",
                queryset=ClaimRelation.objects.filter(other__in=public_claims()).select_related(
                    "other"
                ),
            ),
        )
    )


def explainers_for_api():
    return public_explainers().prefetch_related(
        Prefetch(
            "parties",
            queryset=ConflictParty.objects.filter(actor__live=True).select_related("actor"),
        ),
        Prefetch("key_facts", queryset=KeyFact.objects.select_related("source")),
        Prefetch(
            "timeline_events",
            queryset=TimelineEvent.objects.prefetch_related(
                "sources", Prefetch("actors", queryset=public_actors())
            ),
        ),
    )
