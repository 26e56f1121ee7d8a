"""The fact-check step: a story cannot pass it while a linked claim lacks evidence.

On the test host a workflow like the one a host's editors set up: the plugin's fact-check
task for the fact-checkers, then an editors' sign-off, on the News section.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from conflicts.factcheck_publishing import DraftsNotPublished, publish_drafts, story_drafts
from conflicts.models import ClaimSource, FactCheckTask
from tests.conflicts.factories import ActorFactory, ClaimFactory, SourceFactory
from tests.conflicts.host.factories import StoryPageFactory


@pytest.fixture
def workflow(site_tree):
    """Fact check (the Fact-checkers group), then Editor sign-off (Wagtail's Editors group,
    allowed to publish in News), on News."""
    editors = Group.objects.get_or_create(name="Editors")[0]
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    GroupPagePermission.objects.create(group=editors, page=site_tree.news, permission=publish)
    workflow = Workflow.objects.create(name="Fact check before publishing")
    fact_check = FactCheckTask.objects.create(name="Fact check")
    fact_check.groups.set([Group.objects.create(name="Fact-checkers")])
    sign_off = GroupApprovalTask.objects.create(name="Editor sign-off")
    sign_off.groups.set([editors])
    for order, task in enumerate([fact_check, sign_off]):
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    WorkflowPage.objects.create(workflow=workflow, page=site_tree.news)
    return workflow


@pytest.fixture
def fact_checker(workflow, django_user_model):
    user = django_user_model.objects.create_user("checker", password="pw")
    user.groups.add(Group.objects.get(name="Fact-checkers"))
    return user


def test_a_story_with_an_unsourced_claim_cannot_be_approved(site_tree, workflow, fact_checker):
    unsourced = ClaimFactory(statement="The peacekeepers will stay until 2025", sources=0)
    story = StoryPageFactory(parent=site_tree.news, claims=[unsourced], live=False)
    story.save_revision()
    state = workflow.start(story, fact_checker)
    task = state.current_task_state.task.specific

    actions = [name for name, _label, _modal in task.get_actions(story, fact_checker)]

    assert actions == ["reject"]
    assert task.problems(story) == [
        'Claim "The peacekeepers will stay until 2025" has no source: add one that shows it.'
    ]
    task.on_action(state.current_task_state, fact_checker, "approve")
    state.refresh_from_db()
    assert state.status == "in_progress"
    story.refresh_from_db()
    assert story.live is False


def test_a_verdict_without_explanation_blocks_approval_and_names_the_claim(
    site_tree, workflow, fact_checker
):
    claim = ClaimFactory(statement="Armenia is shifting blame", verdict="disputed")
    claim.verdict_explanation = ""  # as an older row might hold, before validation existed
    claim.save()
    story = StoryPageFactory(parent=site_tree.news, claims=[claim], live=False)
    story.save_revision()
    state = workflow.start(story, fact_checker)

    problems = state.current_task_state.task.specific.problems(story)

    assert problems == [
        'Claim "Armenia is shifting blame" has the verdict "Disputed" with no explanation: '
        "explain what the sources show."
    ]


def test_once_sourced_the_story_passes_and_the_editor_publishes(
    site_tree, workflow, fact_checker, django_user_model
):
    claim = ClaimFactory(statement="Peskov confirmed the withdrawal", sources=0, live=False)
    story = StoryPageFactory(parent=site_tree.news, claims=[claim], live=False)
    story.save_revision()
    state = workflow.start(story, fact_checker)
    ClaimSource.objects.create(claim=claim, source=SourceFactory())
    claim.save_revision().publish()
    task_state = state.current_task_state
    task = task_state.task.specific

    assert [a[0] for a in task.get_actions(story, fact_checker)] == ["reject", "approve", "approve"]
    task.on_action(task_state, fact_checker, "approve")
    state.refresh_from_db()
    assert state.current_task_state.task.name == "Editor sign-off"
    editor = django_user_model.objects.create_user("editor", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    state.current_task_state.task.specific.on_action(state.current_task_state, editor, "approve")

    story.refresh_from_db()
    assert story.live is True


def test_a_claim_by_a_draft_claimant_blocks_approval_and_names_the_actor(
    site_tree, workflow, fact_checker
):
    """The public sidebar leaves out a claim whose claimant is a draft: it would vanish."""
    newcomer = ActorFactory(name="Armenian Border Guard Service", live=False)
    claim = ClaimFactory(statement="The guards leave Zvartnots", claimant=newcomer)
    story = StoryPageFactory(parent=site_tree.news, claims=[claim], live=False)
    story.save_revision()
    state = workflow.start(story, fact_checker)
    task = state.current_task_state.task.specific

    assert [name for name, _label, _modal in task.get_actions(story, fact_checker)] == ["reject"]
    assert task.problems(story) == [
        'The claimant of claim "The guards leave Zvartnots", "Armenian Border Guard Service", '
        "is a draft: publish the actor, or the claim will not show in the story."
    ]
    task.on_action(state.current_task_state, fact_checker, "approve")
    state.refresh_from_db()
    assert state.status == "in_progress"


def test_a_draft_key_actor_blocks_approval_and_links_to_its_editor(
    site_tree, workflow, fact_checker
):
    draft = ActorFactory(name="Unpublished Minister", live=False)
    story = StoryPageFactory(parent=site_tree.news, actors=[ActorFactory(), draft], live=False)
    story.save_revision()
    state = workflow.start(story, fact_checker)
    task = state.current_task_state.task.specific

    [problem] = FactCheckTask.page_fact_check(story)

    assert [name for name, _label, _modal in task.get_actions(story, fact_checker)] == ["reject"]
    assert str(problem) == (
        'Key actor "Unpublished Minister" is a draft: publish it or remove it from the story.'
    )
    assert problem.edit_url == f"/admin/snippets/conflicts/actor/edit/{draft.pk}/"


def test_published_claimants_and_key_actors_pass(site_tree, workflow, fact_checker):
    claimant = ActorFactory(live=False)
    story = StoryPageFactory(
        parent=site_tree.news,
        actors=[claimant],
        claims=[ClaimFactory(claimant=claimant)],
        live=False,
    )
    story.save_revision()
    state = workflow.start(story, fact_checker)
    claimant.save_revision().publish()
    task = state.current_task_state.task.specific

    assert task.problems(story) == []
    assert "approve" in [name for name, _label, _modal in task.get_actions(story, fact_checker)]


def test_the_check_reads_all_claimants_and_key_actors_in_one_query(
    site_tree, django_assert_num_queries
):
    """Claims, then their claimants and the key actors together: the same queries for 1 or
    6 claims by as many draft claimants, and as many draft key actors."""

    def story_under_review(count):
        claims = [ClaimFactory(claimant=ActorFactory(live=False)) for _ in range(count)]
        actors = [ActorFactory(live=False) for _ in range(count)]
        story = StoryPageFactory(parent=site_tree.news, claims=claims, actors=actors)
        return story.save_revision().as_object()

    one, six = story_under_review(1), story_under_review(6)
    with CaptureQueriesContext(connection) as queries:
        assert len(FactCheckTask.page_fact_check(one)) == 2
    assert len(queries) == 2  # the claims with their source counts; the actors

    with django_assert_num_queries(2):
        assert len(FactCheckTask.page_fact_check(six)) == 12


def test_publishing_the_drafts_leaves_an_unsourced_claim_and_all_else_unpublished(
    site_tree, django_user_model
):
    """A claim with no source cannot be published: the drafts are published all or none."""
    admin = django_user_model.objects.create_superuser("admin", "a@example.org", "pw")
    claimant = ActorFactory(name="Draft Minister", live=False)
    claim = ClaimFactory(statement="Nobody showed this", claimant=claimant, sources=0, live=False)
    story = StoryPageFactory(parent=site_tree.news, claims=[claim], live=False)
    story.save_revision()

    with pytest.raises(DraftsNotPublished) as refused:
        publish_drafts(story_drafts(story), admin)

    assert refused.value.reasons == [
        'A claim with no source cannot be published; add one first: "Nobody showed this".'
    ]
    claim.refresh_from_db()
    claimant.refresh_from_db()
    assert (claim.live, claimant.live) == (False, False)
