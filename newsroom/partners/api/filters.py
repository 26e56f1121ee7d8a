"""Query filters for articles. A bad value is a 400 naming the parameter."""

from django.conf import settings
from django.db.models import Q
from django_filters import rest_framework as filters

from apikit.filters import SearchFilter, UTCDateTimeFilter, id_or_slug, updated_since_filter
from apikit.params import is_id
from conflicts.models import Claim, Verdict
from newsroom.partners.models import Withdrawal
from newsroom.stories.models import (
    ArticleActorLink,
    ArticleClaimLink,
    ArticlePage,
    ArticleTag,
    SectionPage,
)


class ArticleFilter(filters.FilterSet):
    conflict = filters.CharFilter(
        method="filter_conflict", help_text="The conflict explainer's id or slug."
    )
    actor = filters.CharFilter(method="filter_actor", help_text="A linked actor's id or slug.")
    claim = filters.CharFilter(method="filter_claim", help_text="A linked claim's id or slug.")
    verdict = filters.ChoiceFilter(
        choices=Verdict.choices,
        method="filter_verdict",
        help_text="Stories linking a published claim with this verdict.",
    )
    tag = filters.CharFilter(method="filter_tag", help_text="A tag's slug or name.")
    section = filters.CharFilter(method="filter_section", help_text="A section's id or slug.")
    published_after = UTCDateTimeFilter(
        field_name="display_date",
        lookup_expr="gte",
        help_text="Publication date at or after, ISO 8601 with a time zone.",
    )
    published_before = UTCDateTimeFilter(
        field_name="display_date",
        lookup_expr="lt",
        help_text="Publication date before, ISO 8601 with a time zone.",
    )
    updated_since = updated_since_filter(
        field="context_updated_at", what="went live or changed, the context it shows included,"
    )
    q = SearchFilter(fields=("title", "dek"), help_text="Words in the headline or dek.")
    lang = filters.ChoiceFilter(
        choices=settings.LANGUAGES,
        method="filter_lang",
        help_text="Stories in this language, a BCP 47 code: `en`, `hy` (Armenian) or `ru` "
        "(Russian).",
    )

    class Meta:
        model = ArticlePage
        fields = []

    def filter_conflict(self, queryset, name, value):
        return queryset.filter(id_or_slug("explainer", value))

    def filter_actor(self, queryset, name, value):
        links = ArticleActorLink.objects.filter(id_or_slug("actor", value), actor__live=True)
        return queryset.filter(pk__in=links.values("page"))

    def filter_claim(self, queryset, name, value):
        """Only a public claim matches (not one whose claimant is unpublished)."""
        links = ArticleClaimLink.objects.filter(
            id_or_slug("claim", value), claim__in=Claim.objects.public()
        )
        return queryset.filter(pk__in=links.values("page"))

    def filter_verdict(self, queryset, name, value):
        links = ArticleClaimLink.objects.filter(
            claim__verdict=value, claim__in=Claim.objects.public()
        )
        return queryset.filter(pk__in=links.values("page"))

    def filter_tag(self, queryset, name, value):
        tagged = ArticleTag.objects.filter(Q(tag__slug=value) | Q(tag__name__iexact=value))
        return queryset.filter(pk__in=tagged.values("content_object"))

    def filter_lang(self, queryset, name, value):
        return queryset.filter(locale__language_code=value)

    def filter_section(self, queryset, name, value):
        match = Q(pk=int(value)) if is_id(value) else Q(slug=value)
        section = SectionPage.objects.filter(match).first()
        if section is None:
            return queryset.none()
        return queryset.child_of(section)


class WithdrawalFilter(filters.FilterSet):
    since = UTCDateTimeFilter(
        field_name="withdrawn_at",
        lookup_expr="gte",
        help_text="Withdrawn at or after this time, ISO 8601 with a time zone.",
    )
    kind = filters.ChoiceFilter(choices=Withdrawal.Kind.choices, help_text="What was withdrawn.")

    class Meta:
        model = Withdrawal
        fields = []
