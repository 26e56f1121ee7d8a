"""Suggestions from the text being edited: a reporter types a new story and the panel names
the known actors it mentions, before anything is saved."""

import pytest
from playwright.sync_api import expect

from newsroom.stories import roles
from newsroom.stories.models import ArticlePage, SectionPage
from tests.browser.admin import create_member, log_in, open_admin_page


@pytest.fixture
def admin_url(newsroom_site, settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0  # nothing saved at all: the text alone answers
    create_member("reporter", roles.REPORTERS)
    return newsroom_site


def test_an_unsaved_story_is_offered_the_actors_it_names(page, admin_url, screenshot):
    stories = ArticlePage.objects.count()
    log_in(page, admin_url, "reporter")
    news = SectionPage.objects.get(slug="news", locale__language_code="en")
    open_admin_page(page, admin_url + f"/admin/pages/add/newsroom/articlepage/{news.pk}/")
    panel = page.locator("[data-actor-suggestions]")
    expect(panel).to_contain_text("Every known actor named in the headline or text is linked.")

    page.locator("#id_title").fill("Armenia asks Russia to withdraw its border guards")
    body = page.get_by_role("region", name="Body")
    body.get_by_role("button").nth(1).click()  # insert a block
    page.get_by_role("option", name="Paragraph").click()
    text = body.locator("[contenteditable=true]").first
    text.click()
    page.keyboard.type("Officials in Baku said nothing.")

    expect(panel.get_by_role("button", name="Link Armenia")).to_be_visible()
    expect(panel.get_by_role("button", name="Link Russia")).to_be_visible()
    expect(panel.get_by_text("named as “Baku”")).to_be_visible()  # Azerbaijan, by an alias
    panel.scroll_into_view_if_needed()
    panel.screenshot(path=str(screenshot(page, "suggestions-as-you-type")))  # the panel itself

    panel.get_by_role("button", name="Link Armenia").click()
    expect(panel.get_by_text("Armenia — added to the key actors; save to keep it.")).to_be_visible()
    key_actors = page.locator("#id_actor_links-FORMS > [data-inline-panel-child]:not(.deleted)")
    expect(key_actors).to_have_count(1)
    expect(key_actors.first).to_contain_text("Armenia")
    # The next answer reads the new row: Armenia is linked now, Russia still is not.
    expect(panel.get_by_role("button", name="Link Armenia")).to_have_count(0)
    expect(panel.get_by_role("button", name="Link Russia")).to_be_visible()

    # Removing "Baku" from the text withdraws Azerbaijan's suggestion.
    text.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("Nothing more.")
    expect(panel.get_by_text("named as “Baku”")).to_have_count(0)
    expect(panel.get_by_role("button", name="Link Russia")).to_be_visible()
    assert ArticlePage.objects.count() == stories  # nothing was saved
