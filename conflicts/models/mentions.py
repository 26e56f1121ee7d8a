"""Actors and claims named inside a page's rich text, found by id and fetched in bulk.

A mention is stored as `<a linktype="actor" id="12">the Kremlin</a>` (or `linktype="claim"`;
the editor side and the rendering are in conflicts/richtext.py). Serving a page that mixes in
TextMentionsMixin fetches every live actor and claim its text names in one query per kind;
the link handlers and the sidebar then read them from that prefetch.
"""

import contextvars
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from conflicts.models.actors import Actor
from conflicts.models.claims import Claim

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
    """The public actors or claims among ids, by id: from the page's prefetch when it has
    them (claims come with their claimant and sources, ready for a card)."""
    prefetched = _prefetched.get()
    if prefetched is not None and all(pk in prefetched[kind] for pk in ids):
        return {pk: prefetched[kind][pk] for pk in ids if prefetched[kind][pk] is not None}
    if kind == "claim":
        return Claim.objects.public().filter(pk__in=ids).for_cards().in_bulk()
    return Actor.objects.public().filter(pk__in=ids).in_bulk()


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


class TextMentionsMixin:
    """Mix into a Page whose rich text may mention actors and claims: serving it fetches
    every mention in one query per kind, whatever the number of blocks."""

    # Rich-text or StreamField fields that may hold mentions.
    context_text_fields = ("body",)

    def get_mentioned_ids(self) -> dict[str, list[int]]:
        """Actors and claims mentioned in the page's text, in order of first mention."""
        return mentioned_ids(*(getattr(self, name, "") for name in self.context_text_fields))

    def serve(self, request, *args, **kwargs):
        with mentions_prefetched(*(getattr(self, f, "") for f in self.context_text_fields)):
            response = super().serve(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
        return response
