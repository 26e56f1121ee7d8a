"""Sending one delivery: a signed POST, and what its answer does to the log.

2xx is delivered. Anything else (another status, a redirect, which is never followed, a
timeout or a refused connection) is a failed attempt, retried after BACKOFF, with jitter,
until MAX_ATTEMPTS; then the delivery is given up (an editor may still replay it).
"""

import datetime
import random
import time
import urllib.error
import urllib.request

from django.utils import timezone

from newsroom.partners.webhooks.models import WebhookDelivery
from newsroom.partners.webhooks.outbox import enqueue_delivery
from newsroom.partners.webhooks.signing import signed_headers

TIMEOUT_SECONDS = 10
BODY_EXCERPT = 500
# The wait after each failed attempt: 8 attempts over about 22 hours.
BACKOFF = [
    datetime.timedelta(seconds=30),
    datetime.timedelta(minutes=2),
    datetime.timedelta(minutes=10),
    datetime.timedelta(hours=1),
    datetime.timedelta(hours=3),
    datetime.timedelta(hours=6),
    datetime.timedelta(hours=12),
]
MAX_ATTEMPTS = len(BACKOFF) + 1
JITTER = 0.2  # each wait is up to 20% shorter or longer, so retries do not arrive in step


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer like any other non-2xx: the receiver must give its real URL."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


OPENER = urllib.request.build_opener(NoRedirects)


def backoff_after(attempts: int) -> datetime.timedelta:
    """How long to wait after the attempts-th failed attempt (1-based), with jitter."""
    base = BACKOFF[min(attempts, len(BACKOFF)) - 1]
    return base * random.uniform(1 - JITTER, 1 + JITTER)  # noqa: S311 (not cryptographic)


def post(url: str, headers: dict, body: bytes) -> tuple[int | None, str, str]:
    """POST body; return (status or None, body excerpt, error)."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with OPENER.open(request, timeout=TIMEOUT_SECONDS) as response:
            return response.status, response.read(BODY_EXCERPT).decode(errors="replace"), ""
    except urllib.error.HTTPError as error:
        excerpt = error.read(BODY_EXCERPT).decode(errors="replace") if error.fp else ""
        return error.code, excerpt, f"HTTP {error.code} {error.reason}"
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        return None, "", f"{type(error).__name__}: {reason}"


def attempt(delivery: WebhookDelivery) -> WebhookDelivery:
    """Send delivery once (signed now, with its own webhook-id) and record how it went.
    The caller holds the row's lock."""
    subscription = delivery.subscription
    body = delivery.payload.encode()
    headers = signed_headers(subscription.secret, delivery.message_id, int(time.time()), body)
    status, excerpt, error = post(subscription.url, headers, body)
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.last_response_status = status
    delivery.last_response_body = excerpt
    delivery.last_error = error
    if status is not None and 200 <= status < 300:
        delivery.status = WebhookDelivery.Status.DELIVERED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = WebhookDelivery.Status.GIVEN_UP
        delivery.next_attempt_at = None
    else:
        delivery.status = WebhookDelivery.Status.FAILED
        delivery.next_attempt_at = now + backoff_after(delivery.attempts)
    delivery.save()
    return delivery


def give_up(delivery: WebhookDelivery, reason: str) -> None:
    delivery.status = WebhookDelivery.Status.GIVEN_UP
    delivery.next_attempt_at = None
    delivery.last_error = reason
    delivery.save(update_fields=["status", "next_attempt_at", "last_error"])


def replay(delivery: WebhookDelivery) -> None:
    """Send delivery again, with its webhook-id, a fresh timestamp and signature: it
    becomes due now and goes to the worker as any attempt does."""
    delivery.status = WebhookDelivery.Status.PENDING
    delivery.next_attempt_at = timezone.now()
    delivery.save(update_fields=["status", "next_attempt_at"])
    enqueue_delivery(delivery)
