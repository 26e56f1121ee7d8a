"""Corrections and verdict changes: one list, newest first, of what changed in what readers
were told: a story's correction or update, a claim's new verdict.

The two come from two tables; the list walks both in one order (date, then kind, then id)
with a cursor that holds the last item's place, so a page costs the same few queries however
deep it is. Corrections are scoped by the partner's key as articles are (sections and
conflicts), verdict changes as claims are (conflicts).
"""

import base64
import binascii
import datetime
import json

from django.db.models import Q
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from apikit.filters import UTCDateTimeFilter
from apikit.pagination import CursorPage
from apikit.params import InvalidQuery
from apikit.viewsets import StrictQueryMixin
from conflicts.models import Verdict, VerdictChange
from newsroom.partners.api.articles import scoped_articles
from newsroom.stories.corrections import corrections_html, public_corrections
from newsroom.stories.models import ArticleCorrection, ArticlePage

VERDICT = "verdict"
KINDS = [*ArticleCorrection.Kind.values, VERDICT]
# Where each table's rows fall among items with the same date (the order is total).
RANK = {"correction": 1, VERDICT: 0}


class CorrectionFilter(filters.FilterSet):
    since = UTCDateTimeFilter(
        method="keep",
        help_text="Only items dated at or after this time (a correction's date, the time a "
        "verdict changed), ISO 8601 with a time zone.",
    )
    updated_since = UTCDateTimeFilter(
        method="keep",
        help_text="Only items that went live (or changed) at or after this time: a correction "
        "when its story was last published, a verdict change when it happened. ISO 8601.",
    )
    kind = filters.ChoiceFilter(
        choices=[(kind, kind) for kind in KINDS],
        method="keep",
        help_text="`correction` or `update` (to a story), or `verdict` (a claim's change).",
    )

    class Meta:
        model = ArticleCorrection
        fields = []

    def keep(self, queryset, name, value):
        return queryset  # applied to both tables by the view (CorrectionViewSet.sources)


class CorrectionOrVerdictSerializer(serializers.Serializer):
    """One item: a correction or update to a story, or a change of a claim's verdict."""

    id = serializers.CharField(
        help_text="Stable: `correction-<article id>-<date>` or `verdict-<id>`."
    )
    kind = serializers.ChoiceField(choices=KINDS)
    date = serializers.DateTimeField(
        help_text="A correction's date as the story shows it; when a verdict changed."
    )
    updated_at = serializers.DateTimeField(
        help_text="When this last went live: the story's last publication; the verdict change."
    )
    url = serializers.URLField(help_text="The story's page, or the claim's.")
    text_html = serializers.CharField(
        help_text="The correction as the story shows it (HTML); for a verdict change, the "
        "verdict's explanation as it went live (escaped, in a paragraph)."
    )
    article = inline_serializer(
        "CorrectedArticle",
        {
            "id": serializers.IntegerField(),
            "slug": serializers.CharField(),
            "title": serializers.CharField(),
        },
        allow_null=True,
        help_text="The corrected story (null for a verdict change).",
    )
    claim = inline_serializer(
        "ChangedClaim",
        {
            "id": serializers.IntegerField(),
            "slug": serializers.CharField(),
            "statement": serializers.CharField(),
        },
        allow_null=True,
        help_text="The claim whose verdict changed (null for a correction).",
    )
    old_verdict = serializers.ChoiceField(
        choices=Verdict.choices,
        allow_null=True,
        help_text="The verdict readers saw before; null when it had none, or for a correction.",
    )
    new_verdict = serializers.ChoiceField(
        choices=Verdict.choices, allow_null=True, help_text="Null for a correction."
    )


def correction_item(correction, html, request) -> dict:
    article = correction.page
    return {
        "id": f"correction-{article.pk}-{correction.date:%Y%m%dT%H%M%S.%f}",
        "kind": correction.kind,
        "date": correction.date,
        "updated_at": article.last_published_at or correction.date,
        "url": article.get_full_url(request) or "",
        "text_html": html,
        "article": {"id": article.pk, "slug": article.slug, "title": article.title},
        "claim": None,
        "old_verdict": None,
        "new_verdict": None,
    }


def verdict_item(change, request) -> dict:
    claim = change.claim
    return {
        "id": f"verdict-{change.pk}",
        "kind": VERDICT,
        "date": change.changed_at,
        "updated_at": change.changed_at,
        "url": request.build_absolute_uri(claim.get_absolute_url()),
        "text_html": format_html("<p>{}</p>", change.explanation) if change.explanation else "",
        "article": None,
        "claim": {"id": claim.pk, "slug": claim.slug, "statement": claim.statement},
        "old_verdict": change.old_verdict or None,
        "new_verdict": change.new_verdict,
    }


class MergedCursorPage(CursorPage):
    """Cursor pages over several querysets at once, in one order: (date, rank, id).

    The cursor is the last item's place, base64 JSON; a page reads page size + 1 rows of
    each queryset after that place (one query each) and keeps the first page size.
    """

    def paginate_sources(self, request, sources, descending: bool):
        """sources: [(rank, queryset, date field)]. Returns the page's rows, in order."""
        self.request = request
        self.page_size = self.get_page_size(request)
        self.descending = descending
        place = self.decode_place(request)
        rows = []
        for rank, queryset, date_field in sources:
            if place is not None:
                queryset = queryset.filter(self.after(place, rank, date_field))
            order = [date_field, "pk"]
            if descending:
                order = [f"-{field}" for field in order]
            for row in queryset.order_by(*order)[: self.page_size + 1]:
                rows.append(((getattr(row, date_field), rank, row.pk), row))
        rows.sort(key=lambda pair: pair[0], reverse=descending)
        self.has_next = len(rows) > self.page_size
        page = rows[: self.page_size]
        self.next_place = page[-1][0] if self.has_next else None
        return [row for _, row in page]

    def after(self, place, rank, date_field) -> Q:
        """The rows of the queryset of `rank` that come after `place` in the list's order."""
        date, place_rank, pk = place
        later = "lt" if self.descending else "gt"
        follows = Q(**{f"{date_field}__{later}": date})
        if (rank < place_rank) if self.descending else (rank > place_rank):
            follows |= Q(**{date_field: date})
        elif rank == place_rank:
            follows |= Q(**{date_field: date, f"pk__{later}": pk})
        return follows

    def decode_place(self, request):
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return None
        try:
            date, rank, pk = json.loads(base64.urlsafe_b64decode(encoded.encode("ascii")))
            date = parse_datetime(date)
            if date is None or date.tzinfo is None or rank not in RANK.values():
                raise ValueError(date)
            return date, rank, int(pk)
        except (ValueError, TypeError, binascii.Error, UnicodeError):
            raise InvalidQuery(
                {"cursor": ["Not a cursor we issued: follow the next link as given."]}
            ) from None

    def encode_place(self, place) -> str:
        date, rank, pk = place
        token = json.dumps([date.astimezone(datetime.UTC).isoformat(), rank, pk])
        return base64.urlsafe_b64encode(token.encode()).decode("ascii")

    def get_next_link(self):
        if self.next_place is None:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, self.encode_place(self.next_place))

    def get_paginated_response(self, data):
        return Response({"next": self.get_next_link(), "previous": None, "results": data})


@extend_schema_view(
    list=extend_schema(
        summary="Corrections to stories and changes of claims' verdicts, newest first",
        description="Everything public readers were told differently: a story's correction or "
        "update (on the story's page), a claim's new verdict (on the claim's page). "
        "Follow `next` to read on; `previous` is always null.",
    )
)
class CorrectionViewSet(StrictQueryMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    queryset = ArticleCorrection.objects.none()  # for the schema; sources() is what serves
    serializer_class = CorrectionOrVerdictSerializer
    filterset_class = CorrectionFilter
    pagination_class = MergedCursorPage
    orderings = {"-date": ("-date", "-id"), "date": ("date", "id")}
    default_ordering = "-date"

    def list(self, request, *args, **kwargs):
        filterset = self.filterset_class(request.query_params, queryset=self.queryset)
        if not filterset.is_valid():
            errors = filterset.errors.items()
            raise InvalidQuery({name: [str(m) for m in messages] for name, messages in errors})
        paginator = self.paginator
        rows = paginator.paginate_sources(
            request,
            self.sources(**filterset.form.cleaned_data),
            descending=self.ordering_name.startswith("-"),
        )
        corrections = [row for row in rows if isinstance(row, ArticleCorrection)]
        html = dict(zip(map(id, corrections), corrections_html(corrections), strict=True))
        items = [
            correction_item(row, html[id(row)], request)
            if isinstance(row, ArticleCorrection)
            else verdict_item(row, request)
            for row in rows
        ]
        return paginator.get_paginated_response(self.get_serializer(items, many=True).data)

    def sources(self, since=None, updated_since=None, kind=None):
        """[(rank, queryset, date field)] of the kinds asked for, filtered and scoped."""
        sources = []
        if kind != VERDICT:
            articles = scoped_articles(ArticlePage.objects.live_public(), self.request)
            corrections = public_corrections(articles)
            if kind:
                corrections = corrections.filter(kind=kind)
            if since:
                corrections = corrections.filter(date__gte=since)
            if updated_since:
                corrections = corrections.filter(page__last_published_at__gte=updated_since)
            sources.append((RANK["correction"], corrections, "date"))
        if not kind or kind == VERDICT:
            changes = VerdictChange.objects.public().select_related("claim")
            conflict_ids = getattr(self.request.auth, "conflict_ids", None)
            if conflict_ids is not None:
                changes = changes.filter(claim__conflict_id__in=conflict_ids)
            for bound in (since, updated_since):
                if bound:
                    changes = changes.filter(changed_at__gte=bound)
            sources.append((RANK[VERDICT], changes, "changed_at"))
        return sources
