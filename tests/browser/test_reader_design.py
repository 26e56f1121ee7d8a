"""The reader site's design in Chromium, at a phone's 375 px and a desktop's 1280 px.

Home, the story, the explainer and a search: axe-core finds no violation of any impact, the
page does not scroll sideways, no request leaves our origin, and each is saved as a
screenshot in var/screenshots/<page>-<width>.png (git-ignored). The story's context serves
it: on a desktop the sidebar is no taller than about twice the story; on a phone it is a
compact block after the story whose timeline starts within two screens of the story's end,
the rest of the actors and claims one tap away behind <details> (with or without
JavaScript). Dark mode keeps the contrast; print drops the chrome and prints addresses. The
story page stays within twice its weight before the design (3 requests, 35,828 bytes).
"""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command

STORY = "Russian peacekeepers leave Karabakh"
STORY_PATH = "/news/russian-peacekeepers-leave-karabakh/"
PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 900}
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
PAGES = {
    "home": "/",
    "story": STORY_PATH,
    "explainer": "/conflicts/nagorno-karabakh/",
    "actor": "/actors/dmitry-peskov/",
    "search": "/search/?q=Lachin",
}
# The story page before this design, measured with page_weight() on 2026-12-03: the HTML
# (23,877 bytes), site.css (8,300) and mention-cards.js (3,651).
WEIGHT_BEFORE = {"requests": 3, "bytes": 35_828}
AXE = Axe()


@pytest.fixture
def site(live_server, transactional_db, settings):
    settings.ROOT_URLCONF = "tests.browser.media_urls"  # the demo's images are served too
    call_command("load_demo", verbosity=0)  # the live server needs committed data
    return live_server.url


def open_tab(browser, viewport, **options):
    """A tab that records every request it makes and every response's body size."""
    context = browser.new_context(viewport=viewport, is_mobile=viewport == PHONE, **options)
    tab = context.new_page()
    tab.requested, tab.received = [], []
    tab.on("request", lambda request: tab.requested.append(request.url))
    tab.on("response", lambda response: tab.received.append(response))
    return tab


@pytest.fixture(params=["phone", "desktop"])
def tab(request, browser):
    tab = open_tab(browser, PHONE if request.param == "phone" else DESKTOP)
    yield tab
    tab.context.close()


@pytest.fixture
def phone(browser):
    tab = open_tab(browser, PHONE)
    yield tab
    tab.context.close()


@pytest.fixture
def desktop(browser):
    tab = open_tab(browser, DESKTOP)
    yield tab
    tab.context.close()


def violations(tab) -> list[str]:
    """axe-core's violations of any impact on the open page, each with its first nodes."""
    found = AXE.run(tab).response["violations"]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}" for v in found]


def leaving_our_origin(tab, site) -> list[str]:
    return [url for url in tab.requested if not url.startswith((site + "/", "data:", "blob:"))]


def save_screenshot(tab, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(
        path=str(SCREENSHOTS / f"{name}-{tab.viewport_size['width']}.png"), full_page=True
    )


def page_weight(tab) -> dict:
    """The requests a loaded page made and the bytes of their bodies (as served, uncompressed),
    images apart: the issue's budget is twice the page before the design, plus images."""
    tab.wait_for_load_state("networkidle")

    def weigh(responses) -> tuple[int, int]:
        return len(responses), sum(len(r.body()) for r in responses if r.ok and r.status < 300)

    images = [r for r in tab.received if r.request.resource_type == "image"]
    requests, size = weigh([r for r in tab.received if r not in images])
    image_requests, image_bytes = weigh(images)
    return {
        "requests": requests,
        "bytes": size,
        "image_requests": image_requests,
        "image_bytes": image_bytes,
    }


def box(locator) -> dict:
    found = locator.bounding_box()
    assert found is not None, locator
    return found


def check_page(tab, site, path: str, name: str) -> None:
    """Open path, screenshot it as name, and check what every reader page must hold: one h1,
    no axe violation, no horizontal scroll, no request off our origin."""
    tab.goto(site + path)
    tab.wait_for_load_state("networkidle")

    save_screenshot(tab, name)
    assert tab.get_by_role("heading", level=1).count() == 1
    assert violations(tab) == [], name
    width = tab.viewport_size["width"]
    assert tab.evaluate("document.documentElement.scrollWidth") <= width, name
    assert leaving_our_origin(tab, site) == []


@pytest.mark.parametrize("name", list(PAGES))
def test_each_page_passes_axe_fits_the_width_and_stays_on_our_origin(tab, site, name):
    check_page(tab, site, PAGES[name], name)


def test_the_header_leads_to_the_sections_the_conflicts_and_the_explainers(desktop, site):
    desktop.goto(site + STORY_PATH)
    nav = desktop.get_by_role("navigation", name="Main")

    assert nav.get_by_role("link").all_inner_texts() == [
        "Home",
        "News",
        "Conflicts",
        "Nagorno-Karabakh conflict",
    ]
    assert desktop.locator(".story-header .kicker").inner_text() == "NEWS"  # upper-cased by CSS
    nav.get_by_role("link", name="Nagorno-Karabakh conflict").click()
    assert desktop.get_by_role("heading", level=1).inner_text() == "Nagorno-Karabakh conflict"
    assert (
        nav.get_by_role("link", name="Nagorno-Karabakh conflict").get_attribute("aria-current")
        == "page"
    )


def test_home_names_the_site_once_and_leads_with_the_newest_story(desktop, site):
    desktop.goto(site + "/")

    # The masthead names the site; the page's own heading is for screen readers only.
    heading = desktop.get_by_role("heading", level=1)
    assert heading.inner_text() == "The Newsroom"
    assert box(heading)["width"] <= 1 and box(heading)["height"] <= 1
    assert box(desktop.locator(".site-name"))["height"] > 20
    lead = desktop.locator(".story-item--lead")
    assert lead.get_by_role("link", name=STORY).is_visible()
    assert box(lead.get_by_role("heading", level=2))["height"] > 30  # the lead's large type
    explainers = desktop.get_by_role("region", name="Explainers")
    assert explainers.get_by_role("link", name="Nagorno-Karabakh conflict").is_visible()


def test_search_results_show_kind_date_and_snippet(desktop, site):
    desktop.goto(site + "/")
    header_search = desktop.get_by_role("search", name="Site search")
    header_search.get_by_role("searchbox").fill("Lachin")
    header_search.get_by_role("button", name="Search").click()
    desktop.wait_for_url("**/search/?q=Lachin")

    story = desktop.locator(".search-results li").filter(has_text=STORY)
    assert story.locator(".search-kind").text_content() == "Story"
    assert story.locator("time").get_attribute("datetime").startswith("2024-")
    assert story.locator(".search-snippet").inner_text().strip() != ""


def test_on_a_desktop_the_sidebar_is_no_taller_than_twice_the_story(desktop, site):
    desktop.goto(site + STORY_PATH)
    story = box(desktop.locator("article.story"))
    sidebar = box(desktop.get_by_role("complementary", name="Related context"))

    assert sidebar["x"] >= story["x"] + story["width"] - 1  # beside it
    print(f"desktop: sidebar {sidebar['height']:.0f} px, story {story['height']:.0f} px")  # noqa: T201
    assert sidebar["height"] <= 2 * story["height"], (sidebar["height"], story["height"])


def test_on_a_phone_the_timeline_is_within_two_screens_of_the_story_end(phone, site):
    phone.goto(site + STORY_PATH)
    story = box(phone.locator("article.story"))
    sidebar = phone.get_by_role("complementary", name="Related context")
    timeline = box(sidebar.get_by_role("region", name="Timeline"))
    story_end = story["y"] + story["height"]

    assert box(sidebar)["y"] >= story_end - 1  # after the story
    print(f"phone: the timeline starts {timeline['y'] - story_end:.0f} px after the story")  # noqa: T201
    assert timeline["y"] - story_end <= 2 * PHONE["height"], timeline["y"] - story_end
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_sidebar_shows_a_few_things_first_and_the_rest_on_request(desktop, site):
    desktop.goto(site + STORY_PATH)
    sidebar = desktop.get_by_role("complementary", name="Related context")
    actors = sidebar.get_by_role("region", name="Key actors in this story")
    claims = sidebar.get_by_role("region", name="Claims in this story")

    assert sidebar.locator("section").first.get_attribute("class") == "explainer-card"
    assert actors.locator("li").filter(visible=True).count() == 5
    assert claims.locator(".claim-card").filter(visible=True).count() == 3
    first_claim = claims.locator(".claim-card").first
    assert first_claim.locator(".verdict").is_visible()
    assert first_claim.locator(".claim-meta").get_by_role("link").is_visible()  # the claimant
    finding = first_claim.locator(".verdict-explanation")  # the finding, the sources' quotes
    assert finding.count() == 1 and not finding.is_visible()

    actors.get_by_text("more actors").click()
    assert actors.get_by_role("link", name="Azerbaijani media").is_visible()
    first_claim.locator("summary").click()
    assert finding.is_visible()
    assert first_claim.locator(".sources li").first.is_visible()


def test_without_javascript_the_disclosures_still_open(browser, site):
    tab = open_tab(browser, PHONE, java_script_enabled=False)
    tab.goto(site + STORY_PATH)
    claims = tab.get_by_role("region", name="Claims in this story")
    hidden = claims.locator(".claim-card").last

    assert not hidden.is_visible()
    claims.get_by_text("more claims").click()
    assert hidden.is_visible()
    tab.context.close()


def test_dark_mode_keeps_the_contrast(browser, site):
    tab = open_tab(browser, DESKTOP, color_scheme="dark")
    for name, path in (("story", STORY_PATH), ("home", "/")):
        tab.goto(site + path)
        background = tab.evaluate("getComputedStyle(document.documentElement).backgroundColor")
        assert background == "rgb(22, 24, 27)", path
        assert violations(tab) == [], path
        save_screenshot(tab, f"{name}-dark")
    tab.context.close()


def test_print_leaves_out_the_chrome_opens_the_disclosures_and_prints_addresses(desktop, site):
    desktop.goto(site + STORY_PATH)
    desktop.emulate_media(media="print")

    assert not desktop.get_by_role("navigation", name="Main").is_visible()
    assert not desktop.get_by_role("search", name="Site search").is_visible()
    sidebar = desktop.get_by_role("complementary", name="Related context")
    assert not sidebar.locator("summary").first.is_visible()
    assert sidebar.locator(".verdict-explanation").first.is_visible()
    assert sidebar.locator(".sources .locator").last.is_visible()
    assert sidebar.get_by_role("link", name="Azerbaijani media").is_visible()
    after = desktop.evaluate(
        "getComputedStyle(document.querySelector('.actor-list a'), '::after').content"
    )
    print(f"print: an actor link is followed by {after}")  # noqa: T201
    assert after.startswith('" (/actors/'), after


def test_the_story_page_stays_within_twice_its_weight_before_the_design(desktop, site):
    desktop.goto(site + STORY_PATH)
    weight = page_weight(desktop)

    print(f"story page: {weight} (before the design: {WEIGHT_BEFORE})")  # noqa: T201
    assert weight["requests"] <= 2 * WEIGHT_BEFORE["requests"]
    assert weight["bytes"] <= 2 * WEIGHT_BEFORE["bytes"]
    assert weight["image_requests"] <= 2  # the lead map (and the favicon, if asked for)
    assert weight["image_bytes"] < 120_000


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_lead_map_loads_fits_the_column_and_adds_one_small_request(browser, site, viewport):
    tab = open_tab(browser, viewport)
    tab.goto(site + STORY_PATH)
    tab.wait_for_load_state("networkidle")

    image = tab.locator("figure.lead-image img")
    shown = image.evaluate(
        "img => ({loaded: img.complete && img.naturalWidth > 0, src: img.currentSrc,"
        " width: img.getBoundingClientRect().width})"
    )
    assert shown["loaded"], shown
    assert ".format-webp." in shown["src"]  # the <picture>'s WebP source, not the fallback
    assert shown["width"] <= viewport["width"]
    assert tab.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    images = [r for r in tab.received if r.request.resource_type == "image" and "/media/" in r.url]
    assert len(images) == 1
    assert len(images[0].body()) < 120_000
    assert violations(tab) == []
    tab.context.close()
