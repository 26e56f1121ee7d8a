"""Who may keep a copy of a reader page: the one place that sets Cache-Control on them.

Anonymous GETs of live public pages are `public` with a short browser lifetime
(PAGE_CACHE_MAX_AGE) and a longer one for shared caches such as a CDN
(PAGE_CACHE_S_MAXAGE), which the frontend-cache purge keeps fresh on publish.
Everything else a reader page can answer (a logged-in editor, a preview, a page behind a
password, a search with a query, an error) is `private, no-store`: never kept by a shared
cache, and never shown to the next person.

Pages mix in `ReaderCacheMixin`, views use `reader_cache`; `caching.middleware` marks whatever
else renders HTML as no-store.
"""

from functools import wraps

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control

DEFAULT_MAX_AGE = 60  # seconds a browser keeps a page
DEFAULT_S_MAXAGE = 600  # seconds a shared cache keeps it; purged on publish

# Wagtail remembers passed page passwords in the session under this key.
PASSED_RESTRICTIONS_KEY = "passed_page_view_restrictions"


def page_cache_max_age() -> int:
    return int(getattr(settings, "PAGE_CACHE_MAX_AGE", DEFAULT_MAX_AGE))


def page_cache_s_maxage() -> int:
    return int(getattr(settings, "PAGE_CACHE_S_MAXAGE", DEFAULT_S_MAXAGE))


def may_be_shared(request, response) -> bool:
    """True when this answer is the same for every anonymous reader and may be kept."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return False
    if getattr(request, "is_dummy", False) or getattr(request, "is_preview", False):
        return False  # an admin preview
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    # Only a reader who gave a page's password has this key: that page is private.
    return not (session is not None and session.get(PASSED_RESTRICTIONS_KEY))


def set_reader_cache_headers(request, response, *, public: bool = True):
    """Mark response public for PAGE_CACHE_MAX_AGE/S_MAXAGE when it may be shared, else
    `private, no-store`. public=False forces the latter (e.g. a search with a query)."""
    if public and may_be_shared(request, response):
        patch_cache_control(
            response,
            public=True,
            max_age=page_cache_max_age(),
            s_maxage=page_cache_s_maxage(),
        )
    else:
        add_never_cache_headers(response)  # max-age=0, no-cache, no-store, must-revalidate, private
    return response


def reader_cache(view):
    """Decorate a reader view (actor page, card ...) with the policy above."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return set_reader_cache_headers(request, view(request, *args, **kwargs))

    return wrapped


class ReaderCacheMixin:
    """Mix into a Page (first in the bases) so serving it sets the reader cache headers.

    Wagtail calls `serve` only once view restrictions are passed, so a restricted page
    reaches it for a logged-in user or a reader who gave the password: both are private.
    """

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        return set_reader_cache_headers(request, response)
