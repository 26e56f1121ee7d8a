"""A partner's webhook subscriptions and the log of what was sent to them."""

import json
import uuid
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from newsroom.partners.webhooks.signing import new_secret

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


class EventType(models.TextChoices):
    ARTICLE_PUBLISHED = "article.published", "Article published (goes live the first time)"
    ARTICLE_UPDATED = "article.updated", "Article updated (republished, or its context changed)"
    ARTICLE_WITHDRAWN = "article.withdrawn", "Article withdrawn (unpublished, deleted, private)"
    VERDICT_CHANGED = "claim.verdict_changed", "Claim verdict changed"
    CORRECTION_ADDED = "correction.added", "Correction or update added to an article"


def url_error(url: str) -> str | None:
    """Why url cannot receive webhooks, or None: https only, but for a receiver on this
    machine (localhost, 127.0.0.1), which a partner tests with."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return None
    if parts.scheme == "http" and parts.hostname in LOCAL_HOSTS:
        return None
    return "Use an https:// address (http:// only for localhost or 127.0.0.1)."


class WebhookSubscription(models.Model):
    """Where a partner wants our changes pushed, which of them, and the secret that signs them.

    A partner with subscriptions cannot be deleted (PROTECT): its delivery log would go with
    it. Switch the partner or the subscription off instead.
    """

    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="webhook_subscriptions"
    )
    url = models.URLField(
        "receiver URL",
        max_length=1000,
        help_text="Where we POST events: https:// (http:// only for localhost or 127.0.0.1).",
    )
    # A list of EventType values: JSON, so it reads the same on PostgreSQL and SQLite.
    events = models.JSONField(default=list, help_text="The events this receiver wants.")
    secret = models.CharField(
        max_length=100,
        default=new_secret,
        help_text="Signs every delivery (Standard Webhooks). Give it to the partner safely.",
    )
    active = models.BooleanField(default=True, help_text="Untick to stop sending to this URL.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["partner__name", "url"]
        verbose_name = "webhook subscription"

    def __str__(self):
        return f"{self.partner}: {self.url}"

    def clean(self):
        super().clean()
        errors = {}
        if self.url and (error := url_error(self.url)):
            errors["url"] = error
        if not isinstance(self.events, list) or not self.events:
            errors["events"] = "Tick at least one event."
        elif unknown := sorted(set(self.events) - set(EventType.values)):
            errors["events"] = f"Unknown events: {', '.join(unknown)}."
        if errors:
            raise ValidationError(errors)

    def wants(self, event_type: str) -> bool:
        return self.active and event_type in self.events

    def rotate_secret(self) -> None:
        self.secret = new_secret()


def new_message_id() -> str:
    """A `webhook-id`: the same on every retry and replay of one message."""
    return f"msg_{uuid.uuid4().hex}"


class WebhookDelivery(models.Model):
    """One message to one subscription, and how sending it went: the delivery log."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed (will retry)"
        GIVEN_UP = "given_up", "Given up"

    # PROTECT: a subscription with a log is switched off, not deleted.
    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.PROTECT, related_name="deliveries"
    )
    event_type = models.CharField(max_length=40, choices=EventType.choices)
    message_id = models.CharField("webhook-id", max_length=64, default=new_message_id)
    # The body exactly as signed and sent, a JSON document (see payload_data).
    payload = models.TextField()
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_response_body = models.TextField(blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "webhook delivery"
        verbose_name_plural = "webhook deliveries"
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_due")]

    def __str__(self):
        return f"{self.event_type} {self.message_id} to {self.subscription.url}"

    @property
    def payload_data(self) -> dict:
        return json.loads(self.payload)

    @property
    def partner(self):
        return self.subscription.partner
