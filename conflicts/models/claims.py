"""Claims: statements actors made on the record, with the sources that show them."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PublishingPanel
from wagtail.models import DraftStateMixin, Orderable, PreviewableMixin, RevisionMixin
from wagtail.search import index

from conflicts.forms import ClaimForm
from conflicts.models.clusters import ReadFastClusterableModel
from conflicts.paths import public_path
from conflicts.slugs import unique_slug

NO_SOURCE_MESSAGE = "Sources: add at least one source that shows this claim before publishing it."


class Verdict(models.TextChoices):
    """The fixed vocabulary of findings. "Reported" means on the record, with no finding."""

    REPORTED = "reported", "Reported"
    CONFIRMED = "confirmed", "Confirmed"
    DISPUTED = "disputed", "Disputed"
    MISLEADING = "misleading", "Misleading"
    FALSE = "false", "False"
    UNPROVEN = "unproven", "Unproven"


class Claim(
    DraftStateMixin, RevisionMixin, PreviewableMixin, index.Indexed, ReadFastClusterableModel
):
    """A statement an actor made on the record, with the sources that show it."""

    statement = models.TextField(help_text="What was claimed, in neutral words.")
    quote = models.TextField(
        "verbatim quote", blank=True, help_text="The claimant's exact words, if on the record."
    )
    slug = models.SlugField(
        max_length=80,
        unique=True,
        blank=True,
        help_text="Used in the claim's web address. Left blank, it is made from the statement.",
    )
    claimant = models.ForeignKey(
        "conflicts.Actor",
        on_delete=models.PROTECT,
        related_name="claims",
        help_text="Who made the claim.",
    )
    made_on = models.DateField("date made", help_text="When the claim was made.")
    conflict = models.ForeignKey(
        "conflicts.ConflictExplainerPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims",
    )
    verdict = models.CharField(
        max_length=20,
        choices=Verdict.choices,
        blank=True,
        help_text="Leave blank until the claim has been checked.",
    )
    verdict_explanation = models.TextField(
        blank=True, help_text="Why this verdict: what the sources show."
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="claim")

    base_form_class = ClaimForm

    panels = [
        FieldPanel("statement"),
        FieldPanel("quote"),
        FieldPanel("claimant"),
        FieldPanel("made_on"),
        FieldPanel("conflict"),
        InlinePanel("claim_sources", label="Sources", min_num=0),
        MultiFieldPanel(
            [FieldPanel("verdict"), FieldPanel("verdict_explanation")], heading="Verdict"
        ),
        InlinePanel("relations", label="Related claims"),
        FieldPanel("slug"),
        PublishingPanel(),
    ]

    search_fields = [
        index.SearchField("statement", boost=2),
        index.AutocompleteField("statement"),
        index.SearchField("quote"),
        index.SearchField("verdict_explanation"),
        index.RelatedFields(
            "claimant",
            [index.SearchField("name"), index.SearchField("aliases"), index.FilterField("live")],
        ),
        index.FilterField("verdict"),
        index.FilterField("live"),
        index.FilterField("claimant_id"),
        index.FilterField("conflict_id"),
    ]

    class Meta:
        ordering = ["-made_on", "pk"]

    def __str__(self):
        return self.statement if len(self.statement) <= 80 else self.statement[:79] + "…"

    @property
    def revisions(self):
        return self._revisions

    def clean(self):
        super().clean()
        if self.verdict and not self.verdict_explanation.strip():
            raise ValidationError(
                {"verdict_explanation": "Explain the verdict: say what the sources show."}
            )
        if not self.slug:
            self.slug = unique_slug(self, self.statement)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.statement)
        super().save(*args, **kwargs)

    def publish(self, revision, *args, **kwargs):
        """Refuse to publish a revision that has no source: a claim must show its evidence."""
        if not revision.as_object().claim_sources.all():
            raise ValidationError({"claim_sources": NO_SOURCE_MESSAGE})
        return super().publish(revision, *args, **kwargs)

    def get_absolute_url(self):
        return public_path("conflicts:claim", self.slug)

    def get_preview_template(self, request, mode_name):
        return "conflicts/claim_detail.html"

    def get_preview_context(self, request, mode_name):
        return {"claim": self, "sources": list(self.claim_sources.all()), "relations": []}


class ClaimSource(Orderable):
    """One source of a claim, and what it shows about it."""

    class Shows(models.TextChoices):
        SUPPORTS = "supports", "Supports the claim"
        DISPUTES = "disputes", "Disputes the claim"
        REPORTS = "reports", "Reports the claim was made"

    claim = ParentalKey(Claim, on_delete=models.CASCADE, related_name="claim_sources")
    source = models.ForeignKey("conflicts.Source", on_delete=models.PROTECT, related_name="+")
    shows = models.CharField(
        "what it shows", max_length=20, choices=Shows.choices, default=Shows.REPORTS
    )
    quote = models.TextField(
        "quote or locator",
        blank=True,
        help_text="The passage that shows it, or where to find it (page, timestamp).",
    )

    panels = [FieldPanel("source"), FieldPanel("shows"), FieldPanel("quote")]

    def __str__(self):
        return f"{self.source} ({self.get_shows_display()})"


class ClaimRelation(Orderable):
    """How this claim answers another: it disputes, responds to or confirms it."""

    class Kind(models.TextChoices):
        DISPUTES = "disputes", "Disputes"
        RESPONDS_TO = "responds_to", "Responds to"
        CONFIRMS = "confirms", "Confirms"

    claim = ParentalKey(Claim, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    other = models.ForeignKey(
        Claim,
        on_delete=models.PROTECT,
        related_name="inbound_relations",
        verbose_name="other claim",
    )

    panels = [FieldPanel("kind"), FieldPanel("other")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.other}"

    def clean(self):
        super().clean()
        if self.claim_id and self.other_id == self.claim_id:
            raise ValidationError({"other": "A claim cannot relate to itself: choose another."})
