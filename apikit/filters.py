"""Filters whose bad values are 400s in the API's error shape, and the filters every list
shares: by id or slug, words, times in UTC, "updated since"."""

import datetime

from django import forms
from django.db.models import Q
from django_filters import rest_framework as filters
from django_filters.fields import IsoDateTimeField

from apikit.params import InvalidQuery, is_id


class StrictFilterBackend(filters.DjangoFilterBackend):
    """django-filter, but an invalid value is a 400 in the API's error shape."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise InvalidQuery({k: [str(m) for m in v] for k, v in filterset.errors.items()})
        return filterset.qs


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
