"""The OpenAPI schema's parts every endpoint shares: error answers, 304, ETag, ordering."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from apikit.fields import fields_parameter


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
    """Documents each list's `ordering` choices, `fields` where a view offers it, the error
    answers (400, 401, 404 where a path names an object, 429), 304 and the ETag and
    Retry-After headers."""

    def get_override_parameters(self):
        parameters = [*super().get_override_parameters(), *RESPONSE_HEADERS]
        orderings = getattr(self.view, "orderings", None)
        if orderings and self._is_list_view():
            parameters = [*parameters, ordering_parameter(orderings, self.view.default_ordering)]
        if hasattr(self.view, "selectable_fields"):  # apikit.fields.ChooseFieldsMixin
            parameters = [*parameters, fields_parameter(self.view.selectable_fields())]
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
