"""While the database cannot be reached, readers get the 503 page and partners a 503 JSON
answer, both with Retry-After; the next request after it comes back is served as usual."""

import json
import socket
import time
from contextlib import contextmanager

import pytest
from django.db import connection

from newsroom.unavailable import RETRY_AFTER_SECONDS, DatabaseUnavailableMiddleware


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def database_unreachable():
    """Every new connection goes to a closed port until the block ends."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (a network database that can be unreachable)")
    saved = {key: connection.settings_dict[key] for key in ("HOST", "PORT")}
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.update(saved)


# Committed data: the request after the outage reconnects and must find it.
@pytest.mark.django_db(transaction=True)
def test_a_reader_gets_the_503_page_then_the_site_again(client, site_tree):
    with database_unreachable():
        response = client.get("/")

    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    page = response.content.decode()
    assert "<h1>Back in a moment</h1>" in page
    assert 'class="site-header"' in page  # the site's own design, not a bare error
    assert "no-store" in response["Cache-Control"]  # no CDN keeps the outage

    again = client.get("/")
    assert again.status_code == 200
    assert site_tree.home.title in again.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_partner_gets_a_503_json_answer(client, site_tree):
    with database_unreachable():
        response = client.get("/api/v1/articles/", HTTP_AUTHORIZATION="Api-Key whatever")

    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {
        "detail": "The service is briefly unavailable. Try again in a few seconds."
    }


def test_other_errors_are_not_turned_into_503():
    """Only database connection errors become 503: a bug still raises (and reports) a 500."""
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    assert middleware.process_exception(None, ValueError("a bug")) is None


@pytest.mark.django_db(transaction=True)
def test_a_statement_past_the_timeout_answers_503_without_holding_the_worker(
    client, site_tree, monkeypatch
):
    """DATABASE_STATEMENT_TIMEOUT (10 s for web requests in production) cancels a statement
    that runs too long; the reader gets the 503 page at once, not a worker stuck until
    gunicorn kills it."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")

    def slow_ranking(words, kinds):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(5)")

    monkeypatch.setattr("newsroom.search.search.rank", slow_ranking)
    options = connection.settings_dict.setdefault("OPTIONS", {})
    connection.close()
    options["options"] = "-c statement_timeout=200"  # what production sets, shorter
    try:
        started = time.monotonic()
        response = client.get("/search/?q=convoy")
        seconds = time.monotonic() - started
    finally:
        connection.close()
        options.pop("options")

    assert response.status_code == 503
    assert "<h1>Back in a moment</h1>" in response.content.decode()
    assert seconds < 5  # cut by the timeout: the query alone sleeps 5 s, however fast the machine
