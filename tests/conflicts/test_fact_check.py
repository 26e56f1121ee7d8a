"""The fact-check step: a story cannot pass it while a linked claim lacks evidence.

On the test host a workflow like the one a host's editors set up: the plugin's fact-check
task for the fact-checkers, then an editors' sign-off, on the News section.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from conflicts.models import ClaimSource, FactCheckTask
from tests.conflicts.factories import ClaimFactory, SourceFactory
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
