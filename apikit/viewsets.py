"""Read-only viewsets of public data: strict parameters, cursor order, lookup by id or slug,
and list answers from the API cache when it is on."""

import datetime

from django.conf import settings
from django.db.models import DateTimeField, F, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from apikit.cache import cached_list_response
from apikit.filters import StrictFilterBackend
from apikit.pagination import CursorPage
from apikit.params import ALWAYS_ALLOWED, LIST_PARAMS, InvalidQuery, check_query_params, is_id
from apikit.schema import PublicAPISchema
from caching.generations import SITE

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def updated_at(*later: str):
    """When a page or snippet last went live, or the first of the `later` fields that is set
    (a story's context_updated_at: when what it shows last changed); never null, so a cursor
    can stand on it."""
    fields = [*later, "last_published_at", "first_published_at"]
    return Coalesce(*(F(name) for name in fields), Value(EPOCH), output_field=DateTimeField())


def revised_at():
    """When a snippet without publishing (a source) was last saved: its latest revision."""
    return Coalesce(F("latest_revision__created_at"), Value(EPOCH), output_field=DateTimeField())


class StrictQueryMixin:
    """Refuses unknown query parameters and formats; orders lists for the cursor.

    Views set `orderings` ({name: order_by fields, the last one unique}) and
    `default_ordering`.
    """

    pagination_class = CursorPage
    filter_backends = [StrictFilterBackend]
    schema = PublicAPISchema()
    orderings: dict[str, tuple[str, ...]] = {}
    default_ordering = ""

    def method_allowed(self, request) -> bool:
        """Whether this view answers request's method: if not, it is a 405 whatever the
        query parameters say (they are not checked)."""
        method = request.method.lower()
        return method in self.http_method_names and hasattr(self, method)

    def perform_content_negotiation(self, request, force=False):
        if not self.method_allowed(request):  # the 405 in the first renderer, not a 404
            return super().perform_content_negotiation(request, force=True)
        fmt = request.query_params.get("format")
        if not force and fmt is not None and fmt not in {r.format for r in self.get_renderers()}:
            formats = ", ".join(r.format for r in self.get_renderers())
            raise InvalidQuery({"format": [f"Not offered here. Choose one of: {formats}."]})
        return super().perform_content_negotiation(request, force)

    def allowed_query_params(self) -> set[str]:
        """The query parameters this action takes."""
        allowed = set(ALWAYS_ALLOWED)
        if self.action == "list":
            allowed |= LIST_PARAMS
            filterset_class = getattr(self, "filterset_class", None)
            if filterset_class is not None:
                allowed |= set(filterset_class.base_filters)
        if self.action == "by_slug" and translatable(self.get_queryset().model):
            allowed.add("lang")
        return allowed

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not self.method_allowed(request):
            return  # DRF answers 405 next
        check_query_params(request, self.allowed_query_params())
        ordering = request.query_params.get("ordering", self.default_ordering)
        if self.action == "list" and ordering not in self.orderings:
            raise InvalidQuery({"ordering": ["Choose one of: " + ", ".join(self.orderings) + "."]})
        self.ordering_name = ordering

    def get_cursor_ordering(self):
        return self.orderings[getattr(self, "ordering_name", self.default_ordering)]


class PublicReadOnlyViewSet(StrictQueryMixin, viewsets.ReadOnlyModelViewSet):
    """List and detail by id (`/{id}/`), public data only: get_queryset() returns only
    public objects."""

    lookup_value_regex = r"[0-9]+"
    cache_scopes = (SITE,)  # what a cached list answer is kept under (apikit/cache.py)

    def list(self, request, *args, **kwargs):
        """The list, from the API cache when it is on (apikit/cache.py)."""
        parent = super()
        return cached_list_response(self, request, lambda: parent.list(request, *args, **kwargs))

    def retrieve(self, request, *args, **kwargs):
        return self.detail_response(self.get_object())

    def detail_response(self, instance):
        return Response(self.get_serializer(instance).data)

    def filter_detail_queryset(self):
        return self.get_queryset()

    def get_object(self):
        if not is_id(self.kwargs["pk"]):
            raise Http404("No such id.")
        return get_object_or_404(self.filter_detail_queryset(), pk=self.kwargs["pk"])

    def get_serializer_class(self):
        if self.action == "list":
            return getattr(self, "list_serializer_class", self.serializer_class)
        return self.serializer_class


def translatable(model) -> bool:
    """Whether model's rows each belong to a language (Wagtail's TranslatableMixin)."""
    return any(field.name == "locale" for field in model._meta.get_fields())


class BySlugMixin:
    """Adds `/slug/{slug}/`: the same detail, found by slug. A translated page keeps its slug
    in every language, so for those `?lang=` says which (default: the site's language)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("slug", OpenApiTypes.STR, OpenApiParameter.PATH),
            OpenApiParameter(
                "lang",
                OpenApiTypes.STR,
                description="For pages: the language of the edition (default: the site's).",
            ),
        ],
        description="The same as the detail by id, found by slug.",
    )
    @action(detail=False, url_path=r"slug/(?P<slug>[-\w]+)", url_name="slug")
    def by_slug(self, request, slug=None):
        queryset = self.filter_detail_queryset()
        if translatable(queryset.model):
            language = request.query_params.get("lang") or settings.LANGUAGE_CODE
            queryset = queryset.filter(locale__language_code=language)
        return self.detail_response(get_object_or_404(queryset, slug=slug))
