"""The environment every benchmark process runs in: bench settings, its own database."""

import os
import secrets

SETTINGS = "newsroom.settings.bench"
HOSTS = "127.0.0.1,localhost,testserver"


def database_url(name: str) -> str:
    base = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    return f"{base.rstrip('/')}/{name}"


def bench_environ(database: str, **extra: str) -> dict[str, str]:
    """os.environ plus what production settings require, pointed at the bench database."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DATABASE_URL=database_url(database),
        SECRET_KEY=env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOSTS,
        API_DEFAULT_RATE="100000000/hour",  # measure the API, not the throttle's refusals
        PYTHONUNBUFFERED="1",
        LOG_STREAM="stderr",  # the corpus builder's JSON comes on stdout
    )
    env.update(extra)
    return env
