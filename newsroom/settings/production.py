"""Production: configured only by environment variables, and refuses to start without them.

Each scale-out part is switched on by one variable (README, "Running in production"):
REDIS_URL (shared cache and throttle), AWS_STORAGE_BUCKET_NAME (S3 media),
FRONTEND_CACHE_PURGE_URL / CLOUDFLARE_* / CLOUDFRONT_DISTRIBUTION_ID (CDN purge) and
SEARCH_URL (Elasticsearch/OpenSearch). Without them the site runs on one machine.
"""

import os
import re
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable for production.")
    return value


def _env_list(name: str, default: str = "") -> list[str]:
    return [v.strip() for v in os.environ.get(name, default).split(",") if v.strip()]


def _env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in ("1", "true", "yes", "on")


DEBUG = False
SECRET_KEY = _required("SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in _required("ALLOWED_HOSTS").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS")

# Database: persistent connections, checked before reuse, and a short connect timeout so an
# outage answers 503 quickly (newsroom/unavailable.py) instead of holding every worker.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(  # noqa: F405
        os.environ.get("DATABASE_CONNECT_TIMEOUT", "3")
    )
    # A statement running longer is cancelled, and the request answers 503 like an outage,
    # instead of holding a worker until gunicorn kills it. newsroom/wsgi.py sets 10s for the
    # web processes; management commands (migrate, imports) run without one unless set.
    STATEMENT_TIMEOUT = os.environ.get("DATABASE_STATEMENT_TIMEOUT", "").strip()
    if STATEMENT_TIMEOUT:
        if not re.fullmatch(r"\d+(ms|s|min)?", STATEMENT_TIMEOUT):
            raise ImproperlyConfigured(
                "DATABASE_STATEMENT_TIMEOUT must be a number of milliseconds or a number "
                f"followed by ms, s or min (e.g. 10s), not {STATEMENT_TIMEOUT!r}."
            )
        DATABASES["default"]["OPTIONS"]["options"] = (  # noqa: F405
            f"-c statement_timeout={STATEMENT_TIMEOUT}"
        )


# Static files: hashed, compressed (gzip and brotli), served by whitenoise with far-future
# caching (`make serve` runs collectstatic first).
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", STATIC_ROOT))  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# Security headers (manage.py check --deploy reports nothing with these).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its own preview views SAMEORIGIN

# Logging: plain lines on standard output (gunicorn and the platform collect them);
# LOG_STREAM=stderr for commands whose standard output is read (a key, a JSON file).
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
_LOG_STREAM = f"ext://sys.{'stderr' if os.environ.get('LOG_STREAM') == 'stderr' else 'stdout'}"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": _LOG_STREAM,
            "formatter": "line",
        },
        "console_one_line": {
            "class": "logging.StreamHandler",
            "stream": _LOG_STREAM,
            "formatter": "line",
            "filters": ["one_line"],
        },
    },
    "filters": {"one_line": {"()": "newsroom.log.OneLineException"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        # A Redis outage: one line per failed cache call, not a traceback each.
        "django_redis": {"handlers": ["console_one_line"], "level": LOG_LEVEL, "propagate": False},
    },
}

# Redis: one cache shared by every app server (sidebars, API lists, throttle counts).
# A Redis outage is a cache miss, not an error: IGNORE_EXCEPTIONS with short timeouts.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    _REDIS_TIMEOUT = float(os.environ.get("REDIS_SOCKET_TIMEOUT", "0.25"))
    _REDIS_OPTIONS = {
        "SOCKET_CONNECT_TIMEOUT": _REDIS_TIMEOUT,
        "SOCKET_TIMEOUT": _REDIS_TIMEOUT,
    }
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
            "OPTIONS": {**_REDIS_OPTIONS, "IGNORE_EXCEPTIONS": True},
        },
        # The API throttle's counts: errors reach newsroom.partners.api.throttling, which lets the
        # request through and logs it (an outage must not lock partners out, nor 500).
        "throttle": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
            "OPTIONS": _REDIS_OPTIONS,
        },
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    API_THROTTLE_CACHE = "throttle"
    CONFLICTS_SIDEBAR_CACHE_SECONDS = int(  # noqa: F405
        os.environ.get("CONFLICTS_SIDEBAR_CACHE_SECONDS", "300")
    )
    # CONFLICTS_API_CACHE_SECONDS: its name before apikit/, still read so no deploy changes.
    API_CACHE_SECONDS = int(
        os.environ.get("API_CACHE_SECONDS", os.environ.get("CONFLICTS_API_CACHE_SECONDS", "300"))
    )
    SEARCH_CACHE_SECONDS = int(os.environ.get("SEARCH_CACHE_SECONDS", "300"))

# S3-compatible media storage (django-storages): AWS_* variables are read by the backend.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}  # noqa: F405
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_ACCESS_KEY_ID = os.environ.get("AWS_ACCESS_KEY_ID") or None
    AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY") or None
    AWS_QUERYSTRING_AUTH = _env_bool("AWS_QUERYSTRING_AUTH", False)  # public media, plain URLs
    AWS_S3_FILE_OVERWRITE = False
    AWS_DEFAULT_ACL = None  # the bucket's policy decides

# Frontend-cache purge (newsroom/stories/purge.py, conflicts/purge.py): any of these, or several.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": _required("CLOUDFLARE_BEARER_TOKEN"),
        "ZONEID": os.environ["CLOUDFLARE_ZONEID"],
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }

# Search: Elasticsearch or OpenSearch when SEARCH_URL is set (needs its client:
# `uv add "elasticsearch>=8,<9"`, or `opensearch-py` with SEARCH_BACKEND=opensearch2/3).
SEARCH_URL = os.environ.get("SEARCH_URL", "").strip()
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends."
            + os.environ.get("SEARCH_BACKEND", "elasticsearch8"),
            "URLS": _env_list("SEARCH_URL"),
            "INDEX": os.environ.get("SEARCH_INDEX", "newsroom"),
            "TIMEOUT": int(os.environ.get("SEARCH_TIMEOUT", "5")),
        }
    }
