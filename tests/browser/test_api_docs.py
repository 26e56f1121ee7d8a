"""The partner API's docs (Swagger UI at /api/v1/docs/) render every operation in Chromium under
the site's Content-Security-Policy, with no violation and no request leaving our origin. The
old Redoc address leads there."""

import pytest

from tests.browser.test_csp import LISTEN


@pytest.fixture
def tab(page, live_server, transactional_db):
    """A tab that records CSP violations (events and console) and every request it makes."""
    page.add_init_script(LISTEN)
    page.csp_console, page.requested = [], []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and page.csp_console.append(message.text)
        ),
    )
    page.on("request", lambda request: page.requested.append(request.url))
    page.site = live_server.url
    return page


def problems(tab) -> tuple[list, list]:
    violations = tab.evaluate("window.__cspViolations") + tab.csp_console
    elsewhere = [
        url for url in tab.requested if not url.startswith((tab.site + "/", "data:", "blob:"))
    ]
    return violations, elsewhere


def test_swagger_ui_renders_the_operations_under_the_policy(tab):
    response = tab.goto(tab.site + "/api/v1/docs/")

    assert "script-src 'self'" in response.headers["content-security-policy"]
    tab.wait_for_selector(".opblock-summary-path", timeout=15_000)
    paths = tab.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/corrections/" in paths and "/api/v1/articles/" in paths
    assert problems(tab) == ([], [])


def test_the_old_redoc_address_leads_to_the_docs(tab):
    tab.goto(tab.site + "/api/v1/docs/redoc/")

    assert tab.url == tab.site + "/api/v1/docs/"
    tab.wait_for_selector(".opblock-summary-path", timeout=15_000)
    assert problems(tab) == ([], [])
