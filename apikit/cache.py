"""Cached list answers, dropped with the generations of the scopes the view names.

Partners poll the same lists (the newest articles, a conflict's claims) over and over; a
list of 50 articles with their full context is the API's most expensive answer. With
settings.API_CACHE_SECONDS > 0 the rendered JSON of a list is kept in Django's default
cache, keyed by the URL (filters, ordering, cursor, format), the host and the caller's scope
(partners with the same scope share entries), under the generations of the view's
`cache_scopes` (caching/generations.py): every app declares which of its models drop them
(caching/rules.py). Authentication, scope checks, throttling and the 400s for bad parameters
all run before the cache is read. Only with a cache every app server shares.
"""

from django.conf import settings
from django.http import HttpResponse

from caching.store import cached


def api_cache_seconds() -> int:
    return int(getattr(settings, "API_CACHE_SECONDS", 0) or 0)


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
        ["apikit:list", str(scope), renderer.format, request.get_host(), request.get_full_path()]
    )

    def render():
        response = build()
        context = {"request": request, "view": view, "response": response}
        return renderer.render(response.data, request.accepted_media_type, context)

    content = cached(key, view.cache_scopes, render, seconds)
    content_type = renderer.media_type
    if renderer.charset:
        content_type += f"; charset={renderer.charset}"
    return HttpResponse(content, content_type=content_type)
