"""Filters for the admin's actor, claim and source lists."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from conflicts.models import Actor, Claim, ClaimSource, ConflictExplainerPage, Source


class ActorFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(choices=Actor.Kind.choices)
    live = django_filters.BooleanFilter(label=_("Published"))

    class Meta:
        model = Actor
        fields = ["kind", "live"]


class ClaimFilterSet(WagtailFilterSet):
    verdict = django_filters.ChoiceFilter(choices=Claim._meta.get_field("verdict").choices)
    conflict = django_filters.ModelChoiceFilter(queryset=ConflictExplainerPage.objects.all())
    claimant = django_filters.ModelChoiceFilter(queryset=Actor.objects.only("name"))
    has_source = django_filters.BooleanFilter(label=_("Has a source"), method="filter_has_source")
    live = django_filters.BooleanFilter(label=_("Published"))

    class Meta:
        model = Claim
        fields = ["verdict", "conflict", "claimant", "has_source", "live"]

    def filter_has_source(self, queryset, name, value):
        cited = Exists(ClaimSource.objects.filter(claim=OuterRef("pk")))
        return queryset.filter(cited) if value else queryset.exclude(cited)


class SourceFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(choices=Source.Kind.choices)

    class Meta:
        model = Source
        fields = ["kind"]
