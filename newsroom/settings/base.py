"""Settings shared by every environment. Environment-specific files import from here."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

# The embedded default: SQLite in the git-ignored var/ folder, so `make run` needs nothing.
DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'db.sqlite3'}"

INSTALLED_APPS = [
    # The host's apps (the project is newsroom/): stories keeps the app label "newsroom".
    "newsroom.stories",
    "newsroom.search",
    "newsroom.partners",
    "newsroom.worker",
    "conflicts",
    "caching",
    "wagtail.contrib.forms",
    # Pages translated by copying them into another locale's tree: a language desk writes
    # its own edition of a story (README, "Languages"); wagtail.locales manages the locales.
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django_filters",
    "rest_framework",
    "rest_framework_api_key",
    "corsheaders",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "newsroom.csp.SiteCSPMiddleware",
    "caching.middleware.NoStoreByDefaultMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The Wagtail site from the cache, not a query per request (static files never ask).
    "newsroom.sites.CachedSiteMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "newsroom.partners.api.middleware.APIConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's LocaleMiddleware: the language from the address, /hy/... and /ru/...; an
    # unprefixed address is English whatever the browser asks for (i18n_patterns without a
    # default prefix, newsroom/urls.py), so it sends no Vary: Accept-Language.
    "newsroom.languages.AddressLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # An editor's save or publish and the tasks it enqueues commit together, or not at all
    # (a 503 from the next one rolls back too).
    "newsroom.worker.atomic.AtomicWritesMiddleware",
    # Innermost, so it sees every view's database errors: a 503 while the database is down.
    "newsroom.unavailable.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

# Background work (README, "Background work"): Wagtail's and our tasks (CDN purges, search and
# reference index updates, scheduled publishing) are rows in the database, written in the
# same transaction as the edit that asks for them, and run by `manage.py run_worker`.
# "background" holds what only makes later reads faster (the sidebars' warm-ups): `make run`
# and `make worker` run it in a second worker at a lower CPU priority, so it uses what readers
# leave idle and never delays a webhook delivery or a purge.
TASK_QUEUES = ["default", "background"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}
# Finished task results are pruned by the worker after this many days.
TASK_RESULTS_KEEP_DAYS = int(os.environ.get("TASK_RESULTS_KEEP_DAYS", "7"))

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(default=DEFAULT_DATABASE_URL, conn_max_age=0),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One writer at a time: the dev server, the worker claiming tasks (an exclusive
    # transaction on SQLite) and its heartbeat wait up to 20 s for each other, not 5.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("timeout", 20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The site's languages (README, "Languages"): English, the default, keeps unprefixed
# addresses; Armenian and Russian live under /hy/ and /ru/. Each name is in its own language,
# as the reader's language switch shows it.
LANGUAGE_CODE = "en"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [("en", "English"), ("hy", "Հայերեն"), ("ru", "Русский")]
# The site's interface strings (locale/) and the plugin's own (conflicts/locale/, found
# through the app); Wagtail's admin brings its own catalogues.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_ROOT = BASE_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "The Newsroom"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's database backend; on PostgreSQL, one that indexes a publish without reading
# the whole index (newsroom/search/backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "newsroom.search.backend"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]
WAGTAIL_I18N_ENABLED = True
# Editors' avatars are not fetched from Gravatar: no third party learns who uses the admin,
# and the CSP keeps images to our own origin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the dashboard ask releases.wagtail.org for new versions: upgrades go through
# uv.lock, and the CSP keeps connections to our own origin.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Autosave: Wagtail 8 saves an open editor's form (as a draft revision) half a second after
# each change. A Save sent while an autosave was still answering created the new item or
# its new inline rows a second time (upstream wagtail/wagtail#14568); the plugin's
# conflicts/js/autosave-guard.js makes that Save wait for the answer (README, "Autosave").
# 0 turns autosave off.
WAGTAIL_AUTOSAVE_INTERVAL = int(os.environ.get("WAGTAIL_AUTOSAVE_INTERVAL", "500"))

# conflicts: keep built sidebars this many seconds in the default cache (0 = off). Only with
# a cache every app server shares (Redis): see conflicts/sidebar/cache.py.
CONFLICTS_SIDEBAR_CACHE_SECONDS = int(os.environ.get("CONFLICTS_SIDEBAR_CACHE_SECONDS", "0"))
CONFLICTS_WARM_QUEUE = "background"  # the sidebars' warm-ups (conflicts/sidebar/warm.py)
# ... and partner API list answers (apikit/cache.py), same rule.
API_CACHE_SECONDS = int(os.environ.get("API_CACHE_SECONDS", "0"))
# ... and the ranked ids of site searches (newsroom/search/search.py), same rule.
SEARCH_CACHE_SECONDS = int(os.environ.get("SEARCH_CACHE_SECONDS", "0"))
# Which of our models drop which cached things is declared in each app's ready()
# (caching/rules.py): the plugin's in conflicts/sidebar/scopes.py, ours in
# newsroom/stories/apps.py.

# conflicts: where explainer index pages may be created (None = anywhere).
CONFLICTS_INDEX_PARENT_PAGE_TYPES = ["newsroom.HomePage"]

# The partner API (newsroom/partners/api, conflicts/api; docs/api.md). Read-only, one key per
# partner.
API_DEFAULT_RATE = os.environ.get("API_DEFAULT_RATE", "1000/hour")  # per key; Partner can override
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "newsroom.partners.api.authentication.PartnerKeyAuthentication"
    ],
    "DEFAULT_PERMISSION_CLASSES": ["newsroom.partners.api.permissions.HasPartnerKey"],
    "DEFAULT_THROTTLE_CLASSES": ["newsroom.partners.api.throttling.PartnerRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "The Newsroom partner API",
    "DESCRIPTION": "Stories and their context: explainers, actors, claims and sources. Read-only, "
    "live and public content only. Send `Authorization: Api-Key <key>`. See docs/api.md.",
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "PREPROCESSING_HOOKS": ["newsroom.partners.api.schema.only_partner_api"],
    "ENUM_NAME_OVERRIDES": {
        "ActorKindEnum": "conflicts.models.Actor.Kind",
        "SourceKindEnum": "conflicts.models.Source.Kind",
        "WithdrawalKindEnum": "newsroom.partners.models.Withdrawal.Kind",
        "VerdictEnum": "conflicts.models.Verdict",
    },
}
# CORS: read-only GET from any origin, on the API only.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = [
    "ETag",
    "Last-Modified",
    "Retry-After",
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
]


# Content-Security-Policy (django-csp 4, newsroom/csp.py), in every environment so
# development and the browser tests meet what production sends. Scripts only from our own
# origin: no inline script runs on readers' pages (Wagtail's admin gets one allowance, in
# newsroom/csp.py). Styles allow inline ones because Wagtail's admin sets style="..." from
# its templates and JavaScript (the public templates have none). Images and media may also
# come from the S3 or CDN domain.
def _origins(name: str) -> list[str]:
    return [o.strip() for o in os.environ.get(name, "").split(",") if o.strip()]


_MEDIA_ORIGINS = _origins("CSP_MEDIA_ORIGINS")
if os.environ.get("AWS_S3_CUSTOM_DOMAIN"):
    _MEDIA_ORIGINS.append(f"https://{os.environ['AWS_S3_CUSTOM_DOMAIN']}")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:", *_MEDIA_ORIGINS],
        "media-src": [SELF, *_MEDIA_ORIGINS],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF, *_origins("CSP_FRAME_ORIGINS")],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}


# Reader pages (caching/headers.py): anonymous GETs of live public pages are
# `public, max-age=PAGE_CACHE_MAX_AGE, s-maxage=PAGE_CACHE_S_MAXAGE`; browsers keep them
# briefly, a shared cache (CDN) longer, and publishing purges it (newsroom/stories/purge.py).
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "60"))
PAGE_CACHE_S_MAXAGE = int(os.environ.get("PAGE_CACHE_S_MAXAGE", "600"))
# A story going live shifts every numbered page of its section and tags; the first
# PURGE_NUMBERED_PAGES of each are purged, deeper ones expire after PAGE_CACHE_S_MAXAGE.
PURGE_NUMBERED_PAGES = int(os.environ.get("PURGE_NUMBERED_PAGES", "10"))
# A story going live shows in the sidebar ("more on this conflict") of every other story on
# its conflict; the newest PURGE_CONFLICT_STORIES of them are purged, older ones expire.
PURGE_CONFLICT_STORIES = int(os.environ.get("PURGE_CONFLICT_STORIES", "50"))
# conflicts: an explainer's change purges the same number of its newest stories (their
# sidebars show its card); going off, it purges every one of them.
CONFLICTS_PURGE_EXPLAINER_STORIES = PURGE_CONFLICT_STORIES
