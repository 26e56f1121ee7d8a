"""The partner API's own records: partners, their keys, and what left public view.

The tables keep the names they had when these models lived in the newsroom app
(migration newsroom 0004); partners 0001 moved them here in state only.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from rest_framework_api_key.models import AbstractAPIKey
from wagtail.admin.panels import FieldPanel


class Partner(models.Model):
    """A newsroom or aggregator that pulls our stories and their context through the API.

    Scope is optional: with no section and no conflict ticked, the partner may pull everything
    public; otherwise only stories in those sections or on those conflicts (and the
    explainers and claims of those conflicts). Actors and sources are never scoped.
    """

    name = models.CharField(max_length=255, unique=True)
    contact_email = models.EmailField(blank=True)
    active = models.BooleanField(
        default=True, help_text="Untick to refuse every key of this partner at once."
    )
    sections = models.ManyToManyField(
        "newsroom.SectionPage",
        blank=True,
        related_name="+",
        help_text="Limit the partner to stories in these sections (none ticked: every section).",
    )
    conflicts = models.ManyToManyField(
        "conflicts.ConflictExplainerPage",
        blank=True,
        related_name="+",
        help_text="Limit the partner to these conflicts (none ticked: every conflict).",
    )
    throttle_rate = models.CharField(
        max_length=20,
        blank=True,
        help_text='Requests allowed, e.g. "5000/hour". Blank: the default (API_DEFAULT_RATE).',
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("contact_email"),
        FieldPanel("active"),
        FieldPanel("sections", widget=forms.CheckboxSelectMultiple),
        FieldPanel("conflicts", widget=forms.CheckboxSelectMultiple),
        FieldPanel("throttle_rate"),
    ]

    class Meta:
        db_table = "newsroom_partner"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.throttle_rate:
            from newsroom.partners.api.throttling import parse_rate_or_error

            error = parse_rate_or_error(self.throttle_rate)
            if error:
                raise ValidationError({"throttle_rate": error})


class PartnerAPIKey(AbstractAPIKey):
    """A key a partner sends as `Authorization: Api-Key <key>`; stored hashed, shown once."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="api_keys")

    class Meta(AbstractAPIKey.Meta):
        db_table = "newsroom_partnerapikey"
        verbose_name = "partner API key"
        verbose_name_plural = "partner API keys"


class Withdrawal(models.Model):
    """Something partners may have copied that is no longer public: unpublished or deleted.

    Filled by signals (newsroom/partners/withdrawals.py); read by the API's withdrawn feed so a
    partner mirroring us can take it down. Publishing the thing again removes its record.
    """

    class Kind(models.TextChoices):
        ARTICLE = "article", "Article"
        EXPLAINER = "explainer", "Explainer"
        ACTOR = "actor", "Actor"
        CLAIM = "claim", "Claim"

    class Reason(models.TextChoices):
        UNPUBLISHED = "unpublished", "Unpublished"
        DELETED = "deleted", "Deleted"
        PRIVATE = "private", "Made private"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    slug = models.CharField(max_length=255, blank=True)
    reason = models.CharField(max_length=20, choices=Reason.choices)
    withdrawn_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        db_table = "newsroom_withdrawal"
        ordering = ["withdrawn_at", "id"]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self):
        return f"{self.kind} {self.object_id} {self.reason} at {self.withdrawn_at:%Y-%m-%d %H:%M}"


# Webhooks live in their own module; imported here so Django finds their models.
from newsroom.partners.webhooks.models import WebhookDelivery, WebhookSubscription  # noqa: E402

__all__ = [
    "Partner",
    "PartnerAPIKey",
    "Withdrawal",
    "WebhookDelivery",
    "WebhookSubscription",
]
