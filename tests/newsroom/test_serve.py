"""`make serve`: gunicorn (newsroom/gunicorn.conf.py) with production settings serves pages
with the security headers, and hashed static files compressed with far-future caching."""

import gc
import http.client
import os
import re
import runpy
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

BASE_DIR = Path(__file__).resolve().parent.parent.parent
FAR_FUTURE = "max-age=315360000, public, immutable"
# Wagtail's admin files take a minute and a half to hash and compress; a page needs ours only.
THIRD_PARTY_STATIC = ["admin", "wagtail*", "rest_framework", "drf_spectacular_sidecar"]


def production_env(**extra) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "SECRET_KEY": "serve-test-7Rk2pQ9vXw4nLm8sTz1bYc6dHf3gJa5eUo0iKq2rVt9yNp4",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback, no TLS proxy in front
        **extra,
    }


@pytest.fixture(scope="session")
def static_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("static")
    ignore = [f"--ignore={pattern}" for pattern in THIRD_PARTY_STATIC]
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0", *ignore],
        cwd=BASE_DIR,
        env=production_env(STATIC_ROOT=str(root)),
        check=True,
        timeout=60,
    )
    return root


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(transactional_db, site_tree, static_root):
    """gunicorn on a free loopback port against the test database; its address."""
    if connection.vendor != "postgresql":
        pytest.skip("gunicorn serves the PostgreSQL test database")
    db = connection.settings_dict
    port = free_port()
    env = production_env(
        STATIC_ROOT=str(static_root),
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}",
        BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
        GUNICORN_THREADS="2",
        GUNICORN_ACCESS_LOG="0",
    )
    proc = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "-c", "newsroom/gunicorn.conf.py"],
        cwd=BASE_DIR,
        env=env,
    )
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert proc.poll() is None, "gunicorn exited"
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not listen within 20 s")
        yield ("127.0.0.1", port)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def get(server, path, **headers):
    conn = http.client.HTTPConnection(*server, timeout=10)
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


@pytest.mark.django_db(transaction=True)
def test_a_page_is_served_with_production_headers(server, site_tree):
    response, body = get(server, "/", **{"X-Forwarded-Proto": "https"})

    assert response.status == 200
    assert site_tree.home.title in body.decode()
    csp = response.getheader("Content-Security-Policy")
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert response.getheader("Strict-Transport-Security").startswith("max-age=31536000")
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "strict-origin-when-cross-origin"


@pytest.mark.django_db(transaction=True)
def test_hashed_static_files_are_compressed_and_cached_for_ever(server):
    _, body = get(server, "/")
    stylesheet = re.search(r'href="(/static/newsroom/css/site\.[0-9a-f]{12}\.css)"', body.decode())
    assert stylesheet, "the page links the hashed stylesheet"

    for encoding in ("gzip", "br"):
        response, content = get(server, stylesheet[1], **{"Accept-Encoding": encoding})
        assert response.status == 200
        assert response.getheader("Content-Encoding") == encoding
        assert response.getheader("Cache-Control") == FAR_FUTURE
        assert content[:2] != b"/*" and len(content) > 0  # compressed bytes, not the CSS

    plain, content = get(server, stylesheet[1])
    assert plain.getheader("Content-Encoding") is None
    assert b"{" in content


def test_gunicorn_takes_its_sizes_from_the_environment(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "7")
    monkeypatch.setenv("GUNICORN_THREADS", "3")
    monkeypatch.setenv("PORT", "8123")
    monkeypatch.delenv("BIND", raising=False)

    config = runpy.run_path(str(BASE_DIR / "newsroom" / "gunicorn.conf.py"))

    assert (config["worker_class"], config["workers"], config["threads"]) == ("gthread", 7, 3)
    assert config["bind"] == "0.0.0.0:8123"
    assert config["wsgi_app"] == "newsroom.wsgi:application"


def test_each_worker_tunes_its_garbage_collector():
    """Workers freeze the preloaded app out of the collector's sight and collect young objects
    every 50,000 allocations (bench/RESULTS.md: it steadies a cold API list's time)."""
    config = runpy.run_path(str(BASE_DIR / "newsroom" / "gunicorn.conf.py"))
    threshold = gc.get_threshold()
    try:
        config["post_fork"](server=None, worker=None)
        assert gc.get_threshold() == (50_000, 20, 20)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
