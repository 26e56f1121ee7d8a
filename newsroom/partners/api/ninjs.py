"""An article as IPTC ninjs 3.1 (News in JSON), for partners whose systems read it.

https://iptc.org/standards/ninjs/ : uri, type, dates, headlines, bodies, by, people and
organisations from the story's published actors (with Wikidata URIs where known),
subjects from tags, pubStatus. Only what the article's JSON detail also shows.

`version` moves whenever the JSON's `updated_at` does: "<live revision id>.<context
version>", the context version written as UTC digits (YYYYMMDDhhmmssffffff), so a new
revision or a change in the context shown (a verdict, say) both give a new version, and
versions of one revision sort in time. `versionCreated` is that time (`updated_at`).
"""

import datetime

from django.utils.html import strip_tags
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"
PERSON_KINDS = {"person"}


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _actor_entry(actor, request) -> dict:
    entry = {
        "name": actor.name,
        "rel": "mentioned",
        "literal": actor.slug,
    }
    if actor.wikidata_id:
        entry["uri"] = f"http://www.wikidata.org/entity/{actor.wikidata_id}"
    return entry


def ninjs_version(page) -> str:
    """The article's version: its live revision and its context version (`updated_at`)."""
    stamp = page.updated_at.astimezone(datetime.UTC).strftime("%Y%m%d%H%M%S%f")
    return f"{page.live_revision_id or 1}.{stamp}"


def article_ninjs(page, request, body_html: str) -> dict:
    """The ninjs object for a live, public article (the caller makes sure it is), as read
    by newsroom.partners.api.articles.articles_for_api (with its `updated_at`)."""
    bylines = [b.author for b in page.bylines.all()]
    actors = [link.actor for link in page.actor_links.all()]
    text = strip_tags(body_html)
    item = {
        "standard": {"name": "ninjs", "version": "3.1", "schema": NINJS_SCHEMA},
        "uri": page.get_full_url(request),
        "type": "text",
        "representationType": "full",
        "version": ninjs_version(page),
        "firstCreated": _iso(page.first_published_at or page.display_date),
        "versionCreated": _iso(page.updated_at),
        "contentCreated": _iso(page.display_date),
        "pubStatus": "usable",
        "language": page.locale.language_code,  # BCP 47: en, hy, ru
        "headlines": [{"role": "main", "value": page.title}],
        "descriptions": [{"role": "summary", "contentType": "text/plain", "value": page.dek}],
        "bodies": [
            {
                "role": "main",
                "contentType": "text/html",
                "value": body_html,
                "charCount": len(text),
                "wordCount": len(text.split()),
            }
        ],
        "by": ", ".join(author.name for author in bylines),
        "people": [_actor_entry(a, request) for a in actors if a.kind in PERSON_KINDS],
        "organisations": [_actor_entry(a, request) for a in actors if a.kind not in PERSON_KINDS],
        "subjects": [
            {"name": tag.name, "rel": "about", "literal": tag.slug}
            for tag in sorted(page.tags.all(), key=lambda t: t.name)
        ],
        "altIds": [{"role": "id", "value": str(page.pk)}, {"role": "slug", "value": page.slug}],
    }
    if page.original_url:
        item["infoSources"] = [
            {"name": page.original_publisher, "role": "originator", "uri": page.original_url}
        ]
    return {k: v for k, v in item.items() if v not in (None, [], "")}


# --- The shape above, for the OpenAPI schema (the IPTC schema is the full contract) ---


def _object(name: str, fields: dict, **kwargs):
    return inline_serializer(name, fields, **kwargs)


_str = serializers.CharField
_role_value = {"role": _str(), "value": _str()}
_entity = {
    "name": _str(),
    "rel": _str(),
    "literal": _str(),
    "uri": _str(required=False, help_text="Wikidata, where we know the actor's id."),
}


class NinjsSerializer(serializers.Serializer):
    """An article as IPTC ninjs 3.1 (`?format=ninjs`); empty properties are left out.

    Validate it with http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json."""

    standard = _object("NinjsStandard", {"name": _str(), "version": _str(), "schema": _str()})
    uri = _str(help_text="The story's canonical URL.")
    type = _str()
    representationType = _str()  # noqa: N815  (ninjs property names)
    version = _str(help_text="<live revision id>.<updated_at as UTC digits>: moves with it.")
    firstCreated = serializers.DateTimeField(required=False)  # noqa: N815
    versionCreated = serializers.DateTimeField(required=False)  # noqa: N815
    contentCreated = serializers.DateTimeField(required=False)  # noqa: N815
    pubStatus = _str()  # noqa: N815
    language = _str()
    headlines = _object("NinjsHeadline", _role_value, many=True)
    descriptions = _object(
        "NinjsDescription", {**_role_value, "contentType": _str()}, many=True, required=False
    )
    bodies = _object(
        "NinjsBody",
        {
            **_role_value,
            "contentType": _str(),
            "charCount": serializers.IntegerField(),
            "wordCount": serializers.IntegerField(),
        },
        many=True,
        required=False,
    )
    by = _str(required=False)
    people = _object("NinjsPerson", _entity, many=True, required=False)
    organisations = _object("NinjsOrganisation", _entity, many=True, required=False)
    subjects = _object(
        "NinjsSubject",
        {"name": _str(), "rel": _str(), "literal": _str()},
        many=True,
        required=False,
    )
    altIds = _object("NinjsAltId", _role_value, many=True, required=False)  # noqa: N815
    infoSources = _object(  # noqa: N815
        "NinjsInfoSource",
        {"name": _str(), "role": _str(), "uri": _str()},
        many=True,
        required=False,
    )
