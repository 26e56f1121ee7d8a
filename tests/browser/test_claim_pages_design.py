"""Claim pages, the lists of claims and actors, how we rate claims and search, in Chromium at
375 px and 1280 px on the demo site: axe-core finds no violation of any impact, nothing
scrolls sideways, no request leaves our origin, and each is saved as a screenshot in
var/screenshots/<page>-<width>.png. On a phone the verdict panel's verdict is on the first
screen below the site's header, and the claims filter works without JavaScript."""

import pytest

from tests.browser.test_reader_design import (
    DESKTOP,
    PHONE,
    box,
    check_page,
    open_tab,
)

CLAIM = "/claims/peacekeepers-were-not-inactive/"
PAGES = {
    "claim": CLAIM,
    "claims-index": "/claims/",
    "claims-index-filtered": "/claims/?verdict=disputed",
    "actors-index": "/actors/",
    "methodology": "/claims/verdicts/",
    "search-claims": "/search/?q=peacekeepers",
}


@pytest.fixture
def site(live_server, transactional_db, settings):
    from django.core.management import call_command

    settings.ROOT_URLCONF = "tests.browser.media_urls"  # the demo's images are served too
    call_command("load_demo", verbosity=0)
    return live_server.url


@pytest.fixture(params=["phone", "desktop"])
def tab(request, browser):
    tab = open_tab(browser, PHONE if request.param == "phone" else DESKTOP)
    yield tab
    tab.context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_each_page_passes_axe_fits_the_width_and_stays_on_our_origin(tab, site, name):
    check_page(tab, site, PAGES[name], name)


def test_on_a_phone_the_claim_page_shows_who_said_it_and_the_verdict_on_the_first_screen(
    site, browser
):
    tab = open_tab(browser, PHONE)
    try:
        tab.goto(site + CLAIM)

        heading = tab.get_by_role("heading", level=1)
        assert " ".join(heading.text_content().split()).startswith("Claim by The Kremlin: The")
        verdict = tab.locator(".verdict-panel .verdict")
        assert verdict.inner_text() == "Disputed"
        # The panel starts where the site's header ends; its verdict is on that first screen.
        panel_top = box(tab.locator(".verdict-panel"))["y"]
        assert box(verdict)["y"] + box(verdict)["height"] - panel_top <= PHONE["height"] * 0.75
        assert tab.title().startswith("Claim by The Kremlin:")
        method = tab.get_by_role("link", name="How we rate claims")
        method.click()
        tab.wait_for_url("**/claims/verdicts/#verdict-disputed")
        assert tab.locator("#verdict-disputed").is_visible()
    finally:
        tab.context.close()


def test_the_claims_filter_works_without_javascript(site, browser):
    tab = open_tab(browser, DESKTOP, java_script_enabled=False)
    try:
        tab.goto(site + "/claims/")
        every = tab.locator(".claim-row").count()

        tab.get_by_label("Verdict").select_option("disputed")
        tab.get_by_role("button", name="Show claims").click()
        tab.wait_for_load_state()

        rows = tab.locator(".claim-row")
        assert 0 < rows.count() < every
        assert set(rows.locator(".verdict").all_inner_texts()) == {"Disputed"}
        assert "verdict=disputed" in tab.url
        assert tab.get_by_role("link", name="Clear filters").is_visible()
    finally:
        tab.context.close()
