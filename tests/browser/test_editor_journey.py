"""A new editor's path through the real admin, in a real browser, to a published story."""

import importlib
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from conflicts.models import Actor, Claim
from newsroom.models import ArticlePage, SectionPage
from tests.browser.admin import create_editor, log_in


def restore_roles_and_workflow():
    """The roles and the fact-check workflow come from a data migration, which an earlier
    transactional test's flush wipes: run it again (it only adds what is missing)."""
    migration = importlib.import_module("newsroom.migrations.0002_roles_and_fact_check_workflow")
    models_modules = {config.label: config.models_module for config in apps.get_app_configs()}
    try:
        migration.create_roles(apps, None)
    finally:  # the migration clears models_module, which real app configs need
        for config in apps.get_app_configs():
            config.models_module = models_modules[config.label]


@pytest.fixture
def admin_url(live_server, transactional_db):
    # The live server needs committed data: the demo site, its sections and its workflow.
    call_command("load_demo", verbosity=0)  # the site first: the roles' permissions need it
    restore_roles_and_workflow()
    call_command("load_demo", verbosity=0)  # puts the news section on the workflow
    create_editor()
    return live_server.url


def publish_snippet(page):
    footer_action(page, "Publish")


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


def footer_action(page, name):
    """Open the footer's "More actions" menu (again, if a slow page closed it) and click name."""
    action = page.get_by_role("button", name=name, exact=True)
    for _ in range(3):
        page.get_by_role("button", name="More actions").click()
        try:
            action.wait_for(state="visible", timeout=5_000)
            break
        except PlaywrightTimeout:
            continue
    action.click()


def test_an_editor_composes_links_fact_checks_and_publishes_a_story(page, admin_url, screenshot):
    log_in(page, admin_url)

    # A source, an actor (found later by an alias) and a claim that cites the source.
    page.goto(admin_url + "/admin/snippets/conflicts/source/add/")
    page.locator("#id_title").fill("Statement on the last convoy")
    page.locator("#id_publisher").fill("Ministry of Defence")
    page.locator("#id_url").fill("https://example.org/last-convoy")
    page.locator("#id_kind").select_option(label="Official statement")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/snippets/conflicts/source/")

    page.goto(admin_url + "/admin/snippets/conflicts/actor/add/")
    page.locator("#id_name").fill("Colonel Example")
    page.locator("#id_kind").select_option(label="Person")
    page.locator("#id_aliases").fill("The Colonel")
    publish_snippet(page)
    page.wait_for_url("**/snippets/conflicts/actor/")

    page.goto(admin_url + "/admin/snippets/conflicts/claim/add/")
    page.locator("#id_statement").fill("The last convoy left on time")
    page.get_by_role("button", name="Choose actor").click()
    choose_in_modal(page, "The Colonel", "Colonel Example")  # the chooser answers by alias
    page.locator("#id_made_on").fill("2024-06-12")
    page.get_by_role("button", name="Add Sources").click()
    page.get_by_role("button", name="Choose source").click()
    choose_in_modal(page, "last convoy", "Statement on the last convoy")
    page.locator("#id_verdict").select_option(label="Reported")
    page.locator("#id_verdict_explanation").fill("On the record; we make no finding.")
    publish_snippet(page)
    page.wait_for_url("**/snippets/conflicts/claim/")
    assert Claim.objects.get(statement="The last convoy left on time").live

    # A story under News, linking the actor and the claim from inside the body text.
    news = SectionPage.objects.get(slug="news")
    page.goto(admin_url + f"/admin/pages/add/newsroom/articlepage/{news.pk}/")
    page.locator("#id_title").fill("The last convoy leaves")
    page.locator("#id_dek").fill("What the colonel said as the peacekeepers left.")
    page.get_by_role("button", name="Choose author").click()
    choose_in_modal(page, "Ani", "Ani Avetisyan")
    body = page.get_by_role("region", name="Body")
    body.get_by_role("button").nth(1).click()  # insert a block
    page.get_by_role("option", name="Paragraph").click()
    editor = body.locator("[contenteditable=true]").first
    editor.click()
    page.keyboard.type("Peacekeepers left, the colonel")
    select_last_characters(page, len("the colonel"))
    page.locator(".Draftail-ToolbarButton[name=ACTOR]").first.click()
    choose_in_modal(page, "Colonel", "Colonel Example")
    editor.press("End")
    page.keyboard.type(" said. They left on time.")
    select_last_characters(page, len("They left on time."))
    page.locator(".Draftail-ToolbarButton[name=CLAIM]").first.click()
    choose_in_modal(page, "convoy", "The last convoy left on time")
    wait_for_entity_in_form(page, "CLAIM")
    screenshot(page, "editor-body-with-mentions")

    # Save the draft first: Wagtail autosaves while the editor types, and the footer's
    # menu is redrawn when a save lands, so the test waits for a full save and reload.
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text(
        re.compile(r"Page 'The last convoy leaves' (created|has been updated)")
    ).first.wait_for()

    # Through the fact-check workflow: submit, pass the fact check, sign off.
    footer_action(page, "Submit to Fact check before publishing")
    page.get_by_text("has been submitted for moderation").first.wait_for()
    screenshot(page, "editor-submitted")
    story = ArticlePage.objects.get(title="The last convoy leaves")
    assert not story.live
    assert story.current_workflow_task.name == "Fact check"
    for action, next_step in (("Approve", "Editor sign-off"), ("Approve and Publish", None)):
        page.goto(admin_url + f"/admin/pages/{story.pk}/edit/")
        footer_action(page, action)
        page.wait_for_url(lambda url: "/edit/" not in url)
        story = ArticlePage.objects.get(pk=story.pk)
        current = story.current_workflow_task
        assert (current.name if current else None) == next_step
    assert story.live

    # The public page: the mentions link, and the sidebar shows the actor and the claim.
    page.goto(admin_url + story.url)
    paragraph = page.locator("article").get_by_text("Peacekeepers left")
    assert paragraph.get_by_role("link", name="the colonel").get_attribute("href") == (
        Actor.objects.get(name="Colonel Example").get_absolute_url()
    )
    sidebar = page.get_by_role("complementary", name="Related context")
    expect(sidebar.get_by_role("link", name="Colonel Example").first).to_be_visible()
    expect(sidebar.get_by_role("link", name="The last convoy left on time")).to_be_visible()
    screenshot(page, "editor-published-story")


def test_an_editor_links_a_suggested_actor_with_one_click(page, admin_url):
    kremlin = Actor.objects.get(name="The Kremlin")
    story = ArticlePage.objects.get(title="Russian peacekeepers leave Karabakh")
    story.actor_links.filter(actor=kremlin).delete()
    story.body = [("paragraph", "<p>The Kremlin said the withdrawal was agreed.</p>")]
    story.save_revision().publish()
    log_in(page, admin_url)

    page.goto(admin_url + f"/admin/pages/{story.pk}/edit/")
    panel = page.locator("[data-actor-suggestions]")
    expect(panel.get_by_text("named as “The Kremlin”")).to_be_visible()
    panel.get_by_role("button", name="Link The Kremlin").click()
    expect(panel.get_by_text("added to the key actors")).to_be_visible()
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text(re.compile(r"Page '.+' has been updated")).first.wait_for()

    draft = ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object()
    assert kremlin.pk in [link.actor_id for link in draft.actor_links.all()]
