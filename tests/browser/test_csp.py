"""Under the site's Content-Security-Policy (no inline scripts but in Wagtail's admin),
Chromium reports no violation on the public story, the admin login, the page editor or its
preview, and their scripts run."""

import pytest

from newsroom.stories import roles
from newsroom.stories.models import ArticlePage
from tests.browser.admin import create_member, log_in, open_admin_page

STORY = "russian-peacekeepers-leave-karabakh"
# Collects every violation the page reports, from before its first script runs.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
});
"""


@pytest.fixture
def site(newsroom_site):
    # Opening a story in the editor and previewing it needs no more than a reporter.
    create_member("reporter", roles.REPORTERS)
    return newsroom_site


@pytest.fixture
def tab(page):
    """A tab that records CSP violations, from events and from the console."""
    page.add_init_script(LISTEN)
    page.csp_console = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and page.csp_console.append(message.text)
        ),
    )
    return page


def violations(tab) -> list[str]:
    return tab.evaluate("window.__cspViolations") + tab.csp_console


def script_src(response) -> str:
    policy = response.headers["content-security-policy"]
    return next(d for d in policy.split(";") if d.strip().startswith("script-src")).strip()


def test_the_policy_is_strict_for_scripts_but_in_the_admin(tab, site):
    assert script_src(tab.goto(site + "/")) == "script-src 'self'"
    assert script_src(tab.goto(site + "/search/?q=Lachin")) == "script-src 'self'"
    # Wagtail 8's editors start their panels with inline scripts (newsroom/csp.py).
    assert script_src(tab.goto(site + "/admin/login/")) == "script-src 'self' 'unsafe-inline'"


def test_the_public_story_runs_under_the_policy(tab, site):
    story = ArticlePage.objects.get(slug=STORY)
    tab.goto(site + story.url)
    tab.wait_for_load_state("networkidle")

    assert tab.get_by_role("heading", level=1).inner_text() == story.title
    # The stylesheet applied (the skip link is moved off screen by site.css).
    assert tab.locator(".skip-link").bounding_box()["y"] < 0
    assert violations(tab) == []


def test_an_inline_script_would_be_reported(tab, site):
    """The guard: the listener sees a violation when there is one."""
    tab.goto(site + "/")
    tab.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = '1';"
        " document.body.append(s); }"
    )
    tab.wait_for_function("window.__cspViolations.length > 0")
    assert any(v.startswith("script-src") for v in violations(tab))


def test_the_admin_login_and_page_editor_run_under_the_policy(tab, site):
    log_in(tab, site, "reporter")
    assert violations(tab) == []

    story = ArticlePage.objects.get(slug=STORY)
    open_admin_page(tab, site + f"/admin/pages/{story.pk}/edit/")
    tab.wait_for_load_state("networkidle")
    # Wagtail's editor is built by its scripts: the body's blocks and the side panels exist
    # only if they ran.
    assert tab.locator("#id_title").input_value() == story.title
    tab.get_by_role("region", name="Body").locator("[contenteditable=true]").first.wait_for()
    tab.get_by_role("button", name="Toggle preview").click()
    tab.frame_locator("iframe").first.get_by_role("heading", level=1).wait_for()
    assert violations(tab) == []
