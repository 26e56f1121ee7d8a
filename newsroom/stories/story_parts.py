"""A story's bylines, corrections, tags and lead image, cached beside its sidebar.

The lead image comes with every rendition the page shows (newsroom/stories/images.py).
Reading them is three of the five queries a story page costs and about a third of its
Python time, and every reader of the story gets the same. With the sidebar cache on
(CONFLICTS_SIDEBAR_CACHE_SECONDS > 0, a cache all app servers share) they are kept like the
sidebar (caching/store.py): by the story and when it was last published, under STORY_PARTS
and its conflict's scope. Saving the story or one of its rows (declared in
newsroom/stories/apps.py) starts a new generation for its conflict; saving an author, a tag
or an image, one of STORY_PARTS (and the site's). The plugin's changes (a verdict, an actor)
drop neither: nothing here shows them, so a story page after a verdict change reads only
what the change made cold (its sidebar, when it shows the claim).
Previews are never cached: they show an editor's unsaved rows.
"""

from dataclasses import dataclass

from django.db.models import prefetch_related_objects

from caching.store import cached_for_page
from conflicts.sidebar.cache import cache_seconds
from conflicts.sidebar.scopes import conflict_of, conflict_scope
from newsroom.stories.images import lead_image

# What authors, tags and images drop (newsroom/stories/apps.py), besides the site's scope.
STORY_PARTS = "newsroom:story-parts"


@dataclass
class StoryParts:
    bylines: list
    corrections: list
    tags: list
    lead_image: object = None  # the Image, its renditions read (images.py), or None


def read_story_parts(page) -> StoryParts:
    """The story's rows from the database (or, in a preview, from the editor's form)."""
    prefetch_related_objects([page], "tags")
    return StoryParts(
        bylines=list(page.bylines.select_related("author")),
        corrections=list(page.corrections.all()),
        tags=list(page.tags.all()),
        lead_image=lead_image(page),
    )


def story_parts(page, request) -> StoryParts:
    """The story's rows, from the cache when it is on and holds them."""
    build = lambda: read_story_parts(page)  # noqa: E731
    scopes = (STORY_PARTS, conflict_scope(conflict_of(page)))
    return cached_for_page(page, request, "newsroom-story", scopes, build, cache_seconds())
