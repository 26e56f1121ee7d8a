"""Autosave raced against Save, in Chromium: one story, one of each row.

Wagtail 8's autosave posts the open form in the background and its answer gives the form
the ids of what the save created (and, for a new story, its edit address). Here the server
saves each autosave at once but its answer is held on the way back (as on a slow network)
while the editor presses Save: the moment where, without conflicts/js/autosave-guard.js,
the Save creates the story or its new rows a second time (the last test shows it does).
"""

import contextlib
import re
import time

import pytest
from playwright.sync_api import Error, expect

from conflicts.models import Claim, ClaimSource
from newsroom.stories import roles
from newsroom.stories.models import ArticleActorLink, ArticleByline, ArticlePage, SectionPage
from tests.browser.admin import create_member, log_in, open_admin_page
from tests.browser.conftest import SERVER_REQUESTS
from tests.factories import ArticlePageFactory, AuthorFactory, SourceFactory

HEADLINE = "Armenia asks Russia to withdraw its border guards"
SAVED = re.compile(r"Page '.+' (created|has been updated)")


@pytest.fixture
def admin_url(newsroom_site, settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 500  # Wagtail's default, whatever the site sets
    create_member("reporter", roles.REPORTERS)
    return newsroom_site


@pytest.fixture(autouse=True)
def leave_the_editor_before_the_flush(page):
    """Leaving an editor sends Wagtail's "editing session released" beacon: let it arrive
    while the test's data is still there, not during the flush after it."""
    yield
    with contextlib.suppress(Error):
        page.goto("about:blank")
    SERVER_REQUESTS.wait_until_idle()


class HeldAutosaves:
    """Lets the server take each autosave but holds its answer until release()."""

    def __init__(self, page):
        self.holding = True
        self.held = []
        page.route("**/admin/**", self.route)

    def route(self, route):
        request = route.request
        autosave = (
            request.method == "POST"
            and request.headers.get("accept", "").startswith("application/json")
            and "/actor-suggestions/" not in request.url
        )
        if autosave and self.holding:
            self.held.append((route, route.fetch()))  # the server has saved it
        else:
            route.continue_()

    def wait_for_one(self, page, timeout=20):
        deadline = time.monotonic() + timeout
        while not self.held:
            assert time.monotonic() < deadline, "no autosave was sent"
            page.wait_for_timeout(100)

    def release(self):
        self.holding = False
        for route, response in self.held:
            with contextlib.suppress(Error):  # the tab may have left the form already
                route.fulfill(response=response)
        self.held.clear()


def open_editor(page, url):
    """Open an editor and give it the 2 s Wagtail waits before it watches for edits (edits
    made sooner are taken as the form's starting state and not autosaved)."""
    open_admin_page(page, url)
    page.wait_for_timeout(2500)


def write_new_story(page, admin_url, link=True):
    """A reporter writes a story with a byline and a key actor, saving nothing by hand."""
    news = SectionPage.objects.get(slug="news", locale__language_code="en")
    open_editor(page, admin_url + f"/admin/pages/add/newsroom/articlepage/{news.pk}/")
    page.locator("#id_title").fill(HEADLINE)
    page.locator("#id_dek").fill("Yerevan wants its airport back.")
    page.get_by_role("button", name="Choose author").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("textbox", name="Search term").fill("Ani")
    modal.get_by_role("link", name="Ani Avetisyan").click()
    modal.wait_for(state="hidden")
    body = page.get_by_role("region", name="Body")
    body.get_by_role("button").nth(1).click()
    page.get_by_role("option", name="Paragraph").click()
    body.locator("[contenteditable=true]").first.click()
    page.keyboard.type("Armenia has asked Russia to leave.")
    if link:
        link_armenia(page)


def link_armenia(page):
    page.locator("[data-actor-suggestions]").get_by_role("button", name="Link Armenia").click()


def rows_of(story) -> tuple[int, int]:
    """(bylines, key actors) of the story: its rows and those of its latest revision."""
    draft = story.get_latest_revision_as_object()
    saved = (
        ArticleByline.objects.filter(page=story).count(),
        ArticleActorLink.objects.filter(page=story).count(),
    )
    in_revision = (len(draft.bylines.all()), len(draft.actor_links.all()))
    assert saved == in_revision, (saved, in_revision)
    return saved


def test_save_while_a_new_story_is_autosaving_creates_it_once(page, admin_url):
    log_in(page, admin_url, "reporter")
    autosaves = HeldAutosaves(page)
    write_new_story(page, admin_url)
    autosaves.wait_for_one(page)  # the story exists on the server; the form does not know

    page.get_by_role("button", name="Save draft").click()
    expect(page.locator("form[data-autosave-guard=holding]")).to_have_count(1)
    autosaves.release()
    page.get_by_text(SAVED).first.wait_for()

    stories = ArticlePage.objects.filter(title=HEADLINE)
    assert stories.count() == 1
    assert rows_of(stories.get()) == (1, 1)


def draft_story():
    """A draft story naming Armenia and Russia, linking neither, as reporter2 saved it."""
    reporter = create_member("reporter2", roles.REPORTERS)
    story = ArticlePageFactory(
        parent=SectionPage.objects.get(slug="news", locale__language_code="en"),
        title=HEADLINE,
        live=False,
        owner=reporter,
        authors=[AuthorFactory(name="Ani Avetisyan")],
        body=[("paragraph", "<p>Armenia has asked Russia to leave.</p>")],
    )
    story.save_revision(user=reporter)
    return story


def link_two_actors_and_save_while_autosaving(page, admin_url, story):
    log_in(page, admin_url, "reporter2")
    autosaves = HeldAutosaves(page)
    open_editor(page, admin_url + f"/admin/pages/{story.pk}/edit/")
    panel = page.locator("[data-actor-suggestions]")
    panel.get_by_role("button", name="Link Armenia").click()
    panel.get_by_role("button", name="Link Russia").click()
    autosaves.wait_for_one(page)  # the new rows exist on the server, the form has no ids

    page.get_by_role("button", name="Save draft").click()
    autosaves.release()
    page.get_by_text(SAVED).first.wait_for()


def test_save_while_new_rows_are_autosaving_keeps_one_of_each(page, admin_url):
    story = draft_story()

    link_two_actors_and_save_while_autosaving(page, admin_url, story)

    assert rows_of(ArticlePage.objects.get(pk=story.pk)) == (1, 2)


def choose_in_modal(page, search, name, exact=False):
    modal = page.locator(".modal-dialog")
    modal.get_by_role("textbox", name="Search term").fill(search)
    modal.get_by_role("link", name=name, exact=exact).click()
    modal.wait_for(state="hidden")


def test_save_while_a_new_claim_is_autosaving_creates_it_once(page, admin_url):
    """A snippet with inline rows: a new claim and its source."""
    statement = "Russia will hand the airport checkpoints back"
    SourceFactory(title="Statement on the airport checkpoints")
    log_in(page, admin_url, "reporter")
    autosaves = HeldAutosaves(page)
    open_editor(page, admin_url + "/admin/snippets/conflicts/claim/add/")
    page.locator("#id_statement").fill(statement)
    page.get_by_role("button", name="Choose actor").click()
    choose_in_modal(page, "Russia", "Russia", exact=True)
    page.locator("#id_made_on").fill("2024-06-12")
    page.get_by_role("button", name="Add Sources").click()
    page.get_by_role("button", name="Choose source").click()
    choose_in_modal(page, "airport", "Statement on the airport checkpoints")
    autosaves.wait_for_one(page)

    page.get_by_role("button", name="Save draft").click()
    autosaves.release()
    page.get_by_text(re.compile(r"Claim '.+' (created|updated)")).first.wait_for()

    claims = Claim.objects.filter(statement=statement)
    assert claims.count() == 1
    assert ClaimSource.objects.filter(claim=claims.get()).count() == 1


def test_autosave_after_autosave_then_save_keeps_one_of_each(page, admin_url):
    """No race: the ids each autosave answers with reach the form (upstream wagtail#14568
    is a case where they did not, and each autosave added the rows again)."""
    log_in(page, admin_url, "reporter")
    write_new_story(page, admin_url, link=False)
    indicator = page.locator("#w-autosave-indicator")
    expect(indicator).to_have_attribute("data-w-autosave-state-value", "saved", timeout=20_000)
    expect(page.locator("#page-edit-form")).to_have_attribute("action", re.compile("/edit/$"))
    link_armenia(page)
    # The row's id, from the autosave that created it, is in the form.
    expect(page.locator("input[name=actor_links-0-id]")).not_to_have_value("", timeout=20_000)
    page.locator("#id_dek").fill("Yerevan wants its airport back, and says so.")
    expect(indicator).to_have_attribute("data-w-autosave-state-value", "saving", timeout=20_000)
    expect(indicator).to_have_attribute("data-w-autosave-state-value", "saved", timeout=20_000)

    page.get_by_role("button", name="Save draft").click()
    page.get_by_text(SAVED).first.wait_for()

    story = ArticlePage.objects.get(title=HEADLINE)
    assert rows_of(story) == (1, 1)
    assert story.get_latest_revision_as_object().dek.endswith("and says so.")


def test_an_edit_made_while_an_autosave_is_answering_is_autosaved_too(page, admin_url):
    """Wagtail takes the whole form as saved when an autosave answers, an edit made on the
    way included: that edit was then never autosaved, nor warned about on leaving."""
    log_in(page, admin_url, "reporter")
    autosaves = HeldAutosaves(page)
    write_new_story(page, admin_url, link=False)
    autosaves.wait_for_one(page)
    link_armenia(page)  # after the autosave was sent, before its answer
    autosaves.release()

    # The row gets an id: a later autosave, with no further edit, saved it.
    expect(page.locator("input[name=actor_links-0-id]")).not_to_have_value("", timeout=20_000)
    story = ArticlePage.objects.get(title=HEADLINE)
    assert rows_of(story) == (1, 1)


def test_without_the_guard_the_same_race_saves_the_new_rows_twice(page, admin_url):
    """Why the guard is there: Wagtail alone sends the Save without the ids of the rows the
    autosave still answering has just created, and the server adds them again."""
    page.route("**/autosave-guard.js", lambda route: route.abort())
    story = draft_story()

    link_two_actors_and_save_while_autosaving(page, admin_url, story)

    assert rows_of(ArticlePage.objects.get(pk=story.pk)) == (1, 4)
