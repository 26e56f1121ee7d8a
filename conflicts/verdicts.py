"""Recording a claim's verdict changes: when a claim goes live with another verdict than
readers saw when it was last live, a VerdictChange row is written and `verdict_changed` sent,
both inside the publish's transaction.

What readers saw is read just before the publish saves the claim (one query): the row itself
when the claim is live (drafts of a live claim stay in revisions), else, for a claim taken
off the site and coming back, its last published revision. A first publish records nothing:
readers saw no verdict change. A verdict cleared (back to blank) is not a change of finding
and records nothing either.
"""

from django.db import transaction
from django.db.models.signals import pre_save
from wagtail.signals import published

from conflicts.models import Claim, VerdictChange
from conflicts.revisions import last_published_content
from conflicts.signals import verdict_changed

NEVER_LIVE = object()


def note_verdict_before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """Signal receiver (pre_save): a claim about to be saved live, in full (a publish), keeps
    on itself the verdict readers saw until now, for record_verdict_change."""
    if raw or update_fields is not None or instance.pk is None or not instance.live:
        return
    row = Claim.objects.filter(pk=instance.pk).values("live", "verdict", "first_published_at")
    before = row.first()
    if before is None:
        instance.verdict_when_last_live = NEVER_LIVE
    elif before["live"]:
        instance.verdict_when_last_live = before["verdict"]
    elif before["first_published_at"] is None:
        instance.verdict_when_last_live = NEVER_LIVE
    else:
        content = last_published_content(instance)
        instance.verdict_when_last_live = NEVER_LIVE if content is None else content["verdict"]


def record_verdict_change(sender, instance, **kwargs):
    """Signal receiver (published): the claim went live; record a change of verdict."""
    old = getattr(instance, "verdict_when_last_live", NEVER_LIVE)
    instance.verdict_when_last_live = NEVER_LIVE  # a later publish reads its own
    if not instance.live or old is NEVER_LIVE or not instance.verdict or old == instance.verdict:
        return
    with transaction.atomic():  # the record and what receivers record commit together
        change = VerdictChange.objects.create(
            claim=instance,
            old_verdict=old or "",
            new_verdict=instance.verdict,
            explanation=instance.verdict_explanation,
            changed_at=instance.last_published_at,
        )
        verdict_changed.send(
            sender=Claim,
            claim=instance,
            old=old or None,
            new=instance.verdict,
            changed_at=change.changed_at,
        )


def connect() -> None:
    pre_save.connect(note_verdict_before_save, sender=Claim, dispatch_uid="verdict_before")
    published.connect(record_verdict_change, sender=Claim, dispatch_uid="verdict_change")
