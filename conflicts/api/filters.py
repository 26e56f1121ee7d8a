"""Query filters for actors, claims, sources and explainers. Every value is checked: a bad one
is a 400 naming the parameter (apikit.filters.StrictFilterBackend)."""

from django.db.models import Q
from django_filters import rest_framework as filters

from apikit.filters import SearchFilter, id_or_slug, updated_since_filter
from conflicts.models import (
    Actor,
    ClaimSource,
    ConflictExplainerPage,
    ConflictParty,
    Source,
    Verdict,
)


class ActorFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Actor.Kind.choices, help_text="The kind of actor.")
    conflict = filters.CharFilter(
        method="filter_conflict",
        help_text="A conflict explainer's id or slug: its parties and its claims' claimants.",
    )
    updated_since = updated_since_filter(
        field="updated_at", what="went live, itself or something its detail shows,"
    )
    q = SearchFilter(
        fields=("name", "aliases", "description"),
        help_text="Words in the name, aliases or description.",
    )

    class Meta:
        model = Actor
        fields = []

    def filter_conflict(self, queryset, name, value):
        parties = id_or_slug("conflict_parties__page", value)
        claims = id_or_slug("claims__conflict", value) & Q(claims__live=True)
        return queryset.filter(pk__in=Actor.objects.filter(parties | claims).values("pk"))


class ClaimFilter(filters.FilterSet):
    conflict = filters.CharFilter(method="filter_conflict", help_text="Explainer id or slug.")
    actor = filters.CharFilter(method="filter_actor", help_text="The claimant's id or slug.")
    verdict = filters.ChoiceFilter(choices=Verdict.choices, help_text="The verdict.")
    made_after = filters.DateFilter(
        field_name="made_on", lookup_expr="gte", help_text="Made on or after (YYYY-MM-DD)."
    )
    made_before = filters.DateFilter(
        field_name="made_on", lookup_expr="lte", help_text="Made on or before (YYYY-MM-DD)."
    )
    updated_since = updated_since_filter(
        field="updated_at", what="went live, itself or something its detail shows,"
    )
    q = SearchFilter(
        fields=("statement", "quote", "verdict_explanation"),
        help_text="Words in the statement, quote or verdict explanation.",
    )

    def filter_conflict(self, queryset, name, value):
        return queryset.filter(id_or_slug("conflict", value))

    def filter_actor(self, queryset, name, value):
        return queryset.filter(id_or_slug("claimant", value))


class SourceFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Source.Kind.choices, help_text="The kind of source.")
    publisher = filters.CharFilter(lookup_expr="iexact", help_text="The publisher, exactly.")
    claim = filters.CharFilter(method="filter_claim", help_text="A claim's id or slug.")
    published_after = filters.DateFilter(
        field_name="published_on", lookup_expr="gte", help_text="Published on or after."
    )
    published_before = filters.DateFilter(
        field_name="published_on", lookup_expr="lte", help_text="Published on or before."
    )
    updated_since = updated_since_filter(field="updated_at", what="was last saved")
    q = SearchFilter(fields=("title", "publisher"), help_text="Words in the title or publisher.")

    def filter_claim(self, queryset, name, value):
        cited = ClaimSource.objects.filter(id_or_slug("claim", value)).values("source")
        return queryset.filter(pk__in=cited)


class ExplainerFilter(filters.FilterSet):
    status = filters.ChoiceFilter(
        choices=ConflictExplainerPage.Status.choices,
        help_text="The conflict's status.",
    )
    actor = filters.CharFilter(method="filter_actor", help_text="A party's id or slug.")
    updated_since = updated_since_filter(
        field="updated_at", what="went live, itself or something its detail shows,"
    )
    q = SearchFilter(
        fields=("title", "summary", "region"), help_text="Words in the title, summary or region."
    )

    def filter_actor(self, queryset, name, value):
        parties = ConflictParty.objects.filter(id_or_slug("actor", value)).values("page")
        return queryset.filter(pk__in=parties)
