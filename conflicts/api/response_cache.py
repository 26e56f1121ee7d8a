"""Cached list answers of the partner API, dropped with the sidebar cache's list generation.

Partners poll the same lists (the newest articles, a conflict's claims) over and over; a
list of 50 articles with their full context is the API's most expensive answer. With
settings.CONFLICTS_API_CACHE_SECONDS > 0 the rendered JSON of a list is kept in Django's
default cache, keyed by the URL (filters, ordering, cursor, format), the host and the
caller's scope (partners with the same scope share entries), under the generation of lists
of conflicts/sidebar_cache.py (`current_generation`), which starts anew whenever a page, a
view restriction, a link row, anything of the plugin or a model named in
CONFLICTS_CACHE_ALSO_DROPPED_BY is saved or deleted. Authentication, scope checks,
throttling and the 400s for bad parameters all run before the cache is read. Same rule as
the sidebar cache: only with a shared cache.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from conflicts.sidebar_cache import current_generation


def api_cache_seconds() -> int:
    return int(getattr(settings, "CONFLICTS_API_CACHE_SECONDS", 0) or 0)


def cached_list_response(view, request, build):
    """build() (a list's Response), or the rendered answer the cache holds for this request.

    The rendered JSON is kept, not the data: a hit then costs one cache read and no
    serializing or rendering of 50 articles with their context.
    """
    seconds = api_cache_seconds()
    if not seconds:
        return build()
    scope = getattr(request.auth, "cache_scope", "")
    renderer = request.accepted_renderer
    key = ":".join(
        [
            "conflicts:api",
            current_generation(),
            str(scope),
            renderer.format,
            request.get_host(),
            request.get_full_path(),
        ]
    )
    content = cache.get(key)
    if content is None:
        response = build()
        context = {"request": request, "view": view, "response": response}
        content = renderer.render(response.data, request.accepted_media_type, context)
        cache.set(key, content, seconds)
    content_type = renderer.media_type
    if renderer.charset:
        content_type += f"; charset={renderer.charset}"
    return HttpResponse(content, content_type=content_type)
