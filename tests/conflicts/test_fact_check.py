"""The fact-check step: a story cannot pass it while a linked claim lacks evidence."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Workflow, WorkflowPage

from conflicts.models import ClaimSource, FactCheckTask
from newsroom import roles
from tests.factories import ArticlePageFactory, ClaimFactory, SourceFactory


@pytest.fixture
def fact_checker(django_user_model):
    user = django_user_model.objects.create_user("checker", password="pw")
    user.groups.add(Group.objects.get(name=roles.FACT_CHECKERS))
    return user


@pytest.fixture
def workflow(site_tree):
    """The fact-check workflow the roles migration made, on the News section."""
    workflow = Workflow.objects.get(name=roles.FACT_CHECK_WORKFLOW)
    WorkflowPage.objects.create(workflow=workflow, page=site_tree.news)
    return workflow


def test_the_migration_made_fact_check_then_editor_sign_off(workflow):
    fact_check, sign_off = [t.specific for t in workflow.tasks.order_by("workflow_tasks")]

    assert isinstance(fact_check, FactCheckTask)
    assert fact_check.name == "Fact check"
    assert [g.name for g in fact_check.groups.all()] == ["Fact-checkers"]
    assert sign_off.name == "Editor sign-off"
    assert [g.name for g in sign_off.groups.all()] == ["Editors"]


def test_a_story_with_an_unsourced_claim_cannot_be_approved(site_tree, workflow, fact_checker):
    unsourced = ClaimFactory(statement="The peacekeepers will stay until 2025", sources=0)
    story = ArticlePageFactory(parent=site_tree.news, claims=[unsourced], live=False)
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
    story = ArticlePageFactory(parent=site_tree.news, claims=[claim], live=False)
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
    story = ArticlePageFactory(parent=site_tree.news, claims=[claim], live=False)
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
    editor.groups.add(Group.objects.get(name=roles.EDITORS))
    state.current_task_state.task.specific.on_action(state.current_task_state, editor, "approve")

    story.refresh_from_db()
    assert story.live is True
