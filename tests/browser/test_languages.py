"""A reader's journey in Armenian and in Russian, in Chromium at 375 and 1280 px: from the
English front page, the language switch leads to that language's home; its header leads to
the section, and the section to a story written in that language. Every page says its
language (`<html lang>`), marks the current language in the switch, passes axe-core with no
violation of any impact and does not scroll sideways; each is saved as a screenshot in
var/screenshots/languages-<language>-<page>-<width>.png (git-ignored)."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command

from newsroom.stories.demo.languages import add_language_editions
from newsroom.stories.models import HomePage, SectionPage
from tests.factories import ArticlePageFactory
from tests.newsroom.languages import locale

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
VIEWPORTS = {"phone": {"width": 375, "height": 667}, "desktop": {"width": 1280, "height": 900}}
AXE = Axe()
JOURNEYS = {
    "hy": {
        "switch": "Հայերեն",
        "section": "Լուրեր",
        "story": "Ռուս խաղաղապահները լքում են Ղարաբաղը",
        "dek": "Կրեմլը հաստատել է զորախմբի դուրսբերումը։",
        "skip": "Անցնել բովանդակությանը",
    },
    "ru": {
        "switch": "Русский",
        "section": "Новости",
        "story": "Российские миротворцы покидают Карабах",
        "dek": "Кремль подтвердил вывод контингента.",
        "skip": "Перейти к содержанию",
    },
}


@pytest.fixture
def site(live_server, transactional_db):
    for code in ("hy", "ru"):
        locale(code)  # a transactional test's flush took the migration's locales
    call_command("load_demo", verbosity=0)
    add_language_editions(HomePage.objects.get(locale__language_code="en"))
    for code, words in JOURNEYS.items():
        section = SectionPage.objects.get(locale__language_code=code, slug="news")
        ArticlePageFactory(
            parent=section, slug=f"story-{code}", title=words["story"], dek=words["dek"]
        )
    return live_server.url


@pytest.fixture(params=list(VIEWPORTS))
def tab(request, browser):
    context = browser.new_context(
        viewport=VIEWPORTS[request.param], is_mobile=request.param == "phone"
    )
    tab = context.new_page()
    yield tab
    context.close()


def check_and_save(tab, language: str, name: str) -> None:
    """The page is in `language`, passes axe, fits the width; saved as a screenshot."""
    assert tab.locator("html").get_attribute("lang") == language, tab.url
    current = tab.locator(".language-switch a[aria-current='true']")
    assert current.get_attribute("lang") == language
    found = AXE.run(tab).response["violations"]
    assert [f"{v['id']} ({v['impact']})" for v in found] == [], tab.url
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), tab.url
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width = tab.viewport_size["width"]
    tab.screenshot(
        path=str(SCREENSHOTS / f"languages-{language}-{name}-{width}.png"), full_page=True
    )


@pytest.mark.parametrize("language", list(JOURNEYS))
def test_a_reader_switches_language_and_reads_a_story_in_it(tab, site, language):
    words = JOURNEYS[language]
    tab.goto(site + "/")
    assert tab.locator("html").get_attribute("lang") == "en"

    tab.locator(".language-switch").get_by_role("link", name=words["switch"]).click()
    tab.wait_for_url(f"{site}/{language}/")
    check_and_save(tab, language, "home")
    assert tab.locator(".skip-link").text_content().strip() == words["skip"]

    tab.locator(".site-nav").get_by_role("link", name=words["section"]).click()
    tab.wait_for_url(f"{site}/{language}/news/")
    check_and_save(tab, language, "section")

    tab.get_by_role("link", name=words["story"]).first.click()
    tab.wait_for_url(f"{site}/{language}/news/story-{language}/")
    check_and_save(tab, language, "story")
    assert tab.locator("h1").text_content().strip() == words["story"]

    # Back to English: the story has no English edition, so the switch leads to the front page.
    tab.locator(".language-switch").get_by_role("link", name="English").click()
    tab.wait_for_url(f"{site}/")
    assert tab.locator("html").get_attribute("lang") == "en"
