"""Choosing and creating actors and claims from inside a story, in one tab: Mention searches
for the selected words and offers the top match; a new actor or claim made in the chooser
is linked at once (conflicts/choosers.py, conflicts/static/conflicts/js/mention-entities.js)."""

import pytest
from playwright.sync_api import expect

from conflicts.models import Actor, Claim
from newsroom.stories import roles
from newsroom.stories.models import SectionPage
from tests.browser.admin import create_member, log_in, open_admin_page
from tests.browser.test_editor_journey import select_last_characters


@pytest.fixture
def admin_url(newsroom_site):
    create_member("reporter", roles.REPORTERS)
    return newsroom_site


# The labels of the body's entities of one kind, as the form will send them.
MENTIONS_IN_FORM = """kind => [...document.querySelectorAll('input[type=hidden]')]
    .filter(input => input.value.startsWith('{') && input.value.includes('"entityMap"'))
    .flatMap(input => Object.values(JSON.parse(input.value).entityMap || {}))
    .filter(entity => entity.type === kind)
    .map(entity => entity.data.label)"""


def wait_for_mentions(page, kind, labels):
    """Draftail writes the editor's state to the form after a pause: wait until the form
    holds these mentions, in this order, and fail with what it holds instead."""
    for _ in range(50):
        held = page.evaluate(MENTIONS_IN_FORM, kind)
        if held == labels:
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"The form holds the {kind} mentions {held}, not {labels}")


def test_a_reporter_mentions_and_creates_actors_and_a_claim_without_leaving_the_story(
    page, admin_url, screenshot
):
    log_in(page, admin_url, "reporter")
    news = SectionPage.objects.get(slug="news", locale__language_code="en")
    open_admin_page(page, admin_url + f"/admin/pages/add/newsroom/articlepage/{news.pk}/")
    page.locator("#id_title").fill("Armenia removes Russian border guards from Yerevan airport")
    body = page.get_by_role("region", name="Body")
    body.get_by_role("button").nth(1).click()  # insert a block
    page.get_by_role("option", name="Paragraph").click()
    text = body.locator("[contenteditable=true]").first
    text.click()

    # Mention from the selection: the chooser searches for the selected name and offers
    # the top match, focused, so Enter chooses it.
    page.keyboard.type("Nikol Pashinyan")
    select_last_characters(page, len("Nikol Pashinyan"))
    page.locator(".Draftail-ToolbarButton[name=ACTOR]").first.click()
    modal = page.locator(".modal-dialog")
    expect(modal.get_by_role("textbox", name="Search term")).to_have_value("Nikol Pashinyan")
    top = modal.locator("#search-results a[data-chooser-modal-choice]")
    expect(top).to_have_count(1)
    expect(top).to_have_text("Nikol Pashinyan")
    expect(top).to_be_focused()
    screenshot(page, "mention-top-match")
    page.keyboard.press("Enter")
    modal.wait_for(state="hidden")
    wait_for_mentions(page, "ACTOR", ["Nikol Pashinyan"])

    # A name the newsroom does not know yet: created from the chooser, mentioned at once.
    text.press("End")
    page.keyboard.type(" and Ararat Mirzoyan")
    select_last_characters(page, len("Ararat Mirzoyan"))
    page.locator(".Draftail-ToolbarButton[name=ACTOR]").first.click()
    expect(modal.get_by_role("textbox", name="Search term")).to_have_value("Ararat Mirzoyan")
    expect(modal.get_by_text('Sorry, no snippets match "Ararat Mirzoyan"')).to_be_visible()
    modal.get_by_role("tab", name="New actor").click()
    expect(modal.get_by_label("Name")).to_have_value("Ararat Mirzoyan")
    modal.get_by_label("Kind").select_option(label="Person")
    modal.get_by_label("Description").fill("Foreign Minister of Armenia")
    screenshot(page, "mention-create-actor")
    modal.get_by_role("button", name="Create actor draft").click()
    modal.wait_for(state="hidden")
    wait_for_mentions(page, "ACTOR", ["Nikol Pashinyan", "Ararat Mirzoyan"])
    mirzoyan = Actor.objects.get(name="Ararat Mirzoyan")
    assert (mirzoyan.live, mirzoyan.revisions.count()) == (False, 1)

    # A claim by the new actor, made from the claim chooser and linked to the words.
    text.press("End")
    page.keyboard.type(" said the guards would leave.")
    select_last_characters(page, len("the guards would leave."))
    page.locator(".Draftail-ToolbarButton[name=CLAIM]").first.click()
    expect(modal.get_by_role("columnheader", name="Claimant")).to_be_visible()
    # the modal faded in (the admin's CSP forbids wait_for_function's string expressions)
    expect(page.locator(".modal").first).to_have_css("opacity", "1")
    screenshot(page, "claim-chooser-rows")
    modal.get_by_role("tab", name="New claim").click()
    statement = "Russian border guards will leave Yerevan airport"
    modal.get_by_label("Statement").fill(statement)
    modal.get_by_label("Claimant").select_option(label="Ararat Mirzoyan")
    modal.get_by_label("Date made").fill("2024-03-13")
    modal.get_by_role("button", name="Create claim draft").click()
    modal.wait_for(state="hidden")
    wait_for_mentions(page, "CLAIM", [statement])
    claim = Claim.objects.get(statement=statement)
    assert (claim.claimant, claim.live, claim.revisions.count()) == (mirzoyan, False, 1)
    screenshot(page, "story-with-created-mentions")

    # Nothing left the story: the same tab, still the new story's form.
    assert len(page.context.pages) == 1
    assert "/admin/pages/add/" in page.url
