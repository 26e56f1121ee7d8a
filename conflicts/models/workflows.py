"""The fact-check step of Wagtail's workflow: a story passes it only with sourced claims,
by published claimants, and with published key actors."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask

from conflicts.factcheck import (
    Problem,
    claim_problems,
    claims_to_check,
    key_actor_problems,
    key_actors_to_check,
)
from conflicts.models.actors import Actor
from conflicts.models.claims import Claim


class FactCheckTask(AbstractGroupApprovalTask):
    """Group approval that cannot be approved while a linked claim lacks evidence or would
    vanish from the published story.

    Approving is not offered while any claim linked from the story under review has no
    source, has a verdict with no explanation, is a draft or is by a draft claimant, or
    while a key actor is a draft (the public sidebar leaves drafts out); the editor's
    "Fact check" panel says which item, what is missing, and links to it.
    """

    @staticmethod
    def page_fact_check(page) -> list[Problem]:
        """What stops page, as it stands, at this step (conflicts/factcheck.py): the claims
        in one query, their claimants and the key actors together in one more."""
        if not hasattr(page, "claim_links"):
            return []
        claims = list(Claim.objects.filter(pk__in=claims_to_check(page)).for_fact_check())
        key_actor_ids = key_actors_to_check(page)
        actor_ids = {claim.claimant_id for claim in claims} | set(key_actor_ids)
        actors = Actor.objects.only("name", "live").in_bulk(actor_ids) if actor_ids else {}
        return claim_problems(claims, actors) + key_actor_problems(key_actor_ids, actors)

    @classmethod
    def page_problems(cls, page) -> list[str]:
        """The problems as plain text (the task's own messages)."""
        return [str(problem) for problem in cls.page_fact_check(page)]

    @staticmethod
    def object_under_review(obj):
        """obj as its latest revision has it: what the step approves."""
        revision = obj.get_latest_revision()
        return revision.as_object() if revision else obj

    def problems(self, obj) -> list[str]:
        return self.page_problems(self.object_under_review(obj))

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and self.problems(obj):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve" and self.problems(task_state.revision.content_object):
            return None  # not approvable: the action is not offered, and refused if forced
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve the story once every linked claim has a "
            "source, every verdict an explanation, and every claim, claimant and key actor "
            "is published."
        )

    class Meta:
        verbose_name = _("fact check task")
        verbose_name_plural = _("fact check tasks")


def user_may_cancel_workflow(workflow_state, user) -> bool:
    """Who sees and may use "Cancel workflow": Wagtail's rule (WorkflowState.user_can_cancel:
    whoever started the workflow, the page's owner, or anyone who may approve the current
    step), except that at the fact-check step approving it is not enough: a fact-checker
    cancels only a story they sent or own, or one they may also publish."""
    if not workflow_state.user_can_cancel(user):
        return False
    task_state = workflow_state.current_task_state
    if task_state is None or not isinstance(task_state.task.specific, FactCheckTask):
        return True
    content = workflow_state.content_object
    if user == workflow_state.requested_by or user == getattr(content, "owner", None):
        return True
    permissions_for_user = getattr(content, "permissions_for_user", None)
    return bool(permissions_for_user and permissions_for_user(user).can_publish())
