"""A story's path through the real admin, in a real browser, from the reporter who writes
it past the fact-checker and the editor to the public site, each signed in as themselves."""

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from conflicts.models import Actor, Claim
from newsroom.stories import roles
from newsroom.stories.models import ArticlePage, SectionPage
from tests.browser.admin import create_member, log_in, open_admin_page

# What the page editor's "Fact check" panel says while the story's claim is a draft.
DRAFT_CLAIM = 'Claim "The last convoy left on time" is a draft: publish it'


@pytest.fixture
def admin_url(newsroom_site):
    create_member("reporter", roles.REPORTERS)
    create_member("checker", roles.FACT_CHECKERS)
    create_member("editor", roles.EDITORS)
    return newsroom_site


def choose_in_modal(page, search, name):
    modal = page.locator(".modal-dialog")
    modal.get_by_role("textbox", name="Search term").fill(search)
    modal.get_by_role("link", name=name).click()
    modal.wait_for(state="hidden")


def select_last_characters(page, count):
    for _ in range(count):
        page.keyboard.press("Shift+ArrowLeft")


def wait_for_entity_in_form(page, kind):
    """Draftail writes the editor's state to the form's hidden input after a short pause:
    saving before that would send the text without the link just made."""
    page.wait_for_function(
        "kind => [...document.querySelectorAll('input[type=hidden]')]"
        ".some(input => input.value.includes(kind))",
        arg=kind,
    )


def footer_menu(page, name):
    """Open the footer's "More actions" menu (again, if a slow page closed it) until it
    shows the action name, and return that action; fail if the menu never offers it."""
    more = page.get_by_role("button", name="More actions")
    expect(more, f'The footer at {page.url} has no "More actions", so no "{name}".').to_be_visible()
    action = page.get_by_role("button", name=name, exact=True)
    for _ in range(3):
        more.click()
        try:
            action.wait_for(state="visible", timeout=5_000)
            return action
        except PlaywrightTimeout:
            continue
    raise AssertionError(f'The "More actions" menu at {page.url} offers no "{name}".')


def footer_action(page, name):
    footer_menu(page, name).click()


def open_from_review_list(page, title):
    """From the desk's "Awaiting my fact check" or "Awaiting my sign-off" (the dashboard's
    lists of stories at the user's workflow step), open the story in the editor."""
    review = page.get_by_role("region", name=re.compile(r"^Awaiting my (fact check|sign-off)$"))
    story = review.get_by_role("link", name=title)
    expect(story, f'"{title}" is not awaiting this user\'s review').to_be_visible()
    story.click()
    page.wait_for_url("**/edit/")


def test_a_reporter_writes_a_fact_checker_checks_and_an_editor_publishes_a_story(
    page, new_tab, admin_url, screenshot
):
    # The reporter: a source, an actor (found later by an alias) and a claim that cites the
    # source, as drafts, since a reporter publishes neither actors nor claims.
    log_in(page, admin_url, "reporter")
    open_admin_page(page, admin_url + "/admin/snippets/conflicts/source/add/")
    page.locator("#id_title").fill("Statement on the last convoy")
    page.locator("#id_publisher").fill("Ministry of Defence")
    page.locator("#id_url").fill("https://example.org/last-convoy")
    page.locator("#id_kind").select_option(label="Official statement")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/snippets/conflicts/source/")

    open_admin_page(page, admin_url + "/admin/snippets/conflicts/actor/add/")
    page.locator("#id_name").fill("Colonel Example")
    page.locator("#id_kind").select_option(label="Person")
    page.locator("#id_aliases").fill("The Colonel")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Actor 'Colonel Example' created").first.wait_for()

    open_admin_page(page, admin_url + "/admin/snippets/conflicts/claim/add/")
    page.locator("#id_statement").fill("The last convoy left on time")
    page.get_by_role("button", name="Choose actor").click()
    choose_in_modal(page, "The Colonel", "Colonel Example")  # the chooser answers by alias
    page.locator("#id_made_on").fill("2024-06-12")
    page.get_by_role("button", name="Add Sources").click()
    page.get_by_role("button", name="Choose source").click()
    choose_in_modal(page, "last convoy", "Statement on the last convoy")
    page.locator("#id_verdict").select_option(label="Reported")
    page.locator("#id_verdict_explanation").fill("On the record; we make no finding.")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Claim 'The last convoy left on time' created").first.wait_for()

    # A story under News, linking the actor and the claim from inside the body text.
    news = SectionPage.objects.get(slug="news", locale__language_code="en")
    open_admin_page(page, admin_url + f"/admin/pages/add/newsroom/articlepage/{news.pk}/")
    page.locator("#id_title").fill("The last convoy leaves")
    page.locator("#id_dek").fill("What the colonel said as the peacekeepers left.")
    page.get_by_role("button", name="Choose author").click()
    choose_in_modal(page, "Ani", "Ani Avetisyan")
    body = page.get_by_role("region", name="Body")
    body.get_by_role("button").nth(1).click()  # insert a block
    page.get_by_role("option", name="Paragraph").click()
    text = body.locator("[contenteditable=true]").first
    text.click()
    page.keyboard.type("Peacekeepers left, the colonel")
    select_last_characters(page, len("the colonel"))
    page.locator(".Draftail-ToolbarButton[name=ACTOR]").first.click()
    choose_in_modal(page, "Colonel", "Colonel Example")
    text.press("End")
    page.keyboard.type(" said. They left on time.")
    select_last_characters(page, len("They left on time."))
    page.locator(".Draftail-ToolbarButton[name=CLAIM]").first.click()
    choose_in_modal(page, "convoy", "The last convoy left on time")
    wait_for_entity_in_form(page, "CLAIM")
    screenshot(page, "reporter-body-with-mentions")

    # Save the draft first, and wait for the save and the editor's reload.
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text(
        re.compile(r"Page 'The last convoy leaves' (created|has been updated)")
    ).first.wait_for()
    # The fact-check panel already tells the reporter what the fact check will refuse.
    expect(page.get_by_text(DRAFT_CLAIM)).to_be_visible()

    # A reporter may submit the story but not publish it: the menu offers no Publish.
    submit = footer_menu(page, "Submit to Fact check before publishing")
    publish = page.get_by_role("button", name="Publish", exact=True)
    expect(publish, "the reporter is offered Publish").to_have_count(0)
    submit.click()
    page.get_by_text("was sent to fact check").first.wait_for()
    screenshot(page, "reporter-submitted")
    story = ArticlePage.objects.get(title="The last convoy leaves")
    assert not story.live
    assert story.current_workflow_task.name == roles.FACT_CHECK_TASK

    # The fact-checker finds the story awaiting review, but cannot approve it while its
    # claim is a draft; publishing the claim and its claimant lets the check pass.
    checker = new_tab()
    log_in(checker, admin_url, "checker")
    open_from_review_list(checker, "The last convoy leaves")
    expect(checker.get_by_text(DRAFT_CLAIM)).to_be_visible()
    footer_menu(checker, "Request changes")  # the menu is open: Approve would show
    approve = checker.get_by_role("button", name="Approve", exact=True)
    expect(approve, "Approve is offered while the claim is a draft").to_have_count(0)
    for snippet, pk in (
        ("claim", Claim.objects.get(statement="The last convoy left on time").pk),
        ("actor", Actor.objects.get(name="Colonel Example").pk),
    ):
        open_admin_page(checker, admin_url + f"/admin/snippets/conflicts/{snippet}/edit/{pk}/")
        footer_action(checker, "Publish")
        checker.get_by_text("updated and published").first.wait_for()
    checker.goto(admin_url + "/admin/")
    open_from_review_list(checker, "The last convoy leaves")
    expect(checker.get_by_text("Every linked claim has a source")).to_be_visible()
    approve = footer_menu(checker, "Approve")
    publish = checker.get_by_role("button", name="Publish", exact=True)
    expect(publish, "the fact-checker is offered Publish").to_have_count(0)
    approve.click()
    checker.wait_for_url(lambda url: "/edit/" not in url)
    story = ArticlePage.objects.get(pk=story.pk)
    assert story.current_workflow_task.name == roles.EDITOR_SIGN_OFF_TASK
    assert not story.live

    # The editor signs off, which publishes the story.
    editor = new_tab()
    log_in(editor, admin_url, "editor")
    open_from_review_list(editor, "The last convoy leaves")
    footer_action(editor, "Approve and Publish")
    editor.wait_for_url(lambda url: "/edit/" not in url)
    story = ArticlePage.objects.get(pk=story.pk)
    assert story.current_workflow_task is None
    assert story.live

    # A reader, signed in as no one: the mentions link, and the sidebar shows the actor and
    # the claim.
    reader = new_tab()
    reader.goto(admin_url + story.url)
    paragraph = reader.locator("article").get_by_text("Peacekeepers left")
    assert paragraph.get_by_role("link", name="the colonel").get_attribute("href") == (
        Actor.objects.get(name="Colonel Example").get_absolute_url()
    )
    sidebar = reader.get_by_role("complementary", name="Related context")
    expect(sidebar.get_by_role("link", name="Colonel Example").first).to_be_visible()
    expect(sidebar.get_by_role("link", name="The last convoy left on time")).to_be_visible()
    screenshot(reader, "published-story")


def test_a_reporter_links_a_suggested_actor_with_one_click(page, admin_url):
    kremlin = Actor.objects.get(name="The Kremlin")
    story = ArticlePage.objects.get(title="Russian peacekeepers leave Karabakh")
    story.actor_links.filter(actor=kremlin).delete()
    story.body = [("paragraph", "<p>The Kremlin said the withdrawal was agreed.</p>")]
    story.save_revision().publish()
    log_in(page, admin_url, "reporter")  # editing a story needs no more than a reporter

    open_admin_page(page, admin_url + f"/admin/pages/{story.pk}/edit/")
    panel = page.locator("[data-actor-suggestions]")
    expect(panel.get_by_text("named as “The Kremlin”")).to_be_visible()
    panel.get_by_role("button", name="Link The Kremlin").click()
    expect(panel.get_by_text("added to the key actors")).to_be_visible()
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text(re.compile(r"Page '.+' has been updated")).first.wait_for()

    draft = ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object()
    assert kremlin.pk in [link.actor_id for link in draft.actor_links.all()]
