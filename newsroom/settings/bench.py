"""The benchmark's server (bench/run.py): production settings, plus what the comparison needs.

Never used by the real site. On top of production it:
- serves Wagtail's own API v2 at /api/v2/ (bench/urls.py), to compare our partner API with it;
- answers plain HTTP on loopback (no TLS proxy in front, so no redirect to https);
- collects static files into var/bench/static, away from the real STATIC_ROOT (plain,
  unhashed copies with BENCH_STATIC=plain, for the harness's quick self-test);
- shares one Redis cache between its workers, as production does with REDIS_URL, and keeps
  built sidebars there (conflicts/sidebar/cache.py); BENCH_SIDEBAR_CACHE=0 turns that off, and
  the partner API's list answers (BENCH_API_CACHE=0 turns that off), and the ranked ids of
  searches (BENCH_SEARCH_CACHE=0 turns that off);
- with BENCH_PAGE_CACHE=1, caches anonymous pages in Redis with Django's cache middleware:
  a stand-in for the production page cache, for the "article page cached" case only;
- with BENCH_FRONTEND_CACHE_URL, purges pages on publish with Wagtail's frontend cache
  (HTTP PURGE to that address), so the publishing case pays for a purge.
"""

import os

from .production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.api.v2"]  # noqa: F405
WAGTAILAPI_LIMIT_MAX = 50  # the comparison lists 50 articles, as our API does

SECURE_SSL_REDIRECT = False
STATIC_ROOT = VAR_DIR / "bench" / "static"  # noqa: F405
if os.environ.get("BENCH_STATIC") == "plain":
    # The harness's self-test only: plain copies, no hashing or compression (which takes
    # a minute and a half for Wagtail's admin files). Real runs keep production's storage.
    STATIC_ROOT = VAR_DIR / "bench" / "static-plain"  # noqa: F405
    STORAGES = {  # noqa: F405
        **STORAGES,  # noqa: F405
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"),
        "KEY_PREFIX": os.environ.get("BENCH_CACHE_PREFIX", "bench"),
    }
}
API_THROTTLE_CACHE = "default"  # production's separate "throttle" alias is not defined here
CONFLICTS_SIDEBAR_CACHE_SECONDS = 0 if os.environ.get("BENCH_SIDEBAR_CACHE") == "0" else 300
API_CACHE_SECONDS = 0 if os.environ.get("BENCH_API_CACHE") == "0" else 300
SEARCH_CACHE_SECONDS = 0 if os.environ.get("BENCH_SEARCH_CACHE") == "0" else 300

if os.environ.get("BENCH_PAGE_CACHE") == "1":
    # A cached page is answered where a static file is, right after whitenoise: a CDN
    # answers before the app, and the middleware below whitenoise (the site, CORS,
    # sessions, CSRF, auth, messages, redirects) only matters to a page being built.
    # UpdateCacheMiddleware stays outermost, so the page is kept with every header.
    CACHE_MIDDLEWARE_SECONDS = 300
    CACHE_MIDDLEWARE_KEY_PREFIX = "bench-page"
    _static = MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1  # noqa: F405
    MIDDLEWARE = [  # noqa: F405
        "django.middleware.cache.UpdateCacheMiddleware",
        *MIDDLEWARE[:_static],  # noqa: F405
        "django.middleware.cache.FetchFromCacheMiddleware",
        *MIDDLEWARE[_static:],  # noqa: F405
    ]

if os.environ.get("BENCH_FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE = {
        "bench": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["BENCH_FRONTEND_CACHE_URL"],
        }
    }

# BENCH_SIDEBAR=0: the article page without the related-context sidebar (the comparison).
CONFLICTS_SIDEBAR = os.environ.get("BENCH_SIDEBAR", "1") != "0"
