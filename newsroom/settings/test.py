"""Tests: PostgreSQL at DATABASE_URL (default the local server); SQLite if none answers."""

import os
import sys

import dj_database_url
import psycopg

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

TEST_DATABASE_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom")


def _postgres_answers(url: str) -> bool:
    """True when the PostgreSQL server behind url accepts a connection (2 s timeout)."""
    cfg = dj_database_url.parse(url)
    try:
        psycopg.connect(
            host=cfg["HOST"] or None,
            port=cfg["PORT"] or None,
            user=cfg["USER"] or None,
            password=cfg["PASSWORD"] or None,
            dbname="postgres",
            connect_timeout=2,
        ).close()
    except psycopg.Error:
        return False
    return True


# Said once, in pytest's header (tests/conftest.py) and on stderr for other commands.
TEST_DATABASE_NOTE = f"tests run on {TEST_DATABASE_URL.split(':')[0]} at {TEST_DATABASE_URL}"
if TEST_DATABASE_URL.startswith("postgres") and not _postgres_answers(TEST_DATABASE_URL):
    TEST_DATABASE_NOTE = (
        f"No PostgreSQL answers at {TEST_DATABASE_URL}: running the tests on SQLite instead."
    )
    print(TEST_DATABASE_NOTE, file=sys.stderr)  # noqa: T201
    TEST_DATABASE_URL = "sqlite:///:memory:"

DATABASES = {"default": dj_database_url.parse(TEST_DATABASE_URL)}

# Frontend-cache purges are recorded, not sent (tests/frontend_cache.py).
WAGTAILFRONTENDCACHE = {"recording": {"BACKEND": "tests.frontend_cache.RecordingBackend"}}

# Tasks run at once, inside the request that enqueues them, so tests see their effects; the
# worker's own tests switch to the database backend (tests/newsroom/test_worker.py).
IMMEDIATE = "django_tasks.backends.immediate.ImmediateBackend"
TASKS = {"default": {"BACKEND": IMMEDIATE, "QUEUES": TASK_QUEUES}}  # noqa: F405
