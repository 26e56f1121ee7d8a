"""The portable format's shape and the checks every loaded row goes through (see
conflicts/portable/__init__.py for the format)."""

import datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

FORMAT = "conflicts/1"
SECTIONS = ("actors", "sources", "explainers", "claims", "translations", "naming_policies")


class DataError(ValueError):
    """A portable file that cannot be loaded; the message names the object and field."""


# Each kind of object: (required keys, optional keys). Keys that hold lists are in LISTS;
# every other value is a string (or null for an optional one). Anything else is refused, so
# a misspelt key is an error rather than a silently blank field.
SCHEMA = {
    "actor": (
        {"slug", "name", "kind"},
        {"description", "bio", "aliases", "wikidata_id", "affiliations", "live", "translations"},
    ),
    "affiliation": ({"organisation", "role"}, {"start_date", "end_date"}),
    "source": (
        {"title", "publisher", "kind"},
        {"url", "published_on", "archive_url", "translations"},
    ),
    "explainer": (
        {"slug", "title", "summary", "region"},
        {
            "status",
            "body",
            "parties",
            "key_facts",
            "timeline_events",
            "last_reviewed",
            "review_note",
            "live",
        },
    ),
    "section": ({"heading", "text"}, set()),
    "party": ({"actor", "role"}, set()),
    "key fact": ({"text"}, {"source"}),
    "timeline event": (
        {"date", "title"},
        {"date_precision", "description", "sources", "sources_note", "actors"},
    ),
    "claim": (
        {"slug", "statement", "claimant", "made_on"},
        {
            *("quote", "conflict", "verdict", "verdict_explanation", "sources", "relations"),
            *("live", "translations"),
        },
    ),
    "claim source": (set(), {"url", "source", "shows", "quote"}),
    "relation": ({"kind", "other"}, set()),
    # Words in other languages, by language code: {"ru": {"name": ..., ...}} (the first of
    # each kind required); "translations" at the top level adds them to objects by key.
    "actor words": ({"name"}, {"aliases", "description", "bio"}),
    "claim words": ({"statement"}, {"quote", "verdict_explanation"}),
    "source words": ({"title"}, set()),
    "translations": (set(), {"actors", "claims", "sources"}),
    "naming policy": ({"subject", "rules"}, {"explainers", "actor", "note"}),
    "naming rule": ({"language", "preferred_name"}, {"first_mention", "alternate_names"}),
}
BOOLEANS = {"live"}  # absent means true: published
# Keys holding objects (keyed by language code, or by natural key), per kind.
OBJECTS = {
    "actor": {"translations"},
    "claim": {"translations"},
    "source": {"translations"},
    "translations": {"actors", "claims", "sources"},
}
LISTS = {
    "aliases",
    "affiliations",
    "body",
    "parties",
    "key_facts",
    "timeline_events",
    "sources",
    "actors",
    "relations",
    "rules",
    "explainers",
    "alternate_names",
}


def fields(row, kind: str, label: str) -> dict:
    """The row's fields, checked against SCHEMA[kind] (see check_fields)."""
    required, optional = SCHEMA[kind]
    objects = OBJECTS.get(kind, set())
    lists = LISTS - objects
    return check_fields(
        row, label, required, optional, lists, objects, kind=kind, booleans=BOOLEANS
    )


def check_fields(
    row,
    label,
    required,
    optional,
    lists=frozenset(),
    objects=frozenset(),
    kind="row",
    booleans=frozenset(),
) -> dict:
    """row's fields: none missing, none unknown, lists and objects where due, strings elsewhere.

    Optional keys that are absent or null come back as "" (or [] for lists). Host formats
    (the demo site, articles) use it too, so every part of a file is checked the same way.
    """
    if not isinstance(row, dict):
        raise DataError(
            _("%(label)s: expected an object with keys, found %(type)s")
            % {"label": label, "type": type(row).__name__}
        )
    required, optional = set(required), set(optional)
    lists, objects = set(lists), set(objects)
    unknown = sorted(set(row) - required - optional)
    if unknown:
        known = ", ".join(sorted(required | optional))
        raise DataError(
            _("%(label)s: %(field)s: unknown field (a %(kind)s has: %(known)s)")
            % {"label": label, "field": unknown[0], "kind": kind, "known": known}
        )
    values = {}
    for key in sorted(required | optional):
        value = row.get(key)
        where = {"label": label, "field": key}
        if value is None or value == "" or value == []:
            if key in required:
                raise DataError(_("%(label)s: %(field)s: this field is required") % where)
            value = [] if key in lists else {} if key in objects else ""
        elif key in lists and not isinstance(value, list):
            raise DataError(_("%(label)s: %(field)s: expected a list") % where)
        elif key in objects and not isinstance(value, dict):
            raise DataError(_("%(label)s: %(field)s: expected an object with keys") % where)
        elif key in booleans:
            if not isinstance(value, bool):
                raise DataError(_("%(label)s: %(field)s: expected true or false") % where)
        elif key not in lists | objects and not isinstance(value, str):
            raise DataError(_("%(label)s: %(field)s: expected a string") % where)
        values[key] = value
    return values


def parse_date(value: str, label: str, key: str) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise DataError(
            _('%(label)s: %(field)s: "%(value)s" is not a date (YYYY-MM-DD)')
            % {"label": label, "field": key, "value": value}
        ) from None


def describe(error: ValidationError) -> str:
    """A ValidationError as "field: message; field: message" (plain message if no field)."""
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    return "; ".join(
        " ".join(messages) if field == NON_FIELD_ERRORS else f"{field}: {' '.join(messages)}"
        for field, messages in error.message_dict.items()
    )


def check(obj, label: str, exclude=None) -> None:
    """full_clean() obj; any error becomes a DataError that names label and the field."""
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as error:
        raise DataError(f"{label}: {describe(error)}") from None


def stream_value(model, field_name: str, raw: list, label: str):
    """A StreamField value from its JSON form, checked by the stream's own blocks."""
    stream_block = model._meta.get_field(field_name).stream_block
    value = stream_block.to_python(raw)
    try:
        stream_block.clean(value)
    except ValidationError as error:
        details = _flatten(error.as_json_data()) if hasattr(error, "as_json_data") else ""
        raise DataError(f"{label}: {field_name}: {details or describe(error)}") from None
    return value


def _flatten(data, path="") -> str:
    """Wagtail's nested block errors, as "block 2: heading: message"."""
    parts = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "messages":
                parts.append(f"{path}{' '.join(value)}")
            elif key == "blockErrors":
                parts.append(_flatten(value, path))
            else:
                name = (
                    _("block %(number)s") % {"number": int(key) + 1} if str(key).isdigit() else key
                )
                parts.append(_flatten(value, f"{path}{name}: "))
    elif isinstance(data, list):
        parts.extend(_flatten(item, path) for item in data)
    else:
        parts.append(f"{path}{data}")
    return "; ".join(p for p in parts if p)


def publish(obj, label: str, live=True) -> None:
    """Save a revision and publish it, as an editor's Publish button does; a draft
    (live false in the file) gets its revision and stays a draft."""
    try:
        revision = obj.save_revision()
        if live is not False:
            revision.publish()
    except ValidationError as error:
        raise DataError(f"{label}: {describe(error)}") from None
