"""Settings of the conflicts plugin's test host: only what the plugin needs.

`make pytest` runs tests/conflicts with these (`--ds tests.conflicts.host.settings`).
"""

import os
from pathlib import Path

import dj_database_url

HOST_DIR = Path(__file__).resolve().parent

DEBUG = False
SECRET_KEY = "conflicts-test-host-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "tests.conflicts.host",
    "conflicts",
    "caching",
    "django_tasks",
    "wagtail.contrib.frontend_cache",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",  # wagtail_factories (the tests' page factories) needs its model
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "tests.conflicts.host.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [HOST_DIR / "templates"],
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

# pytest-django makes the test database test_<NAME> (test_<NAME>_gw0 ... per xdist worker).
# Given the DATABASE_URL the site's other tests use, this host's is test_<NAME>_conflicts_host,
# so both suites can run on one server, at once or one after the other.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/conflicts_host")
    )
}
_database = DATABASES["default"]
if "sqlite" not in _database["ENGINE"] and _database["NAME"] != "conflicts_host":
    _database["TEST"] = {"NAME": f"test_{_database['NAME']}_conflicts_host"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "conflicts-test-host",
    }
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "en"
# The newsroom's three languages (English the default): the plugin's words per language and
# its naming policies are tested in each. The Locale rows come from the `locales` fixture.
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [("en", "English"), ("hy", "Հայերեն"), ("ru", "Русский")]
WAGTAIL_I18N_ENABLED = True
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Wagtail's tasks (reference index, search index, purges) run at once, as in the newsroom's
# tests; the plugin needs no queue of its own.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

WAGTAIL_SITE_NAME = "Conflicts test host"
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Frontend-cache purges are recorded, not sent (tests/frontend_cache.py).
WAGTAILFRONTENDCACHE = {"recording": {"BACKEND": "tests.frontend_cache.RecordingBackend"}}

# The plugin's settings this host sets (the others keep the plugin's defaults: the sidebar
# on, its cache off; the sidebar_cache_on fixture turns the cache on).
CONFLICTS_INDEX_PARENT_PAGE_TYPES = ["conflicts_testhost.HomePage"]
