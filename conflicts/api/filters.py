"""Query filters for actors, claims, sources and explainers. Every value is checked: a bad one
is a 400 naming the parameter (see common.StrictFilterBackend)."""

import datetime

from django import forms
from django.db.models import Q
from django_filters import rest_framework as filters
from django_filters.fields import IsoDateTimeField

from conflicts.api.common import is_id
from conflicts.models import Actor, ConflictExplainerPage, ConflictParty, Source, Verdict


def id_or_slug(prefix: str, value: str) -> Q:
    """Match a related object given by id (digits) or by slug.

    Only ASCII digits within the database's id range are an id ("²" and 10**30 are not):
    anything else is looked up as a slug and matches nothing, rather than failing.
    """
    if is_id(value):
        return Q(**{f"{prefix}_id": int(value)})
    return Q(**{f"{prefix}__slug": value})


class SearchFilter(filters.CharFilter):
    """`q`: every word must appear (case-insensitive) in one of the fields."""

    def __init__(self, *args, fields=(), **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, method=self.search, **kwargs)
        self.search_fields = fields

    def search(self, queryset, name, value):
        for word in value.split():
            match = Q()
            for field in self.search_fields:
                match |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(match)
        return queryset


class UTCDateTimeField(IsoDateTimeField):
    """ISO 8601, read in UTC; an offset beyond what any time zone uses (±14:00) or a time that
    falls outside the calendar in UTC is refused, not passed to the database."""

    def to_python(self, value):
        parsed = super().to_python(value)
        if parsed is None:
            return None
        offset = parsed.utcoffset()
        if offset is not None and abs(offset) > datetime.timedelta(hours=14):
            raise forms.ValidationError("No time zone is more than 14 hours from UTC.")
        try:
            return parsed.astimezone(datetime.UTC)
        except OverflowError:
            raise forms.ValidationError("Out of range: give a year from 1 to 9999.") from None


class UTCDateTimeFilter(filters.IsoDateTimeFilter):
    field_class = UTCDateTimeField


def updated_since_filter(field="last_published_at", what="went live (or changed)"):
    return UTCDateTimeFilter(
        field_name=field,
        lookup_expr="gte",
        help_text=f"Only what {what} at or after this time, ISO 8601 with a time zone, "
        "e.g. 2024-04-17T00:00:00Z (without one: UTC).",
    )


class ActorFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Actor.Kind.choices, help_text="The kind of actor.")
    conflict = filters.CharFilter(
        method="filter_conflict",
        help_text="A conflict explainer's id or slug: its parties and its claims' claimants.",
    )
    updated_since = updated_since_filter()
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
    updated_since = updated_since_filter()
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
        from conflicts.models import ClaimSource

        cited = ClaimSource.objects.filter(id_or_slug("claim", value)).values("source")
        return queryset.filter(pk__in=cited)


class ExplainerFilter(filters.FilterSet):
    status = filters.ChoiceFilter(
        choices=ConflictExplainerPage.Status.choices,
        help_text="The conflict's status.",
    )
    actor = filters.CharFilter(method="filter_actor", help_text="A party's id or slug.")
    updated_since = updated_since_filter()
    q = SearchFilter(
        fields=("title", "summary", "region"), help_text="Words in the title, summary or region."
    )

    def filter_actor(self, queryset, name, value):
        parties = ConflictParty.objects.filter(id_or_slug("actor", value)).values("page")
        return queryset.filter(pk__in=parties)
