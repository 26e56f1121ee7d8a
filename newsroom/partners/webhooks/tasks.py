"""The worker's side of webhooks: send a delivery; pick up the ones a dead worker dropped."""

import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from newsroom.partners.webhooks.delivery import attempt, give_up
from newsroom.partners.webhooks.models import WebhookDelivery
from newsroom.partners.webhooks.outbox import enqueue_delivery

DUE = [WebhookDelivery.Status.PENDING, WebhookDelivery.Status.FAILED]
STALLED_AFTER = datetime.timedelta(minutes=2)
STALLED_BATCH = 500


# A partner is waiting for it: ahead of index updates, purges and warm-ups in the queue
# (django-tasks-db runs the highest priority first; the default is 0).
@task(priority=50)
def deliver_webhook(delivery_id: int) -> str:
    """Send one delivery if it is due, holding its row so no other worker sends it at once;
    on failure, enqueue the next attempt. A delivered row is never sent again (but replay)."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("subscription")
            .filter(pk=delivery_id, status__in=DUE, next_attempt_at__lte=timezone.now())
            .first()
        )
        if delivery is None:
            return "not due"  # sent, given up, locked by another worker, or retried later
        if not delivery.subscription.active:
            give_up(delivery, "The subscription was switched off before this was sent.")
            return WebhookDelivery.Status.GIVEN_UP
        attempt(delivery)
        if delivery.status == WebhookDelivery.Status.FAILED:
            enqueue_delivery(delivery)
        return delivery.status


@task
def resend_stalled_deliveries() -> int:
    """Enqueue again deliveries due more than STALLED_AFTER ago: their task was lost (a
    worker died mid-send, or no backend could defer the retry). Run every minute."""
    cutoff = timezone.now() - STALLED_AFTER
    stalled = WebhookDelivery.objects.filter(status__in=DUE, next_attempt_at__lt=cutoff)
    ids = list(stalled.order_by("next_attempt_at").values_list("pk", flat=True)[:STALLED_BATCH])
    for pk in ids:
        # Due already: enqueue_delivery enqueues it now (on commit, outside the DB backend).
        enqueue_delivery(WebhookDelivery(pk=pk, next_attempt_at=None))
    return len(ids)
