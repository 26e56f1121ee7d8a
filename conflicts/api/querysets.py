"""What the partner API may show: only what is live and public, nothing else, anywhere."""

from django.db.models import Prefetch, Q

from conflicts.models import (
    Actor,
    ActorAffiliation,
    Claim,
    ClaimRelation,
    ClaimSource,
    ConflictExplainerPage,
    ConflictParty,
    KeyFact,
    Source,
    TimelineEvent,
)


def public_sources():
    """Sources that something public cites: a public claim, or a public explainer's key facts or
    timeline. A source only a draft cites stays private: its title could give the draft away.
    """
    explainers = ConflictExplainerPage.objects.live_public().values("pk")
    return Source.objects.filter(
        Q(pk__in=ClaimSource.objects.filter(claim__in=Claim.objects.public()).values("source"))
        | Q(pk__in=KeyFact.objects.filter(page__in=explainers).values("source"))
        | Q(
            pk__in=TimelineEvent.sources.through.objects.filter(
                timelineevent__page__in=explainers
            ).values("source")
        )
    )


def actors_for_api():
    return Actor.objects.public().prefetch_related(
        Prefetch(
            "affiliations",
            queryset=ActorAffiliation.objects.filter(organisation__live=True).select_related(
                "organisation"
            ),
        )
    )


def claims_for_api():
    return (
        Claim.objects.public()
        .select_related("claimant")
        .prefetch_related(
            Prefetch(
                "conflict",
                queryset=ConflictExplainerPage.objects.live_public().only(
                    "id", "title", "slug", "url_path"
                ),
            ),
            Prefetch("claim_sources", queryset=ClaimSource.objects.select_related("source")),
            Prefetch(
                "relations",
                queryset=ClaimRelation.objects.filter(
                    other__in=Claim.objects.public()
                ).select_related("other"),
            ),
        )
    )


def explainers_for_api():
    return ConflictExplainerPage.objects.live_public().prefetch_related(
        Prefetch(
            "parties",
            queryset=ConflictParty.objects.filter(actor__live=True).select_related("actor"),
        ),
        Prefetch("key_facts", queryset=KeyFact.objects.select_related("source")),
        Prefetch(
            "timeline_events",
            queryset=TimelineEvent.objects.prefetch_related(
                "sources", Prefetch("actors", queryset=Actor.objects.public())
            ),
        ),
    )
