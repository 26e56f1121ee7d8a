"""The fact-check step of Wagtail's workflow: a story passes it only with sourced claims."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask

from conflicts.factcheck import claim_problems, claims_to_check
from conflicts.models.claims import Claim


class FactCheckTask(AbstractGroupApprovalTask):
    """Group approval that cannot be approved while a linked claim lacks evidence.

    Approving is not offered while any claim linked from the story under review has no
    source, has a verdict with no explanation, or is a draft; the editor's "Fact check"
    panel says which claim and what is missing.
    """

    @staticmethod
    def page_problems(page) -> list[str]:
        """What stops page, as it stands, at this step (conflicts/factcheck.py)."""
        if not hasattr(page, "claim_links"):
            return []
        return claim_problems(Claim.objects.filter(pk__in=claims_to_check(page)).for_fact_check())

    def problems(self, obj) -> list[str]:
        revision = obj.get_latest_revision()
        return self.page_problems(revision.as_object() if revision else obj)

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
            "source and every verdict an explanation."
        )

    class Meta:
        verbose_name = _("fact check task")
        verbose_name_plural = _("fact check tasks")
