"""Publishing together the drafts that hold a story at the fact-check step: its draft
claims, draft claimants and draft key actors, with the permissions of the person acting,
all or nothing."""

from django.db import transaction
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from wagtail.permissions import policy_registry

from conflicts.factcheck import drafts_among
from conflicts.models import Claim, FactCheckTask


class DraftsNotPublished(Exception):
    """Why nothing was published: one message per reason, naming the items."""

    def __init__(self, reasons: list[str]):
        super().__init__(" ".join(reasons))
        self.reasons = reasons


def story_drafts(page) -> list:
    """The drafts the fact-check step names for page as its latest revision has it."""
    problems = FactCheckTask.page_fact_check(FactCheckTask.object_under_review(page))
    return drafts_among(problems)


def by_model(drafts) -> dict[type, list]:
    """The drafts grouped by their model, in the order named."""
    groups = {}
    for item in drafts:
        groups.setdefault(type(item), []).append(item)
    return groups


def publishing_refusals(drafts, user) -> list[str]:
    """What stops user from publishing drafts: a kind they may not publish, or a claim that
    has no source (a claim with no source cannot be published). Empty when nothing does."""
    reasons = []
    for model, items in by_model(drafts).items():
        if not policy_registry.get_by_type(model).user_has_permission(user, "publish"):
            reasons.append(
                _("You may not publish %(kind)s, so nothing was published: %(names)s.")
                % {
                    "kind": model._meta.verbose_name_plural,
                    "names": get_text_list([f'"{item}"' for item in items], _("and")),
                }
            )
    unsourced = [item for item in drafts if isinstance(item, Claim) and not item.source_count]
    if unsourced:
        reasons.append(
            _("A claim with no source cannot be published; add one first: %(names)s.")
            % {"names": get_text_list([f'"{item}"' for item in unsourced], _("and"))}
        )
    return reasons


def publish_drafts(drafts, user) -> list:
    """Publish each draft's latest revision as user, in one transaction, or none of them
    (DraftsNotPublished says why). Returns what was published."""
    reasons = publishing_refusals(drafts, user)
    if reasons:
        raise DraftsNotPublished(reasons)
    published = []
    with transaction.atomic():
        for model, items in by_model(drafts).items():
            # The drafts as stored, in full (the fact check read only a few columns).
            pks = [item.pk for item in items]
            for item in model.objects.filter(pk__in=pks).select_related("latest_revision"):
                revision = item.latest_revision or item.save_revision(user=user)
                revision.publish(user=user)
                published.append(item)
    return published
