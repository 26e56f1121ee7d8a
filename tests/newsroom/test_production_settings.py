"""Production settings come from the environment only: `check --deploy` is clean, each
scale-out part is switched on by its variable, and a missing secret stops the start."""

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SAMPLE_ENV = {
    "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
    "SECRET_KEY": "x7Kq-sample-only-0u2NfWm9pLr3TzVb8YcHd4Ae6Gj1Ss5Qo2Ri7Uw0Xe9Ma3Kb",
    "ALLOWED_HOSTS": "news.example.org",
    "DATABASE_URL": "postgres://newsroom@db.internal:5432/newsroom",
}
# Prints the settings a test reads, as JSON, without touching a database or a network.
READ_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
from django.core.files.storage import storages
default_storage = storages["default"]
print(json.dumps({
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_options": settings.CACHES["default"].get("OPTIONS", {}),
    "throttle_cache": getattr(settings, "API_THROTTLE_CACHE", "default"),
    "sidebar_seconds": settings.CONFLICTS_SIDEBAR_CACHE_SECONDS,
    "api_seconds": settings.API_CACHE_SECONDS,
    "search_seconds": settings.SEARCH_CACHE_SECONDS,
    "media_storage": type(default_storage).__name__,
    "media_url": default_storage.url("images/peskov.jpg"),
    "frontend_cache": {k: v["BACKEND"] for k, v in settings.WAGTAILFRONTENDCACHE.items()},
    "search": settings.WAGTAILSEARCH_BACKENDS["default"],
    "db_options": settings.DATABASES["default"].get("OPTIONS", {}),
    "conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"],
    "log_level": settings.LOGGING["root"]["level"],
    "log_stream": settings.LOGGING["handlers"]["console"]["stream"],
    "script_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"],
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "middleware": settings.MIDDLEWARE,
}))
"""


def run(args, **env):
    # Not inherited: the sample's own variables, REDIS_URL, and the async-safety switch the
    # browser tests set for Playwright in this process (check --deploy rightly flags it).
    inherited = set(SAMPLE_ENV) | {"REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in inherited}
    return subprocess.run(  # noqa: S603
        [sys.executable, *args],
        cwd=BASE_DIR,
        env={**clean, **SAMPLE_ENV, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def production_settings(**env) -> dict:
    result = run(["-c", READ_SETTINGS], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_reports_nothing():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        REDIS_URL="redis://127.0.0.1:6379/10",
        AWS_STORAGE_BUCKET_NAME="newsroom-media",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_it_refuses_to_start_without_secret_key_or_allowed_hosts():
    for missing in ("SECRET_KEY", "ALLOWED_HOSTS"):
        result = run(["manage.py", "check"], **{missing: ""})
        assert result.returncode != 0
        assert f"Set the {missing} environment variable for production." in result.stderr


def test_without_scale_out_variables_the_site_runs_on_one_machine():
    found = production_settings()
    assert found["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    # a per-process cache must not keep sidebars, list answers or search rankings
    assert (found["sidebar_seconds"], found["api_seconds"], found["search_seconds"]) == (0, 0, 0)
    assert found["media_storage"] == "FileSystemStorage"
    assert found["frontend_cache"] == {}
    assert found["search"]["BACKEND"] == "newsroom.search.backend"
    assert found["db_options"] == {"connect_timeout": 3}
    assert found["conn_max_age"] == 60
    assert found["log_level"] == "INFO"
    assert found["log_stream"] == "ext://sys.stdout"
    assert found["script_src"] == ["'self'"]  # no unsafe-inline for scripts
    assert "newsroom.csp.SiteCSPMiddleware" in found["middleware"]
    assert found["middleware"][-1] == "newsroom.unavailable.DatabaseUnavailableMiddleware"


def test_each_variable_switches_on_its_part():
    found = production_settings(
        REDIS_URL="redis://cache.internal:6379/0",
        AWS_STORAGE_BUCKET_NAME="newsroom-media",
        AWS_S3_CUSTOM_DOMAIN="media.example.org",
        FRONTEND_CACHE_PURGE_URL="http://varnish.internal:6081/",
        CLOUDFRONT_DISTRIBUTION_ID="E2EXAMPLE",
        SEARCH_URL="http://search.internal:9200",
        DATABASE_CONNECT_TIMEOUT="2",
        LOG_LEVEL="warning",
        LOG_STREAM="stderr",
    )
    assert found["cache"] == "django_redis.cache.RedisCache"
    assert found["cache_options"]["IGNORE_EXCEPTIONS"] is True
    assert found["cache_options"]["SOCKET_TIMEOUT"] <= 0.5
    assert found["throttle_cache"] == "throttle"
    assert (found["sidebar_seconds"], found["api_seconds"], found["search_seconds"]) == (
        300,
        300,
        300,
    )
    assert found["media_storage"] == "S3Storage"
    assert found["media_url"] == "https://media.example.org/images/peskov.jpg"
    assert "https://media.example.org" in found["img_src"]  # the CSP lets pages show it
    assert found["frontend_cache"] == {
        "http": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "cloudfront": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
    }
    assert found["search"]["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    assert found["search"]["URLS"] == ["http://search.internal:9200"]
    assert found["db_options"] == {"connect_timeout": 2}
    assert found["log_level"] == "WARNING"
    assert found["log_stream"] == "ext://sys.stderr"


def test_cache_lifetimes_can_be_overridden_with_redis():
    found = production_settings(
        REDIS_URL="redis://cache.internal:6379/0",
        CONFLICTS_SIDEBAR_CACHE_SECONDS="60",
        API_CACHE_SECONDS="0",
        SEARCH_CACHE_SECONDS="30",
    )
    assert (found["sidebar_seconds"], found["api_seconds"], found["search_seconds"]) == (
        60,
        0,
        30,
    )


def test_the_api_cache_keeps_reading_its_old_variable_name():
    """CONFLICTS_API_CACHE_SECONDS was its name before the API layer left the plugin."""
    old = production_settings(
        REDIS_URL="redis://cache.internal:6379/0", CONFLICTS_API_CACHE_SECONDS="0"
    )
    both = production_settings(
        REDIS_URL="redis://cache.internal:6379/0",
        CONFLICTS_API_CACHE_SECONDS="0",
        API_CACHE_SECONDS="45",
    )
    assert (old["api_seconds"], both["api_seconds"]) == (0, 45)


def test_web_requests_get_a_statement_timeout_and_commands_do_not():
    read_options = (
        "import json, django; from django.conf import settings; {setup}; "
        "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', dict())))"
    )
    web = run(["-c", read_options.format(setup="import newsroom.wsgi")])
    command = run(["-c", read_options.format(setup="django.setup()")])
    assert web.returncode == 0, web.stderr
    assert command.returncode == 0, command.stderr
    assert json.loads(web.stdout)["options"] == "-c statement_timeout=10s"
    assert "options" not in json.loads(command.stdout)  # migrate and imports: no limit
    assert production_settings(DATABASE_STATEMENT_TIMEOUT="2500")["db_options"] == {
        "connect_timeout": 3,
        "options": "-c statement_timeout=2500",
    }


def test_a_malformed_statement_timeout_is_refused_with_what_to_write():
    result = run(["manage.py", "check"], DATABASE_STATEMENT_TIMEOUT="ten seconds")
    assert result.returncode != 0
    assert "DATABASE_STATEMENT_TIMEOUT must be a number of milliseconds" in result.stderr
    assert "'ten seconds'" in result.stderr
