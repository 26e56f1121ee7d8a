"""What the page editor says after a workflow step on a story under fact check, in the
newsroom's words: sent to fact check, approved (passed fact check), published.

Wagtail's edit view adds its own message ("submitted for moderation", "has been updated")
and then runs the `after_edit_page` hook; `reword_workflow_message` replaces that last
message, keeping the others, through Django's messages API.
"""

from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages as admin_messages
from wagtail.models import TaskState, WorkflowState

from conflicts.models import FactCheckTask


def _has_fact_check(workflow) -> bool:
    return any(isinstance(task.specific, FactCheckTask) for task in workflow.tasks.all())


def workflow_message(request, page) -> tuple[str, list] | None:
    """The message for what this POST to the page editor did, or None to keep Wagtail's."""
    submitted = bool(request.POST.get("action-submit"))
    approving = bool(request.POST.get("action-workflow-action")) and (
        request.POST.get("workflow-action-name") == "approve"
    )
    if not (submitted or approving):
        return None
    title = page.get_admin_display_title()
    edit = admin_messages.button(reverse("wagtailadmin_pages:edit", args=[page.pk]), _("Edit"))
    state = WorkflowState.objects.for_instance(page).order_by("-created_at").first()
    if state is None or not _has_fact_check(state.workflow):
        return None
    if submitted:
        task = state.current_task_state.task.specific if state.current_task_state else None
        if task is None:
            return None
        draft = admin_messages.button(
            reverse("wagtailadmin_pages:view_draft", args=[page.pk]), _("View draft")
        )
        if isinstance(task, FactCheckTask):
            text = _("'%(title)s' was sent to fact check.") % {"title": title}
        else:
            text = _("'%(title)s' was sent to %(step)s.") % {"title": title, "step": task.name}
        return text, [draft, edit]
    if state.status == WorkflowState.STATUS_APPROVED:
        live = page.specific_class.objects.get(pk=page.pk)
        if not live.live:
            return None
        buttons = [admin_messages.button(live.url, _("View live")), edit] if live.url else [edit]
        return _("'%(title)s' was approved and published.") % {"title": title}, buttons
    approved = (
        state.task_states.filter(status=TaskState.STATUS_APPROVED).order_by("-finished_at").first()
    )
    if approved is None:
        return None
    following = state.current_task_state.task.name if state.current_task_state else ""
    if isinstance(approved.task.specific, FactCheckTask):
        text = _("'%(title)s' was approved: it passed fact check and goes to %(step)s.")
    else:
        text = _("'%(title)s' was approved: it goes to %(step)s.")
    return text % {"title": title, "step": following}, [edit]


def reword_workflow_message(request, page) -> None:
    """Replace the success message Wagtail just added for a workflow step with ours."""
    if request.method != "POST":
        return
    reworded = workflow_message(request, page)
    if reworded is None:
        return
    storage = messages.get_messages(request)
    kept = list(storage)  # read, so marked used: re-added below, less Wagtail's last one
    if not kept or kept[-1].level != messages.SUCCESS:
        for message in kept:
            messages.add_message(request, message.level, message.message, message.extra_tags)
        return
    for message in kept[:-1]:
        messages.add_message(request, message.level, message.message, message.extra_tags)
    text, buttons = reworded
    admin_messages.success(request, text, buttons=buttons)
