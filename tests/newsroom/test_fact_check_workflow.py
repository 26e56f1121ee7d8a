"""The newsroom's fact-check workflow, made by the roles migration: the plugin's fact-check
step, then the editors' sign-off (the step itself: tests/conflicts/test_fact_check.py), and
the desk's journey through it in the admin, as each role sees it."""

from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from wagtail.models import Workflow

from conflicts.models import Actor, FactCheckTask
from newsroom.stories import roles
from tests.factories import ActorFactory, ArticlePageFactory, ClaimFactory
from tests.newsroom.admin_forms import edit_url, messages_shown, post_action


def test_the_migration_made_fact_check_then_editor_sign_off(db):
    workflow = Workflow.objects.get(name=roles.FACT_CHECK_WORKFLOW)

    fact_check, sign_off = [t.specific for t in workflow.tasks.order_by("workflow_tasks")]

    assert isinstance(fact_check, FactCheckTask)
    assert fact_check.name == "Fact check"
    assert [g.name for g in fact_check.groups.all()] == ["Fact-checkers"]
    assert sign_off.name == "Editor sign-off"
    assert [g.name for g in sign_off.groups.all()] == ["Editors"]


# --- The desk's journey through the admin, as each role ----------------------------------

HEADLINE = "Armenia removes Russian border guards from Yerevan airport"


def fact_check_panel(response):
    return BeautifulSoup(response.content, "html.parser").select_one(".fact-check-problems")


def workflow_buttons(response) -> list[str]:
    page = BeautifulSoup(response.content, "html.parser")
    return [
        button["data-workflow-action-name"] for button in page.select("[data-workflow-action-name]")
    ]


@pytest.fixture
def story_with_new_actor(desk, site_tree):
    """The reporter's story: a sourced claim by a new actor left a draft, and that actor as a
    key actor (the claim published by the fact-checker, the actor forgotten)."""
    guards = ActorFactory(name="Armenian Border Guard Service", live=False)
    claim = ClaimFactory(statement="The Russian guards leave Zvartnots", claimant=guards)
    story = ArticlePageFactory(
        parent=site_tree.news, title=HEADLINE, live=False, actors=[guards], claims=[claim]
    )
    story.save_revision(user=desk.reporter.user)
    return SimpleNamespace(story=story, guards=guards, claim=claim)


def test_submitting_says_sent_to_fact_check(desk, story_with_new_actor):
    response = post_action(
        desk.reporter.client, story_with_new_actor.story, **{"action-submit": "1"}
    )

    assert messages_shown(response) == [f"'{HEADLINE}' was sent to fact check. View draft Edit"]


def test_the_panel_names_the_draft_claimant_and_key_actor_and_links_to_them(
    desk, story_with_new_actor
):
    story, guards = story_with_new_actor.story, story_with_new_actor.guards
    post_action(desk.reporter.client, story, **{"action-submit": "1"})

    response = desk.checker.client.get(edit_url(story))

    panel = fact_check_panel(response)
    assert [li.get_text(" ", strip=True) for li in panel.select("li")] == [
        'The claimant of claim "The Russian guards leave Zvartnots", "Armenian Border Guard '
        'Service", is a draft: publish the actor, or the claim will not show in the story. '
        'Edit "Armenian Border Guard Service"',
        'Key actor "Armenian Border Guard Service" is a draft: publish it or remove it from '
        'the story. Edit "Armenian Border Guard Service"',
    ]
    actor_edit = reverse("wagtailsnippets_conflicts_actor:edit", args=[guards.pk])
    assert {a["href"] for a in panel.select("li a")} == {actor_edit}
    assert workflow_buttons(response) == ["reject"]  # no Approve


def test_a_fact_checker_publishes_the_drafts_in_one_go_then_approves(
    desk, story_with_new_actor, client
):
    story = story_with_new_actor.story
    post_action(desk.reporter.client, story, **{"action-submit": "1"})
    publish_url = reverse("conflicts_publish_fact_check_drafts", args=[story.pk])
    edit_page = desk.checker.client.get(edit_url(story))
    assert fact_check_panel(edit_page).select_one("button[formaction]")["formaction"] == publish_url

    forged = Client(enforce_csrf_checks=True)
    forged.force_login(desk.checker.user)
    assert forged.post(publish_url).status_code == 403  # no CSRF token: refused
    assert desk.checker.client.get(publish_url).status_code == 405  # POST only

    response = desk.checker.client.post(publish_url, follow=True)

    assert messages_shown(response) == ['Published "Armenian Border Guard Service".']
    guards = Actor.objects.get(pk=story_with_new_actor.guards.pk)
    assert guards.live is True
    assert guards.live_revision.user == desk.checker.user
    assert fact_check_panel(response) is None
    assert workflow_buttons(response) == ["reject", "approve", "approve"]

    approved = post_action(
        desk.checker.client,
        story,
        **{"action-workflow-action": "1", "workflow-action-name": "approve"},
    )
    assert messages_shown(approved) == [
        f"'{HEADLINE}' was approved: it passed fact check and goes to Editor sign-off. Edit"
    ]

    published = post_action(
        desk.editor.client,
        story,
        **{"action-workflow-action": "1", "workflow-action-name": "approve"},
    )
    assert messages_shown(published) == [f"'{HEADLINE}' was approved and published. View live Edit"]
    reader_page = client.get(story.url).content.decode()
    assert "The Russian guards leave Zvartnots" in reader_page
    assert "Armenian Border Guard Service" in reader_page


def test_publishing_the_drafts_without_permission_is_refused_and_publishes_nothing(
    desk, site_tree, django_user_model
):
    """All or nothing: a user who may publish claims but not actors publishes neither."""
    guards = ActorFactory(name="Armenian Border Guard Service", live=False)
    claim = ClaimFactory(
        statement="The Russian guards leave Zvartnots", claimant=guards, live=False
    )
    story = ArticlePageFactory(parent=site_tree.news, title=HEADLINE, live=False, claims=[claim])
    story.save_revision()
    desk.reporter.user.user_permissions.add(
        Permission.objects.get(content_type__app_label="conflicts", codename="publish_claim")
    )

    response = desk.reporter.client.post(
        reverse("conflicts_publish_fact_check_drafts", args=[story.pk]), follow=True
    )

    assert messages_shown(response) == [
        'You may not publish actors, so nothing was published: "Armenian Border Guard Service". '
        "Go to the first error"
    ]
    claim.refresh_from_db()
    guards.refresh_from_db()
    assert (claim.live, guards.live) == (False, False)
    assert fact_check_panel(response) is not None


def test_at_fact_check_only_the_sender_is_offered_cancel_workflow(desk, site_tree):
    story = ArticlePageFactory(
        parent=site_tree.news, title=HEADLINE, live=False, claims=[ClaimFactory()]
    )
    story.save_revision(user=desk.reporter.user)
    post_action(desk.reporter.client, story, **{"action-submit": "1"})

    checker_page = desk.checker.client.get(edit_url(story)).content.decode()
    reporter_page = desk.reporter.client.get(edit_url(story)).content.decode()

    assert "approve" in workflow_buttons(desk.checker.client.get(edit_url(story)))
    assert 'name="action-cancel-workflow"' not in checker_page
    assert 'name="action-cancel-workflow"' in reporter_page
    refused = post_action(desk.checker.client, story, **{"action-cancel-workflow": "1"})
    assert messages_shown(refused) == [
        "At fact check, only whoever wrote or sent the story may cancel its workflow. "
        "Go to the first error"
    ]
    story.refresh_from_db()
    assert story.current_workflow_state.status == "in_progress"
