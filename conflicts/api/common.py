"""What every read-only endpoint of the partner API shares, for the plugin and its host.

Strict query parameters (an unknown one, or a malformed value, is a 400 that names it),
cursor pagination in a stable order, lookup by id or by slug. Authentication, permissions
and throttling are the host's: they come from its REST_FRAMEWORK defaults.
"""

import datetime
import re

from django.db.models import DateTimeField, F, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django_filters import rest_framework as filters
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.response import Response

from conflicts.api.response_cache import cached_list_response
from conflicts.validators import has_control_characters

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
ALWAYS_ALLOWED = {"format"}
LIST_PARAMS = {"cursor", "page_size", "ordering"}
MAX_PARAM_LENGTH = 1000  # a cursor is ~100 characters; search words are capped at 200


CURSOR_CHARACTERS = re.compile(r"[A-Za-z0-9+/=_-]+")  # base64, standard or URL-safe
MAX_ID = 2**63 - 1  # PostgreSQL's bigint


def is_id(value: str) -> bool:
    """value is an id the database can hold: ASCII digits, at most a 64-bit integer."""
    return value.isascii() and value.isdigit() and len(value) <= 19 and int(value) <= MAX_ID


class ErrorSerializer(serializers.Serializer):
    """The body of every error answer."""

    detail = serializers.CharField(help_text="What went wrong, in words.")
    parameters = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Only in a 400: each bad query parameter, with what is wrong with it.",
    )


ERROR_RESPONSES = {
    "400": "A query parameter is unknown or malformed: `parameters` names each one and why.",
    "401": "No API key, or a key that is not valid, revoked or expired: `detail` says which.",
    "404": "Nothing public has this id or slug (or your key's scope does not include it).",
    "429": "Over your key's rate: wait `Retry-After` seconds.",
}
NOT_MODIFIED = (
    "Not modified: your `If-None-Match` (ETag) or `If-Modified-Since` still matches. No body."
)


class InvalidQuery(APIException):
    """A 400 that names each bad query parameter and says why."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_query"

    def __init__(self, errors: dict[str, list[str]]):
        names = ", ".join(sorted(errors))
        super().__init__(
            {"detail": f"Invalid query parameter: {names}.", "parameters": errors},
        )


def updated_at():
    """When a page or snippet last went live; never null, so a cursor can stand on it."""
    return Coalesce(
        F("last_published_at"), F("first_published_at"), Value(EPOCH), output_field=DateTimeField()
    )


def revised_at():
    """When a snippet without publishing (a source) was last saved: its latest revision."""
    return Coalesce(F("latest_revision__created_at"), Value(EPOCH), output_field=DateTimeField())


class CursorPage(CursorPagination):
    """Cursor pagination: stable under inserts, in the order the view names for `ordering`."""

    page_size = PAGE_SIZE
    max_page_size = MAX_PAGE_SIZE
    page_size_query_param = "page_size"
    page_size_query_description = f"Results per page, 1 to {MAX_PAGE_SIZE} (default {PAGE_SIZE})."
    cursor_query_description = "The `next` or `previous` link of the last page you read."

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=MAX_PAGE_SIZE)
        return parameters

    def get_ordering(self, request, queryset, view):
        return view.get_cursor_ordering()

    def decode_cursor(self, request):
        """The cursor given; a 400 for one we did not issue. DRF decodes leniently (base64
        skips stray characters, and "' OR 1=1--" reads as the first page): refuse that too."""
        refused = InvalidQuery(
            {"cursor": ["Not a cursor we issued: follow the next link as given."]}
        )
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is not None and not CURSOR_CHARACTERS.fullmatch(encoded):
            raise refused
        try:
            cursor = super().decode_cursor(request)
        except APIException as error:
            raise refused from error
        if encoded is not None and cursor == Cursor(offset=0, reverse=False, position=None):
            raise refused  # every cursor we issue has a position, an offset or a direction
        return cursor


class StrictFilterBackend(filters.DjangoFilterBackend):
    """django-filter, but an invalid value is a 400 in the API's error shape."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise InvalidQuery({k: [str(m) for m in v] for k, v in filterset.errors.items()})
        return filterset.qs


def check_query_params(request, allowed: set[str]) -> None:
    """Refuse any query parameter not in allowed, and a page size out of range."""
    errors = {
        name: ["Unknown parameter. Allowed: " + ", ".join(sorted(allowed)) + "."]
        for name in request.query_params
        if name not in allowed
    }
    for name, value in request.query_params.items():
        if name not in allowed:
            continue
        if not value:
            errors[name] = ["Empty: give a value, or leave the parameter out."]
        elif len(value) > MAX_PARAM_LENGTH:
            errors[name] = [f"Too long: at most {MAX_PARAM_LENGTH} characters."]
        elif has_control_characters(value):
            errors[name] = ["Control characters (such as NUL) are not allowed."]
    if "page_size" in allowed and "page_size" in request.query_params:
        value = request.query_params["page_size"]
        whole = value.isascii() and value.isdigit() and len(value) <= len(str(MAX_PAGE_SIZE))
        if not whole or not 1 <= int(value) <= MAX_PAGE_SIZE:
            errors["page_size"] = [f"Give a whole number from 1 to {MAX_PAGE_SIZE}."]
    if errors:
        raise InvalidQuery(errors)


def ordering_parameter(orderings: dict, default: str) -> OpenApiParameter:
    return OpenApiParameter(
        "ordering",
        OpenApiTypes.STR,
        enum=list(orderings),
        description=f"Order of results (default `{default}`). `updated_at` is oldest change "
        "first: use it with `updated_since` to sync.",
    )


RESPONSE_HEADERS = [
    OpenApiParameter(
        "ETag",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[200],
        required=True,
        description="Send it back as `If-None-Match`: an unchanged answer is a 304.",
    ),
    OpenApiParameter(
        "Retry-After",
        OpenApiTypes.INT,
        OpenApiParameter.HEADER,
        response=[429],
        required=True,
        description="Seconds to wait before the next request.",
    ),
]


class PublicAPISchema(AutoSchema):
    """Documents each list's `ordering` choices, the error answers (400, 401, 404 where a
    path names an object, 429), 304 and the ETag and Retry-After headers."""

    def get_override_parameters(self):
        parameters = [*super().get_override_parameters(), *RESPONSE_HEADERS]
        orderings = getattr(self.view, "orderings", None)
        if orderings and self._is_list_view():
            parameters = [*parameters, ordering_parameter(orderings, self.view.default_ordering)]
        return parameters

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        for parameter in (operation or {}).get("parameters", []):
            schema = parameter.get("schema", {})
            if parameter["in"] == "query" and schema.get("type") == "string":
                schema.setdefault("minLength", 1)  # an empty value is a 400
        return operation

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        responses["304"] = {"description": NOT_MODIFIED}
        for code, description in ERROR_RESPONSES.items():
            if code == "404" and "{" not in self.path:
                continue  # a list is never a 404
            error = OpenApiResponse(ErrorSerializer, description=description)
            responses[code] = self._get_response_for_code(error, code, direction=direction)
        return responses


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

    def perform_content_negotiation(self, request, force=False):
        fmt = request.query_params.get("format")
        if not force and fmt is not None and fmt not in {r.format for r in self.get_renderers()}:
            formats = ", ".join(r.format for r in self.get_renderers())
            raise InvalidQuery({"format": [f"Not offered here. Choose one of: {formats}."]})
        return super().perform_content_negotiation(request, force)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        allowed = set(ALWAYS_ALLOWED)
        if self.action == "list":
            allowed |= LIST_PARAMS
            filterset_class = getattr(self, "filterset_class", None)
            if filterset_class is not None:
                allowed |= set(filterset_class.base_filters)
        check_query_params(request, allowed)
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

    def list(self, request, *args, **kwargs):
        """The list, from the API cache when it is on (conflicts/api/response_cache.py)."""
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


def scoped_conflict_ids(request) -> frozenset | None:
    """The conflicts (explainer ids) the caller may pull, or None for every conflict.

    The host's authentication may put a `conflict_ids` attribute on `request.auth`.
    """
    return getattr(request.auth, "conflict_ids", None)


class BySlugMixin:
    """Adds `/slug/{slug}/`: the same detail, found by slug."""

    @extend_schema(
        parameters=[OpenApiParameter("slug", OpenApiTypes.STR, OpenApiParameter.PATH)],
        description="The same as the detail by id, found by slug.",
    )
    @action(detail=False, url_path=r"slug/(?P<slug>[-\w]+)", url_name="slug")
    def by_slug(self, request, slug=None):
        return self.detail_response(get_object_or_404(self.filter_detail_queryset(), slug=slug))
