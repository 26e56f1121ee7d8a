"""Actor mentions and claim references inside rich text, stored by id so they survive renames.

Stored as `<a linktype="actor" id="12">the Kremlin</a>` (and `linktype="claim"`); rendered
on the site as a link to the actor's or claim's page while it is live, as plain text
otherwise; counted by Wagtail's reference index through `extract_references`.
"""

import contextvars
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.utils.html import escape
from draftjs_exporter.dom import DOM
from wagtail.admin.rich_text.converters.html_to_contentstate import LinkElementHandler
from wagtail.rich_text import LinkHandler

from conflicts.models import Actor, Claim

MENTION_TYPES = {"actor": Actor, "claim": Claim}
_ENTITY_TAG = re.compile(r"<a\b[^>]*\blinktype=\"(actor|claim)\"[^>]*>", re.IGNORECASE)
_ID_ATTR = re.compile(r"\bid=\"(\d+)\"")

# Live objects fetched once for the page being served: {"actor": {id: Actor}, ...}.
_prefetched: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "conflicts_mentions", default=None
)


def _texts(value) -> Iterator[str]:
    """Every string inside a rich text value, a StreamField's raw data or nested blocks."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, Iterable):
        for item in value:
            yield from _texts(item)


def mentioned_ids(*values) -> dict[str, list[int]]:
    """Ids of the actors and claims mentioned in values, in order of first mention."""
    found: dict[str, list[int]] = {kind: [] for kind in MENTION_TYPES}
    for value in values:
        raw = getattr(value, "raw_data", getattr(value, "source", value))
        for text in _texts(raw):
            for match in _ENTITY_TAG.finditer(text):
                id_match = _ID_ATTR.search(match.group(0))
                if id_match:
                    pk = int(id_match.group(1))
                    if pk not in found[match.group(1).lower()]:
                        found[match.group(1).lower()].append(pk)
    return found


def live_mentions(kind: str, ids: list[int]) -> dict[int, object]:
    """The live actors or claims among ids, by id: from the page's prefetch when it has them."""
    prefetched = _prefetched.get()
    if prefetched is not None and all(pk in prefetched[kind] for pk in ids):
        return {pk: prefetched[kind][pk] for pk in ids if prefetched[kind][pk] is not None}
    queryset = MENTION_TYPES[kind].objects.filter(pk__in=ids, live=True)
    if kind == "claim":
        from conflicts.context import claim_sources_prefetch

        queryset = (
            queryset.filter(claimant__live=True)
            .select_related("claimant")
            .prefetch_related(claim_sources_prefetch())
        )
    return queryset.in_bulk()


@contextmanager
def mentions_prefetched(*values):
    """While rendering values, fetch every mentioned actor and claim in one query per kind."""
    ids = mentioned_ids(*values)
    fetched = {kind: {} for kind in MENTION_TYPES}
    token = _prefetched.set(None)
    try:
        for kind, pks in ids.items():
            if pks:
                found = live_mentions(kind, pks)
                fetched[kind] = {pk: found.get(pk) for pk in pks}
        _prefetched.set(fetched)
        yield fetched
    finally:
        _prefetched.reset(token)


class MentionLinkHandler(LinkHandler):
    """Renders a stored mention as a link to the public page of what it names."""

    kind = ""

    @classmethod
    def get_model(cls):
        return MENTION_TYPES[cls.kind]

    @classmethod
    def expand_db_attributes(cls, attrs: dict) -> str:
        return cls.expand_db_attributes_many([attrs])[0]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        ids = [int(a["id"]) for a in attrs_list if str(a.get("id", "")).isdigit()]
        found = live_mentions(cls.kind, ids)
        tags = []
        for attrs in attrs_list:
            obj = found.get(int(attrs["id"])) if str(attrs.get("id", "")).isdigit() else None
            if obj is None:
                tags.append("<a>")  # not live, or gone: the words stay, the link does not
                continue
            url = obj.get_absolute_url()
            tags.append(
                f'<a href="{escape(url)}" class="mention" data-mention="{cls.kind}" '
                f'data-card-url="{escape(url)}card/">'
            )
        return tags

    @classmethod
    def extract_references(cls, attrs):
        yield cls.get_model(), attrs["id"], "", ""


class ActorLinkHandler(MentionLinkHandler):
    identifier = "actor"
    kind = "actor"


class ClaimLinkHandler(MentionLinkHandler):
    identifier = "claim"
    kind = "claim"


class MentionElementHandler(LinkElementHandler):
    """Turns a stored mention into a Draftail entity carrying the name the editor sees."""

    def __init__(self, entity_type: str, kind: str):
        super().__init__(entity_type)
        self.kind = kind

    def get_attribute_data(self, attrs):
        try:
            pk = int(attrs["id"])
        except (KeyError, ValueError):
            return {}
        obj = MENTION_TYPES[self.kind].objects.filter(pk=pk).first()
        if obj is None:
            return {"id": pk, "label": ""}
        return {"id": pk, "label": str(obj), "editUrl": ""}


def mention_entity(kind: str):
    """Draftail entity → stored HTML: only the id is kept, never the name."""

    def decorator(props):
        return DOM.create_element("a", {"linktype": kind, "id": props.get("id")}, props["children"])

    return decorator


def conversion_rule(kind: str, entity_type: str) -> dict:
    return {
        "from_database_format": {
            f'a[linktype="{kind}"]': MentionElementHandler(entity_type, kind),
        },
        "to_database_format": {"entity_decorators": {entity_type: mention_entity(kind)}},
    }
