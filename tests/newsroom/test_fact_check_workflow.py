"""The newsroom's fact-check workflow, made by the roles migration: the plugin's fact-check
step, then the editors' sign-off (the step itself: tests/conflicts/test_fact_check.py)."""

from wagtail.models import Workflow

from conflicts.models import FactCheckTask
from newsroom.stories import roles


def test_the_migration_made_fact_check_then_editor_sign_off(db):
    workflow = Workflow.objects.get(name=roles.FACT_CHECK_WORKFLOW)

    fact_check, sign_off = [t.specific for t in workflow.tasks.order_by("workflow_tasks")]

    assert isinstance(fact_check, FactCheckTask)
    assert fact_check.name == "Fact check"
    assert [g.name for g in fact_check.groups.all()] == ["Fact-checkers"]
    assert sign_off.name == "Editor sign-off"
    assert [g.name for g in sign_off.groups.all()] == ["Editors"]
