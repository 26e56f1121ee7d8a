"""Read-only endpoints for actors, claims, sources and explainers: public data only."""

from drf_spectacular.utils import extend_schema, extend_schema_view

from apikit.viewsets import BySlugMixin, PublicReadOnlyViewSet, revised_at
from conflicts.api import filters, querysets, serializers
from conflicts.api.updated import actor_updated_at, claim_updated_at, explainer_updated_at
from conflicts.models import Actor, Claim, ConflictExplainerPage, Source
from conflicts.sidebar.scopes import LIST_SCOPES


def scoped_conflict_ids(request) -> frozenset | None:
    """The conflicts (explainer ids) the caller may pull, or None for every conflict.

    The host's authentication may put a `conflict_ids` attribute on `request.auth`.
    """
    return getattr(request.auth, "conflict_ids", None)


class ConflictsViewSet(BySlugMixin, PublicReadOnlyViewSet):
    """List, detail by id and by slug; cached lists are dropped by any visible change."""

    cache_scopes = LIST_SCOPES


SYNC_ORDERINGS = {
    "-updated_at": ("-updated_at", "-id"),
    "updated_at": ("updated_at", "id"),
}


@extend_schema_view(
    list=extend_schema(summary="List published actors"),
    retrieve=extend_schema(summary="One actor, with affiliations"),
    by_slug=extend_schema(summary="One actor, by slug"),
)
class ActorViewSet(ConflictsViewSet):
    """People, states, bodies, forces, alliances, outlets and groups that act or speak."""

    queryset = Actor.objects.none()  # for the schema; get_queryset() is what serves
    serializer_class = serializers.ActorSerializer
    filterset_class = filters.ActorFilter
    orderings = {"name": ("name", "id"), **SYNC_ORDERINGS}
    default_ordering = "name"

    def get_queryset(self):
        return querysets.actors_for_api().annotate(updated_at=actor_updated_at())


@extend_schema_view(
    list=extend_schema(summary="List published claims"),
    retrieve=extend_schema(summary="One claim, with its sources, verdict and related claims"),
    by_slug=extend_schema(summary="One claim, by slug"),
)
class ClaimViewSet(ConflictsViewSet):
    """Statements actors made on the record, with verdicts and the sources that show them."""

    queryset = Claim.objects.none()  # for the schema; get_queryset() is what serves
    serializer_class = serializers.ClaimSerializer
    filterset_class = filters.ClaimFilter
    orderings = {"-made_on": ("-made_on", "-id"), "made_on": ("made_on", "id"), **SYNC_ORDERINGS}
    default_ordering = "-made_on"

    def get_queryset(self):
        queryset = querysets.claims_for_api().annotate(updated_at=claim_updated_at())
        conflict_ids = scoped_conflict_ids(self.request)
        if conflict_ids is not None:
            queryset = queryset.filter(conflict_id__in=conflict_ids)
        return queryset


@extend_schema_view(
    list=extend_schema(summary="List sources that something public cites"),
    retrieve=extend_schema(summary="One source"),
)
class SourceViewSet(PublicReadOnlyViewSet):
    """Documents that show what was said or what happened: only those public content cites."""

    cache_scopes = LIST_SCOPES

    queryset = Source.objects.none()  # for the schema; get_queryset() is what serves
    serializer_class = serializers.SourceDetailSerializer
    filterset_class = filters.SourceFilter
    orderings = {"id": ("id",), "-id": ("-id",), **SYNC_ORDERINGS}
    default_ordering = "id"

    def get_queryset(self):
        return querysets.public_sources().annotate(updated_at=revised_at())


@extend_schema_view(
    list=extend_schema(summary="List published conflict explainers"),
    retrieve=extend_schema(summary="One explainer, with parties, key facts and timeline"),
    by_slug=extend_schema(summary="One explainer, by slug"),
)
class ExplainerViewSet(ConflictsViewSet):
    """Conflicts in brief, in depth and in time."""

    queryset = ConflictExplainerPage.objects.none()  # for the schema; get_queryset() is what serves
    serializer_class = serializers.ExplainerSerializer
    filterset_class = filters.ExplainerFilter
    orderings = {"title": ("title", "id"), **SYNC_ORDERINGS}
    default_ordering = "title"

    def get_queryset(self):
        queryset = querysets.explainers_for_api().annotate(updated_at=explainer_updated_at())
        conflict_ids = scoped_conflict_ids(self.request)
        if conflict_ids is not None:
            queryset = queryset.filter(pk__in=conflict_ids)
        return queryset
