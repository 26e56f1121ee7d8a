"""A story's bylines, corrections and tags, kept in the shared cache beside its sidebar.

Reading them is three of the five queries a story page costs and about a third of its
Python time, and every reader of the story gets the same. With the sidebar cache on
(CONFLICTS_SIDEBAR_CACHE_SECONDS > 0, a cache all app servers share) they are kept like the
sidebar (caching/store.py): by the story and when it was last published, under its page
scopes (the site's generation and its conflict's). Saving the story or one of its rows
(declared in newsroom/stories/apps.py) starts a new generation for its conflict; saving an author
or a tag, one for the site.
Previews are never cached: they show an editor's unsaved rows.
"""

from dataclasses import dataclass

from django.db.models import prefetch_related_objects

from caching.store import cached_for_page
from conflicts.sidebar.cache import cache_seconds
from conflicts.sidebar.scopes import page_scopes


@dataclass
class StoryParts:
    bylines: list
    corrections: list
    tags: list


def read_story_parts(page) -> StoryParts:
    """The story's rows from the database (or, in a preview, from the editor's form)."""
    prefetch_related_objects([page], "tags")
    return StoryParts(
        bylines=list(page.bylines.select_related("author")),
        corrections=list(page.corrections.all()),
        tags=list(page.tags.all()),
    )


def story_parts(page, request) -> StoryParts:
    """The story's rows, from the cache when it is on and holds them."""
    build = lambda: read_story_parts(page)  # noqa: E731
    return cached_for_page(
        page, request, "newsroom-story", page_scopes(page), build, cache_seconds()
    )
