"""The sidebar, an explainer's content and an actor's profile, kept in the shared cache.

Building a sidebar costs 7 queries and most of a story page's Python time, and every reader
of the story gets the same. With settings.CONFLICTS_SIDEBAR_CACHE_SECONDS > 0 the built
sidebar (and its HTML) is kept in Django's default cache, keyed by the page, when it was last
published and the host asked for, under page_scopes(page) (conflicts/sidebar/scopes.py): the
site's generation and its conflict's. An explainer page's content is kept the same way; an
actor page's rendered profile under LIST_SCOPES (it lists stories of every conflict). Previews and
unsaved pages are never cached: they show an editor's unsaved links.

Only turn it on with a cache every app server shares (Redis): with a per-process cache an
edit made in one process would not reach the others until the entries expire.
"""

from django.conf import settings

from caching.store import cached_for_page, cached_many, page_key
from conflicts.sidebar.build import build_sidebar, build_sidebars
from conflicts.sidebar.scopes import LIST_SCOPES, page_scopes

# Part of every key: raise it when the cached dataclasses (conflicts/sidebar/cards.py) change
# shape, so a release never reads a sidebar pickled by the one before it.
FORMAT = 4
SIDEBAR = f"conflicts-sidebar-{FORMAT}"


def cache_seconds() -> int:
    return int(getattr(settings, "CONFLICTS_SIDEBAR_CACHE_SECONDS", 0) or 0)


def sidebar_for(page, request=None):
    """The page's sidebar (a RelatedContext), from the cache when it is on and holds it."""
    return cached_for_page(
        page,
        request,
        SIDEBAR,
        page_scopes(page),
        lambda: build_sidebar(page, request),
        cache_seconds(),
    )


def sidebars_for(pages, request=None) -> dict:
    """{page id: its sidebar} for saved pages of one model: one cache read for all, then one
    bulk build for those the cache did not hold (a partner's list of 50)."""
    pages = {page.pk: page for page in pages}
    return cached_many(
        {pk: page_key(page, request, SIDEBAR) for pk, page in pages.items()},
        {pk: page_scopes(page) for pk, page in pages.items()},
        lambda ids: dict(zip(ids, build_sidebars([pages[pk] for pk in ids], request), strict=True)),
        cache_seconds(),
        request,
    )


def sidebar_html(page, request, render) -> str:
    """The sidebar as rendered by render(sidebar): a warm story page pays one cache read
    for its sidebar, not a build and a render."""
    build = lambda: render(sidebar_for(page, request))  # noqa: E731
    return cached_for_page(
        page, request, f"{SIDEBAR}-html", page_scopes(page), build, cache_seconds()
    )


def explainer_html(page, request, render) -> str:
    """An explainer page's content (parties, key facts, body, timeline, claims, stories) as
    rendered by render(): a warm explainer page skips 9 of its queries and most of its
    rendering. A story published on the conflict, or anything of the plugin saved, drops it."""
    return cached_for_page(
        page, request, f"conflicts-explainer-{FORMAT}", page_scopes(page), render, cache_seconds()
    )


def actor_profile_html(actor, request, render) -> str:
    """An actor page's affiliations, claims and stories as rendered by render(), under
    LIST_SCOPES: it lists stories of any conflict, so any story's change drops it. A warm
    actor page renders none of its 20 claim cards."""
    return cached_for_page(
        actor, request, f"conflicts-actor-{FORMAT}", LIST_SCOPES, render, cache_seconds()
    )
