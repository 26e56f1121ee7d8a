"""`updated_at` of the plugin's API objects: when the object, or what its detail shows of the
objects around it, last went live, so `updated_since` brings it back when one of them changes
(a claim whose claimant is renamed, an actor whose organisation is). Read in the list's one
query, as correlated subqueries; it may also move when something of those objects changed
that the detail does not show (an actor's bio): the object then comes again, unchanged.

Shown of others: a claim its claimant, conflict, sources (saved, not published: their latest
revision) and related claims; an actor its affiliations' organisations; an explainer its
parties' actors, and the actors and sources of its key facts and timeline.
"""

from django.db.models import DateTimeField, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Greatest

from apikit.viewsets import EPOCH, updated_at
from conflicts.models import (
    ActorAffiliation,
    ClaimRelation,
    ClaimSource,
    ConflictParty,
    KeyFact,
    TimelineEvent,
)


def _at(expression):
    return Coalesce(expression, Value(EPOCH), output_field=DateTimeField())


def _latest(queryset, field: str):
    """The latest `field` among queryset's rows (a correlated subquery), or the epoch."""
    return _at(Subquery(queryset.order_by(F(field).desc(nulls_last=True)).values(field)[:1]))


def claim_updated_at():
    return Greatest(
        updated_at(),
        _at(F("claimant__last_published_at")),
        _at(F("conflict__last_published_at")),
        _latest(
            ClaimSource.objects.filter(claim=OuterRef("pk")), "source__latest_revision__created_at"
        ),
        _latest(ClaimRelation.objects.filter(claim=OuterRef("pk")), "other__last_published_at"),
    )


def actor_updated_at():
    return Greatest(
        updated_at(),
        _latest(
            ActorAffiliation.objects.filter(actor=OuterRef("pk")), "organisation__last_published_at"
        ),
    )


def explainer_updated_at():
    events = TimelineEvent.objects.filter(page=OuterRef("pk"))
    return Greatest(
        updated_at(),
        _latest(ConflictParty.objects.filter(page=OuterRef("pk")), "actor__last_published_at"),
        _latest(KeyFact.objects.filter(page=OuterRef("pk")), "source__latest_revision__created_at"),
        _latest(events, "actors__last_published_at"),
        _latest(events, "sources__latest_revision__created_at"),
    )
