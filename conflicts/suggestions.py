"""Actors a story names but does not link yet, so an editor can link each with one click.

Two doors, one matching: the panel without JavaScript reads the saved page
(`actor_suggestions`); the panel's script posts the open form as the editor types and
`draft_suggestions` reads that unsaved text (conflicts/admin_views.py).
"""

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import models

from conflicts.models import Actor

# Longest text (in characters) the form's suggestions read: a long story is ~40,000.
MAX_TEXT_CHARS = 100_000

# The Draftail entity an actor mention is (conflicts/wagtail_hooks.py, MENTION_FEATURES).
ACTOR_ENTITY = "ACTOR"

# Keys of a StreamField's form data that carry its structure, not its words.
_STRUCTURE_KEY = re.compile(r"-(count|type|deleted|order|id)$")
_BLOCK_INDEX = re.compile(r"^([^-]+-\d+)-")
_LINKED_ACTOR_KEY = re.compile(r"^actor_links-(\d+)-actor$")


@dataclass
class ActorSuggestion:
    actor: Actor
    named_as: str  # the words in the text that matched the actor's name or an alias


class TextTooLong(ValueError):
    """The form's text is longer than MAX_TEXT_CHARS."""


def text_field_names(model) -> list[str]:
    """The fields whose words can name an actor: the headline, the page's own text fields
    (a dek, a summary) and its context text fields (the body)."""
    own = [
        field.name
        for field in model._meta.local_concrete_fields
        if isinstance(field, models.TextField) and not field.choices
    ]
    context = list(getattr(model, "context_text_fields", ()))
    return ["title", *[name for name in own if name not in context], *context]


def story_text(page) -> str:
    """The headline and the text of the page's text fields, as plain words."""
    parts = []
    for name in text_field_names(type(page)):
        value = getattr(page, name, None)
        if not value:
            continue
        searchable = getattr(page._meta.get_field(name), "get_searchable_content", None)
        if searchable:
            parts.extend(str(text) for text in searchable(value))
        else:
            parts.append(str(value))
    return "\n".join(parts)


def actor_suggestions(page) -> list[ActorSuggestion]:
    """Actors whose name or an alias appears as whole words in the saved headline or text and
    that the page neither links nor mentions, in the order they first appear in the text."""
    linked = {link.actor_id for link in page.actor_links.all() if link.actor_id}
    linked.update(page.get_mentioned_ids()["actor"])
    return actors_named_in(story_text(page), exclude=linked)


def draft_suggestions(model, data) -> list[ActorSuggestion]:
    """The same, for the page form being edited: data is its posted fields (a QueryDict),
    read as the editor left them, before any save. Raises TextTooLong."""
    texts, mentioned = [], set()
    for name in text_field_names(model):
        for value in _field_values(data, name):
            words, actors = _words_and_mentions(value)
            texts.extend(words)
            mentioned.update(actors)
    text = "\n".join(texts)
    if len(text) > MAX_TEXT_CHARS:
        raise TextTooLong(len(text))
    return actors_named_in(text, exclude=linked_in_form(data) | mentioned)


def linked_in_form(data) -> set[int]:
    """The actors the form's key-actor rows choose, less the rows marked for deletion."""
    linked = set()
    for key, value in data.items():
        match = _LINKED_ACTOR_KEY.match(key)
        if match and value.isdigit() and not data.get(f"actor_links-{match.group(1)}-DELETE"):
            linked.add(int(value))
    return linked


def actors_named_in(text: str, exclude=()) -> list[ActorSuggestion]:
    """Actors, except those in exclude, whose name or an alias appears as whole words in
    text, in the order they first appear. One query, whatever the length of the text."""
    lowered = text.lower()
    found = []
    for actor in Actor.objects.exclude(pk__in=exclude).only("pk", "name", "aliases", "live"):
        for name in [actor.name, *actor.alias_list]:
            if not name.strip() or name.lower() not in lowered:  # cheap test first
                continue
            match = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE)
            if match:
                found.append((match.start(), ActorSuggestion(actor, match.group(0))))
                break
    return [suggestion for _, suggestion in sorted(found, key=lambda pair: pair[0])]


def _field_values(data, name) -> Iterator[str]:
    """The posted values of a field: the field itself, or each part of a StreamField
    (`body-0-value`, `body-0-value-heading` ...) but those of deleted blocks."""
    if data.get(name):
        yield data[name]
    prefix = f"{name}-"
    for key, value in data.items():
        if not key.startswith(prefix) or _STRUCTURE_KEY.search(key) or not value:
            continue
        block = _BLOCK_INDEX.match(key)
        if block and data.get(f"{block.group(1)}-deleted"):
            continue
        yield value


def _words_and_mentions(value: str) -> tuple[list[str], set[int]]:
    """A posted value's words and the actors it mentions: Draftail sends rich text as its
    content state (JSON blocks and entities), other fields as plain text."""
    if value.lstrip().startswith("{"):
        try:
            state = json.loads(value)
        except ValueError:
            state = None
        if isinstance(state, dict) and isinstance(state.get("blocks"), list):
            words = [
                str(block.get("text", "")) for block in state["blocks"] if isinstance(block, dict)
            ]
            mentioned = set()
            for entity in (state.get("entityMap") or {}).values():
                if isinstance(entity, dict) and entity.get("type") == ACTOR_ENTITY:
                    pk = (entity.get("data") or {}).get("id")
                    if str(pk).isdigit():
                        mentioned.add(int(pk))
            return words, mentioned
    return [value], set()
