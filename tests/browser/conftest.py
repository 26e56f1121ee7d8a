"""Browser tests: Playwright for Python driving Debian's Chromium against a live server.

No browser is downloaded: `.ci/run` installs Debian's `chromium`, and the tests launch
/usr/bin/chromium (or $CHROMIUM). Where it is missing, the tests are skipped with that
reason locally; CI sets REQUIRE_BROWSER=1 so a missing browser fails instead.
"""

import contextlib
import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.signals import request_finished, request_started

from tests.browser.admin import restore_roles_and_workflow

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
# test body are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("BROWSER_ARTIFACTS", "test-results/browser"))
DESKTOP = {"width": 1280, "height": 900}
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
    if shutil.which(CHROMIUM) or Path(CHROMIUM).exists():
        return
    if os.environ.get("REQUIRE_BROWSER"):
        raise pytest.UsageError(f"REQUIRE_BROWSER is set but there is no Chromium at {CHROMIUM}")
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}: apt-get install chromium")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class ServerRequests:
    """How many requests the live server is in the middle of (request_started and
    request_finished, sent in its threads)."""

    def __init__(self):
        self.in_flight = 0
        self.changed = threading.Condition()

    def started(self, **kwargs):
        with self.changed:
            self.in_flight += 1

    def finished(self, **kwargs):
        with self.changed:
            self.in_flight = max(0, self.in_flight - 1)
            self.changed.notify_all()

    def wait_until_idle(self, timeout: float = 15) -> None:
        deadline = time.monotonic() + timeout
        with self.changed:
            while self.in_flight and time.monotonic() < deadline:
                self.changed.wait(max(0.0, deadline - time.monotonic()))


SERVER_REQUESTS = ServerRequests()
request_started.connect(SERVER_REQUESTS.started, dispatch_uid="browser-tests-started")
request_finished.connect(SERVER_REQUESTS.finished, dispatch_uid="browser-tests-finished")


def close_when_idle(context) -> None:
    """Close a browser context once its tabs' requests have finished, then wait for the live
    server to finish what it was still answering. A request in flight holds its transaction
    (newsroom/worker/atomic.py) while the test database is flushed, and the two deadlock
    (closing a tab aborts its requests, not the server's work on them: the page editor's
    preview posts the form again and again); the tab fixtures also depend on
    transactional_db, so they are torn down (closed) before it flushes."""
    from playwright.sync_api import Error

    for tab in context.pages:
        with contextlib.suppress(Error):  # closing aborts what is left
            tab.wait_for_load_state("networkidle", timeout=5000)
    context.close()
    SERVER_REQUESTS.wait_until_idle()


@pytest.fixture
def page(browser, transactional_db):
    """A fresh desktop-sized browser tab."""
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    yield tab
    close_when_idle(context)


@pytest.fixture
def new_tab(browser, transactional_db):
    """Opens a desktop-sized tab in a browser context of its own (its own cookies) at each
    call: one per person when several people sign in during a test."""
    contexts = []

    def open_tab():
        contexts.append(browser.new_context(viewport=DESKTOP))
        return contexts[-1].new_page()

    yield open_tab
    for context in contexts:
        close_when_idle(context)


@pytest.fixture
def phone(browser, transactional_db):
    """A fresh phone-sized browser tab (375 px wide)."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
    tab = context.new_page()
    yield tab
    close_when_idle(context)


@pytest.fixture
def newsroom_site(live_server, transactional_db):
    """The live server's address, serving the demo site with the newsroom's roles and the
    fact-check workflow on News (committed data: the live server runs in another thread)."""
    call_command("load_demo", verbosity=0)  # the site first: the roles' permissions need it
    restore_roles_and_workflow()
    call_command("load_demo", verbosity=0)  # puts the news section on the workflow
    return live_server.url


@pytest.fixture
def screenshot():
    """Save a screenshot of a tab as a test artifact under test-results/browser/."""

    def save(tab, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        tab.screenshot(path=str(path), full_page=True)
        return path

    return save
