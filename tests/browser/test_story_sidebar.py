"""A reader opens the demo story in a real browser and finds its context beside or below it."""

import pytest
from django.core.management import call_command

from newsroom.stories.models import ArticlePage


@pytest.fixture
def story_url(live_server, transactional_db):
    # The live server needs committed data; load_demo rebuilds the tree on a flushed database.
    call_command("load_demo", verbosity=0)
    story = ArticlePage.objects.get(title="Russian peacekeepers leave Karabakh")
    return live_server.url + story.url


def test_desktop_reader_sees_the_sidebar_beside_the_story(page, story_url, screenshot):
    page.goto(story_url)

    headline = page.get_by_role("heading", level=1)
    sidebar = page.get_by_role("complementary", name="Related context")
    assert headline.inner_text() == "Russian peacekeepers leave Karabakh"
    key_actors = sidebar.get_by_role("region", name="Key actors in this story")
    assert key_actors.get_by_role("link", name="Dmitry Peskov").is_visible()
    assert key_actors.get_by_text("Kremlin spokesperson").is_visible()
    claims = sidebar.get_by_role("region", name="Claims in this story")
    assert claims.locator(".verdict").first.is_visible()  # each claim in brief shows its verdict
    more = claims.locator("details.context-more")  # the claims after the first three
    disputed = more.get_by_text("Verdict: Disputed").first
    assert not disputed.is_visible()
    more.get_by_text("more claims").click()
    assert disputed.is_visible()
    story_box = page.locator("article").first.bounding_box()
    sidebar_box = sidebar.bounding_box()
    assert sidebar_box["x"] >= story_box["x"] + story_box["width"] - 1  # beside, on the right
    screenshot(page, "story-desktop")


def test_phone_reader_sees_the_sidebar_below_the_story_without_sideways_scrolling(
    phone, story_url, screenshot
):
    phone.goto(story_url)

    sidebar = phone.get_by_role("complementary", name="Related context")
    story_box = phone.locator("article").first.bounding_box()
    sidebar_box = sidebar.bounding_box()
    assert sidebar_box["y"] >= story_box["y"] + story_box["height"] - 1  # below the story
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    key_actors = sidebar.get_by_role("region", name="Key actors in this story")
    assert key_actors.get_by_role("link", name="Nikol Pashinyan").is_visible()
    screenshot(phone, "story-phone")
