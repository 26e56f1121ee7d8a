"""`fields=`: the caller chooses the top-level fields an answer carries, as the Guardian's
`show-fields` does: `?fields=id,headline,url,updated_at`.

A view mixes in ChooseFieldsMixin, its serializers ChosenFieldsMixin; the view reads the
parameter (an unknown name is a 400 that names it and lists the valid ones) and passes the
choice to its serializers as context["fields"], and its own code can skip the queries of the
fields left out (`view.wants(name)`).
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from apikit.params import InvalidQuery

FIELDS = "fields"


def chosen_fields(value: str | None, valid: list[str]) -> frozenset | None:
    """The field names value lists (comma-separated), None when not given; a 400 for a
    name that is not one of valid."""
    if value is None:
        return None
    names = [name.strip() for name in value.split(",")]
    unknown = [name for name in names if name not in valid]
    if unknown:
        shown = ", ".join(f'"{name}"' for name in unknown)
        raise InvalidQuery(
            {FIELDS: [f"Unknown field: {shown}. Choose from: " + ", ".join(valid) + "."]}
        )
    return frozenset(names)


def fields_parameter(valid: list[str]) -> OpenApiParameter:
    return OpenApiParameter(
        FIELDS,
        OpenApiTypes.STR,
        description="Only these top-level fields, comma-separated (default: all), e.g. "
        f"`{','.join(valid[:3])}`. One of: " + ", ".join(f"`{name}`" for name in valid) + ".",
    )


class ChooseFieldsMixin:
    """A view that answers `fields=` for the formats in `fields_formats` (before
    StrictQueryMixin, which asks allowed_query_params())."""

    fields_formats = ("json",)
    chosen = None  # the names chosen, or None for every field

    def selectable_fields(self) -> list[str]:
        """The top-level fields of this action's serializer, in their order."""
        return list(self.get_serializer_class().Meta.fields)

    def allowed_query_params(self) -> set[str]:
        return {*super().allowed_query_params(), FIELDS}

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        value = request.query_params.get(FIELDS)
        if value is None or not self.method_allowed(request):
            return
        if request.accepted_renderer.format not in self.fields_formats:
            formats = ", ".join(self.fields_formats)
            raise InvalidQuery({FIELDS: [f"Only for format {formats}: leave it out."]})
        self.chosen = chosen_fields(value, self.selectable_fields())

    def wants(self, name: str) -> bool:
        """Whether the answer carries field name (so its queries are worth running)."""
        return self.chosen is None or name in self.chosen

    def get_serializer_context(self):
        return {**super().get_serializer_context(), FIELDS: self.chosen}


class ChosenFieldsMixin:
    """A serializer with only the fields its context names (context["fields"], None: all)."""

    def get_fields(self):
        fields = super().get_fields()
        chosen = self.context.get(FIELDS)
        if chosen is None:
            return fields
        return {name: field for name, field in fields.items() if name in chosen}
