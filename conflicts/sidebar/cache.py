"""The sidebar, an explainer's content and an actor's profile, kept in the shared cache.

Building a sidebar costs 7 queries and most of a story page's Python time, and every reader
of the story gets the same. With settings.CONFLICTS_SIDEBAR_CACHE_SECONDS > 0 the built
sidebar (and its HTML) is kept in Django's default cache:

- keyed by the story's own version (sidebar_key): its id, when it last went live
  (last_published_at, moved by a publish) and when its context last changed
  (context_updated_at, moved for exactly the live stories whose sidebar shows a changed
  verdict, actor, claim, source, explainer card or timeline, or whose "more stories" a story
  joined or left: conflicts/context_versions.py), and the host asked for only when the
  site serves several Wagtail sites (its URLs are then the request site's; with one, they are
  paths, the same for every host and for the worker, which warms them: warm.py);
- under sidebar_scopes(page) (conflicts/sidebar/scopes.py) for what no version tracks:
  page addresses and view restrictions (a moved page, a section whose address changed, a
  view restriction or a Wagtail site saved or deleted drops every sidebar), and stories
  written without publishing (any story saved drops the sidebars of its conflict, the
  one it left too). The plugin's snippets and explainers drop none.

So a new verdict makes cold only the sidebars that show the claim. A write that bypasses the
publishing signals (queryset.update(), a live claim saved without publishing) moves no
version: it shows when the entries expire.

An explainer page's content is kept under page_scopes(page) (the site's generation and its
conflict's), an actor page's rendered profile under LIST_SCOPES (it lists stories of every
conflict), both keyed by page_key. Previews and unsaved pages are never cached: they show an
editor's unsaved links.

Only turn it on with a cache every app server shares (Redis): with a per-process cache an
edit made in one process would not reach the others until the entries expire.
"""

from django.conf import settings
from wagtail.models import Site

from caching.store import cached, cached_for_page, cached_many, page_key
from conflicts.languages import active_language
from conflicts.sidebar.build import build_sidebar, build_sidebars
from conflicts.sidebar.scopes import LIST_SCOPES, page_scopes, sidebar_scopes

# Part of every key: raise it when the cached dataclasses (conflicts/sidebar/cards.py) change
# shape, so a release never reads a sidebar pickled by the one before it.
FORMAT = 5
SIDEBAR = f"conflicts-sidebar-{FORMAT}"
SIDEBAR_HTML = f"{SIDEBAR}-html"


def cache_seconds() -> int:
    return int(getattr(settings, "CONFLICTS_SIDEBAR_CACHE_SECONDS", 0) or 0)


def serves_several_sites(request=None) -> bool:
    """Whether page URLs depend on the request's site (Wagtail gives paths when it serves one
    site): one read of Wagtail's cached site root paths, once per request."""
    memo = request.__dict__ if request is not None else {}
    if "_conflicts_several_sites" not in memo:
        paths = Site.get_site_root_paths()
        memo["_conflicts_several_sites"] = len({path.site_id for path in paths}) > 1
    return memo["_conflicts_several_sites"]


def keyed_request(request):
    """The request whose host goes in sidebar keys: None when URLs do not depend on it."""
    return request if serves_several_sites(request) else None


def sidebar_key(page, key_request, kind: str = SIDEBAR) -> str:
    """The key of a story's cached sidebar (or its HTML): the story's version, its language
    (its locale: the sidebar is in it), and the host of key_request (keyed_request(request))
    when there is one."""
    context = getattr(page, "context_updated_at", None)
    version = context.timestamp() if context else ""
    return f"{page_key(page, key_request, kind)}:{version}:locale-{page.locale_id}"


def _cached_sidebar(page, request, kind: str, build):
    if not cache_seconds() or page.pk is None or getattr(request, "is_preview", False):
        return build()
    key = sidebar_key(page, keyed_request(request), kind)
    return cached(key, sidebar_scopes(page), build, cache_seconds(), request)


def sidebar_for(page, request=None):
    """The page's sidebar (a RelatedContext), from the cache when it is on and holds it."""
    return _cached_sidebar(page, request, SIDEBAR, lambda: build_sidebar(page, request))


def sidebars_for(pages, request=None) -> dict:
    """{page id: its sidebar} for saved pages of one model: one cache read for all, then one
    bulk build for those the cache did not hold (a partner's list of 50)."""
    pages = {page.pk: page for page in pages}
    key_request = keyed_request(request)
    return cached_many(
        {pk: sidebar_key(page, key_request) for pk, page in pages.items()},
        {pk: sidebar_scopes(page) for pk, page in pages.items()},
        lambda ids: dict(zip(ids, build_sidebars([pages[pk] for pk in ids], request), strict=True)),
        cache_seconds(),
        request,
    )


def sidebar_html(page, request, render) -> str:
    """The sidebar as rendered by render(sidebar): a warm story page pays one cache read
    for its sidebar, not a build and a render."""
    build = lambda: render(sidebar_for(page, request))  # noqa: E731
    return _cached_sidebar(page, request, SIDEBAR_HTML, build)


def sidebar_htmls_for(pages, sidebars: dict, render) -> dict:
    """{page id: its sidebar's HTML} for saved pages, rendered by render(sidebar) from
    sidebars ({page id: sidebar}) where the cache does not hold it (the worker's warm-up:
    keyed as a reader's request reads it when the site serves one Wagtail site)."""
    pages = {page.pk: page for page in pages}
    return cached_many(
        {pk: sidebar_key(page, None, SIDEBAR_HTML) for pk, page in pages.items()},
        {pk: sidebar_scopes(page) for pk, page in pages.items()},
        lambda ids: {pk: render(sidebars[pk]) for pk in ids},
        cache_seconds(),
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
    kind = f"conflicts-actor-{FORMAT}-{active_language()}"  # shown in the reader's language
    return cached_for_page(actor, request, kind, LIST_SCOPES, render, cache_seconds())
