"""Cached list answers of the partner API, dropped with the sidebar cache's generation.

Partners poll the same lists (the newest articles, a conflict's claims) over and over; a
list of 50 articles with their full context is the API's most expensive answer. With
settings.CONFLICTS_API_CACHE_SECONDS > 0 the serialized data of a list is kept in Django's
default cache, keyed by the URL (filters, ordering, cursor, format), the host and the
caller's scope (partners with the same scope share entries), under the generation of
conflicts/sidebar_cache.py, which starts anew whenever a page, a view restriction, a link
row, anything of the plugin or a model named in CONFLICTS_CACHE_ALSO_DROPPED_BY is saved
or deleted. Authentication, scope checks, throttling and the 400s for bad parameters all
run before the cache is read. Same rule as the sidebar cache: only with a shared cache.
"""

from django.conf import settings
from django.core.cache import cache

from conflicts.sidebar_cache import current_generation


def api_cache_seconds() -> int:
    return int(getattr(settings, "CONFLICTS_API_CACHE_SECONDS", 0) or 0)


def cached_list_data(request, build):
    """build() (a list's serialized data), or the copy the cache holds for this request."""
    seconds = api_cache_seconds()
    if not seconds:
        return build()
    scope = getattr(request.auth, "cache_scope", "")
    renderer = getattr(request, "accepted_renderer", None)
    key = ":".join(
        [
            "conflicts:api",
            current_generation(),
            str(scope),
            getattr(renderer, "format", ""),
            request.get_host(),
            request.get_full_path(),
        ]
    )
    data = cache.get(key)
    if data is None:
        data = build()
        cache.set(key, data, seconds)
    return data
