"""Verdict history: each time a claim went live with another verdict than readers saw."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from conflicts.models.claims import Claim, Verdict


class VerdictChangeQuerySet(models.QuerySet):
    def public(self):
        """Changes of claims readers may see now, newest first."""
        return self.filter(claim__in=Claim.objects.public()).order_by("-changed_at", "-pk")


class VerdictChange(models.Model):
    """A claim's verdict as readers saw it before and after a publish, with the explanation
    it went live with: the record a corrections feed and partners read.

    The claim is PROTECTed: the record of a changed finding is part of the newsroom's
    accountability, so a claim with a history is unpublished rather than deleted (as a
    claimant with claims is kept); a copy of the claim on each row would only let a
    deleted claim's history point to a page that no longer exists.
    """

    claim = models.ForeignKey(
        "conflicts.Claim", on_delete=models.PROTECT, related_name="verdict_changes"
    )
    old_verdict = models.CharField(
        _("verdict before"),
        max_length=20,
        choices=Verdict.choices,
        blank=True,
        help_text=_("Blank: the claim had no verdict when it was last live."),
    )
    new_verdict = models.CharField(_("verdict after"), max_length=20, choices=Verdict.choices)
    explanation = models.TextField(
        _("explanation"), help_text=_("The verdict's explanation as it went live.")
    )
    changed_at = models.DateTimeField(_("changed at"), db_index=True)

    objects = VerdictChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("verdict change")
        verbose_name_plural = _("verdict changes")

    def __str__(self):
        old = self.get_old_verdict_display() or _("no verdict")
        return f"{self.claim}: {old} → {self.get_new_verdict_display()}"
