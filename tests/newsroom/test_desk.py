"""The desk: what each role sees on the admin dashboard (/admin/), and what it costs."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conflicts.models import Verdict
from newsroom.stories.models import ArticlePage
from tests.factories import ArticlePageFactory, ClaimFactory, SectionPageFactory

DASHBOARD = "/admin/"


def dashboard(client) -> BeautifulSoup:
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def headings(page) -> list[str]:
    return [h.get_text(" ", strip=True) for h in page.select(".w-panel__heading")]


def panel(page, dom_id):
    return page.select_one(f"#{dom_id}-section")


def rows(page, dom_id) -> list[str]:
    """Each row of a panel's table, as its text."""
    return [
        " ".join(td.get_text(" ", strip=True) for td in tr.select("td")).strip()
        for tr in panel(page, dom_id).select("tbody tr")
    ]


def links(page, dom_id) -> list[str]:
    return [a["href"] for a in panel(page, dom_id).select("tbody td.title a")]


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def draft(site_tree, owner, title, submit=False, workflow=None, **kwargs):
    """A story owner is writing, last edited now; sent to fact check if submit."""
    story = ArticlePageFactory(
        parent=site_tree.news, title=title, live=False, owner=owner, **kwargs
    )
    story.save_revision(user=owner)
    if submit:
        workflow.start(story, owner)
    return story


def published(site_tree, title, days_ago, **kwargs):
    went_live = timezone.now() - datetime.timedelta(days=days_ago)
    return ArticlePageFactory(
        parent=site_tree.news,
        title=title,
        first_published_at=went_live,
        last_published_at=went_live,
        **kwargs,
    )


# --- Which panels each role sees ---------------------------------------------------------


# The panels each role's desk shows, in order (newsroom/stories/desk.py).
DESKS = {
    "reporter": ["New story", "My drafts", "Recently published"],
    "checker": ["Awaiting my fact check", "Claims awaiting a verdict", "Recently published"],
    "editor": [
        "New story",
        "Awaiting my fact check",
        "Awaiting my sign-off",
        "My drafts",
        "Claims awaiting a verdict",
        "Recently published",
    ],
}


@pytest.mark.parametrize(("person", "expected"), list(DESKS.items()))
def test_each_role_sees_its_desk_and_none_of_the_stock_panels_it_replaces(
    desk, site_tree, person, expected
):
    page = dashboard(getattr(desk, person).client)

    assert headings(page) == expected
    text = page.get_text(" ", strip=True)
    for stock in ("Awaiting your review", "Your most recent edits", "in a workflow"):
        assert stock not in text


def test_a_superuser_sees_the_editors_desk(site_tree, editor):
    assert headings(dashboard(editor)) == DESKS["editor"]


def test_a_user_in_no_newsroom_role_keeps_wagtails_dashboard(site_tree, django_user_model):
    moderator = django_user_model.objects.create_user("moderator", password="pw")
    moderator.groups.add(Group.objects.get(name="Moderators"))  # made by Wagtail
    client = Client()
    client.force_login(moderator)
    page = BeautifulSoup(client.get(DASHBOARD).content, "html.parser")

    assert not [h for h in headings(page) if h in {"New story", "My drafts"}]


# --- New story ---------------------------------------------------------------------------


def test_new_story_goes_straight_to_a_story_form_in_the_section_the_reporter_may_add_to(
    desk, site_tree
):
    page = dashboard(desk.reporter.client)

    buttons = panel(page, "desk-new-story").select(".desk-new-story a")
    assert [(a.get_text(" ", strip=True), a["href"]) for a in buttons] == [
        (
            "New story in News",
            reverse("wagtailadmin_pages:add", args=["newsroom", "articlepage", site_tree.news.pk]),
        )
    ]
    form = desk.reporter.client.get(buttons[0]["href"])
    assert form.status_code == 200
    assert b"page-edit-form" in form.content


def test_new_story_lists_each_section_in_tree_order(desk, site_tree):
    SectionPageFactory(parent=site_tree.home, title="World", slug="world")

    page = dashboard(desk.editor.client)

    buttons = panel(page, "desk-new-story").select(".desk-new-story a")
    assert [a.get_text(" ", strip=True) for a in buttons] == [
        "New story in News",
        "New story in World",
    ]


# --- My drafts ---------------------------------------------------------------------------


def test_my_drafts_are_my_unpublished_stories_last_edited_first(desk, site_tree):
    me, colleague = desk.reporter.user, desk.editor.user
    older = draft(site_tree, me, "Lachin corridor reopens")
    sent = draft(site_tree, me, "Guards leave Zvartnots", submit=True, workflow=desk.workflow)
    changed = published(site_tree, "Peacekeepers leave Karabakh", days_ago=3, owner=me)
    changed.save_revision(user=me)  # live, with changes not yet published
    published(site_tree, "CSTO summit skipped", days_ago=2, owner=me)  # live, no changes
    draft(site_tree, colleague, "The editor's own draft")
    older.save_revision(user=me)  # edited last

    page = dashboard(desk.reporter.client)

    assert rows(page, "desk-my-drafts") == [
        "Lachin corridor reopens Draft Just now",
        "Peacekeepers leave Karabakh Live, with draft changes Just now",
        "Guards leave Zvartnots In Fact check Draft Just now",
    ]
    assert links(page, "desk-my-drafts") == [edit_url(older), edit_url(changed), edit_url(sent)]


def test_a_reporter_with_no_drafts_is_told_so(desk, site_tree):
    page = dashboard(desk.reporter.client)

    assert panel(page, "desk-my-drafts").get_text(" ", strip=True).endswith("You have no drafts.")


# --- Awaiting my fact check / my sign-off ------------------------------------------------


def test_stories_at_the_fact_check_step_wait_for_fact_checkers_only(desk, site_tree):
    sent = draft(
        site_tree, desk.reporter.user, "Guards leave Zvartnots", submit=True, workflow=desk.workflow
    )
    draft(site_tree, desk.reporter.user, "Not sent yet")

    checker = dashboard(desk.checker.client)
    editor = dashboard(desk.editor.client)

    assert rows(checker, "desk-awaiting-fact-check") == [
        "Guards leave Zvartnots Fact check Sent by Reporter Desk Just now"
    ]
    assert links(checker, "desk-awaiting-fact-check") == [edit_url(sent)]
    # Editors are not in the fact-check step's groups: nothing waits for them there.
    assert (
        panel(editor, "desk-awaiting-fact-check")
        .get_text(" ", strip=True)
        .endswith("No story is waiting for your fact check.")
    )
    assert rows(editor, "desk-awaiting-sign-off") == []


def test_a_story_past_fact_check_waits_for_the_editors_sign_off(desk, site_tree):
    sent = draft(
        site_tree, desk.reporter.user, "Guards leave Zvartnots", submit=True, workflow=desk.workflow
    )
    sent.current_workflow_task_state.approve(user=desk.checker.user)

    checker = dashboard(desk.checker.client)
    editor = dashboard(desk.editor.client)

    assert rows(checker, "desk-awaiting-fact-check") == []
    assert rows(editor, "desk-awaiting-sign-off") == [
        "Guards leave Zvartnots Editor sign-off Sent by Reporter Desk Just now"
    ]
    assert links(editor, "desk-awaiting-sign-off") == [edit_url(sent)]


# --- Claims awaiting a verdict -----------------------------------------------------------


def test_claims_in_stories_with_no_verdict_or_only_reported_newest_first(desk, site_tree):
    unchecked = ClaimFactory(
        statement="The peacekeepers will leave",
        verdict="",
        verdict_explanation="",
        live=False,
        made_on=datetime.date(2024, 4, 17),
    )
    reported = ClaimFactory(
        statement="Armenia is shifting blame",
        verdict=Verdict.REPORTED,
        made_on=datetime.date(2024, 4, 18),
    )
    checked = ClaimFactory(statement="The withdrawal began", verdict=Verdict.CONFIRMED)
    ClaimFactory(statement="In no story", verdict="", verdict_explanation="")
    story = published(
        site_tree, "Peacekeepers leave Karabakh", days_ago=1, claims=[unchecked, reported, checked]
    )
    other = published(site_tree, "Kremlin answers Yerevan", days_ago=0, claims=[reported])

    page = dashboard(desk.checker.client)

    assert rows(page, "desk-claims-awaiting-verdict") == [
        f"Armenia is shifting blame {reported.claimant.name} Reported "
        "In Peacekeepers leave Karabakh , Kremlin answers Yerevan 18 Apr 2024",
        f"The peacekeepers will leave {unchecked.claimant.name} No verdict Draft "
        "In Peacekeepers leave Karabakh 17 Apr 2024",
    ]
    table = panel(page, "desk-claims-awaiting-verdict")
    assert links(page, "desk-claims-awaiting-verdict") == [
        reverse("wagtailsnippets_conflicts_claim:edit", args=[claim.pk])
        for claim in (reported, unchecked)
    ]
    assert [a["href"] for a in table.select("tbody tr")[0].select("td:nth-of-type(4) a")] == [
        edit_url(story),
        edit_url(other),
    ]


def test_twenty_claims_are_listed_then_a_link_to_all_claims(desk, site_tree):
    claims = [
        ClaimFactory(made_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
        for n in range(21)
    ]
    published(site_tree, "Peacekeepers leave Karabakh", days_ago=1, claims=claims)

    page = dashboard(desk.checker.client)

    assert len(rows(page, "desk-claims-awaiting-verdict")) == 20
    more = panel(page, "desk-claims-awaiting-verdict").select_one("p a")
    assert more.parent.get_text(" ", strip=True) == "More claims await a verdict: see all claims ."
    assert more["href"] == reverse("wagtailsnippets_conflicts_claim:list")
    assert claims[0].statement not in page.get_text()  # the oldest is left off


# --- Recently published ------------------------------------------------------------------


def test_recently_published_is_the_last_ten_live_stories(desk, site_tree):
    for days_ago in range(12):
        published(site_tree, f"Story {days_ago} days old", days_ago=days_ago)
    draft(site_tree, desk.reporter.user, "A draft")

    page = dashboard(desk.reporter.client)

    assert [
        a.get_text(strip=True) for a in panel(page, "desk-recently-published").select("td.title a")
    ] == [f"Story {n} days old" for n in range(10)]
    newest = ArticlePage.objects.get(title="Story 0 days old")
    assert links(page, "desk-recently-published")[0] == edit_url(newest)
    live_links = panel(page, "desk-recently-published").select("a[target=_blank]")
    assert live_links[0]["href"] == newest.url


# --- What the dashboard costs ------------------------------------------------------------


def build_newsroom(desk, site_tree, viewer, count):
    """count live stories, each with a claim awaiting a verdict, and count drafts of the
    viewer's, sent to fact check (every other one past it, at the editors' sign-off)."""
    for n in range(count):
        published(site_tree, f"Live story {n}", days_ago=n, claims=[ClaimFactory()])
        story = draft(site_tree, viewer, f"Draft {n}", submit=True, workflow=desk.workflow)
        if n % 2:
            story.current_workflow_task_state.approve(user=desk.checker.user)


# The dashboard's queries for each role, with 3 or 13 stories of each kind alike.
DASHBOARD_QUERIES = {"reporter": 18, "checker": 19, "editor": 24}


@pytest.mark.parametrize("person", ["reporter", "checker", "editor"])
@pytest.mark.parametrize("count", [3, 13])
def test_the_dashboard_reads_a_fixed_number_of_queries(desk, site_tree, person, count):
    viewer = getattr(desk, person)
    build_newsroom(desk, site_tree, viewer.user, count)
    viewer.client.get(DASHBOARD)  # the session and the site are read once per process

    with CaptureQueriesContext(connection) as queries:
        page = dashboard(viewer.client)

    assert page.select("tbody tr")  # the panels list something
    assert len(queries) == DASHBOARD_QUERIES[person], "\n".join(
        q["sql"][:400] for q in queries.captured_queries
    )
