"""Claims: statements actors made on the record, with the sources that show them."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PublishingPanel
from wagtail.models import DraftStateMixin, Orderable, PreviewableMixin, RevisionMixin
from wagtail.search import index

from conflicts.forms import NO_SOURCE_MESSAGE, ClaimForm
from conflicts.models.clusters import ReadFastClusterableModel
from conflicts.models.querysets import card_columns
from conflicts.models.sources import SOURCE_REF_FIELDS
from conflicts.paths import public_path
from conflicts.slugs import unique_slug

# The columns a claim's card reads (conflicts/sidebar/cards.py), its claimant's card aside.
CLAIM_CARD_FIELDS = (
    *("live", "statement", "slug", "quote", "made_on"),
    *("verdict", "verdict_explanation", "claimant"),
)


class ClaimQuerySet(models.QuerySet):
    def public(self):
        """Claims readers may see: published, by a published claimant."""
        return self.filter(live=True, claimant__live=True)

    def with_sources(self):
        """Each claim's sources in editor order, with their documents, in one more query."""
        return self.prefetch_related(
            Prefetch("claim_sources", queryset=ClaimSource.objects.for_cards())
        )

    def for_cards(self):
        """With what a claim card shows: the claimant and the sources."""
        return self.select_related("claimant").with_sources()

    def for_fact_check(self):
        """With `source_count`, in a stable order: what the fact-check rules read."""
        return self.annotate(source_count=Count("claim_sources")).order_by("pk")


class ClaimSourceQuerySet(models.QuerySet):
    def for_cards(self):
        """With the source's columns a card shows (select_related), in editor order."""
        return self.select_related("source").only(
            "claim", "source", "shows", "quote", *card_columns("source", SOURCE_REF_FIELDS)
        )


class Verdict(models.TextChoices):
    """The fixed vocabulary of findings. "Reported" means on the record, with no finding."""

    REPORTED = "reported", _("Reported")
    CONFIRMED = "confirmed", _("Confirmed")
    DISPUTED = "disputed", _("Disputed")
    MISLEADING = "misleading", _("Misleading")
    FALSE = "false", _("False")
    UNPROVEN = "unproven", _("Unproven")


class Claim(
    DraftStateMixin, RevisionMixin, PreviewableMixin, index.Indexed, ReadFastClusterableModel
):
    """A statement an actor made on the record, with the sources that show it."""

    reserved_slugs = frozenset({"verdicts"})  # /claims/verdicts/ is the methodology page

    statement = models.TextField(help_text=_("What was claimed, in neutral words."))
    quote = models.TextField(
        _("verbatim quote"),
        blank=True,
        help_text=_("The claimant's exact words, if on the record."),
    )
    slug = models.SlugField(
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Used in the claim's web address. Left blank, it is made from the statement."),
    )
    claimant = models.ForeignKey(
        "conflicts.Actor",
        on_delete=models.PROTECT,
        related_name="claims",
        help_text=_("Who made the claim."),
    )
    made_on = models.DateField(_("date made"), help_text=_("When the claim was made."))
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
        help_text=_("Leave blank until the claim has been checked."),
    )
    verdict_explanation = models.TextField(
        blank=True, help_text=_("Why this verdict: what the sources show.")
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="claim")

    objects = ClaimQuerySet.as_manager()

    base_form_class = ClaimForm

    panels = [
        FieldPanel("statement"),
        FieldPanel("quote"),
        FieldPanel("claimant"),
        FieldPanel("made_on"),
        FieldPanel("conflict"),
        InlinePanel("claim_sources", label=_("Sources"), min_num=0),
        MultiFieldPanel(
            [FieldPanel("verdict"), FieldPanel("verdict_explanation")], heading=_("Verdict")
        ),
        InlinePanel("relations", label=_("Related claims")),
        InlinePanel("translations", label=_("Translations")),
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
                {"verdict_explanation": _("Explain the verdict: say what the sources show.")}
            )
        if not self.slug:
            self.slug = unique_slug(self, self.statement)
        elif self.slug in self.reserved_slugs:
            raise ValidationError(
                {
                    "slug": _("“%(slug)s” is the address of a page of its own: choose another.")
                    % {"slug": self.slug}
                }
            )

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
        SUPPORTS = "supports", _("Supports the claim")
        DISPUTES = "disputes", _("Disputes the claim")
        REPORTS = "reports", _("Reports the claim was made")

    claim = ParentalKey(Claim, on_delete=models.CASCADE, related_name="claim_sources")
    source = models.ForeignKey("conflicts.Source", on_delete=models.PROTECT, related_name="+")

    objects = ClaimSourceQuerySet.as_manager()
    shows = models.CharField(
        _("what it shows"), max_length=20, choices=Shows.choices, default=Shows.REPORTS
    )
    quote = models.TextField(
        _("quote or locator"),
        blank=True,
        help_text=_("The passage that shows it, or where to find it (page, timestamp)."),
    )

    panels = [FieldPanel("source"), FieldPanel("shows"), FieldPanel("quote")]

    def __str__(self):
        return f"{self.source} ({self.get_shows_display()})"


class ClaimRelation(Orderable):
    """How this claim answers another: it disputes, responds to or confirms it."""

    class Kind(models.TextChoices):
        DISPUTES = "disputes", _("Disputes")
        RESPONDS_TO = "responds_to", _("Responds to")
        CONFIRMS = "confirms", _("Confirms")

    claim = ParentalKey(Claim, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    other = models.ForeignKey(
        Claim,
        on_delete=models.PROTECT,
        related_name="inbound_relations",
        verbose_name=_("other claim"),
    )

    panels = [FieldPanel("kind"), FieldPanel("other")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.other}"

    def clean(self):
        super().clean()
        if self.claim_id and self.other_id == self.claim_id:
            raise ValidationError({"other": _("A claim cannot relate to itself: choose another.")})
