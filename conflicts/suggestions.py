"""Actors a story names but does not link yet, so an editor can link each with one click."""

import re
from dataclasses import dataclass

from conflicts.models import Actor


@dataclass
class ActorSuggestion:
    actor: Actor
    named_as: str  # the words in the text that matched the actor's name or an alias


def story_text(page) -> str:
    """The headline and the text of the page's context fields, as plain words."""
    parts = [page.title or ""]
    for name in getattr(page, "context_text_fields", ()):
        value = getattr(page, name, None)
        field = page._meta.get_field(name)
        searchable = getattr(field, "get_searchable_content", None)
        if value and searchable:
            parts.extend(str(text) for text in searchable(value))
    return "\n".join(parts)


def actor_suggestions(page) -> list[ActorSuggestion]:
    """Actors whose name or an alias appears as whole words in the headline or text and that
    the page neither links nor mentions, in the order they first appear in the text."""
    text = story_text(page)
    linked = {link.actor_id for link in page.actor_links.all() if link.actor_id}
    linked.update(page.get_mentioned_ids()["actor"])
    found = []
    for actor in Actor.objects.exclude(pk__in=linked).only("pk", "name", "aliases", "live"):
        for name in [actor.name, *actor.alias_list]:
            match = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE)
            if name.strip() and match:
                found.append((match.start(), ActorSuggestion(actor, match.group(0))))
                break
    return [suggestion for _, suggestion in sorted(found, key=lambda pair: pair[0])]
