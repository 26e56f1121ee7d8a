"""Conflict explainers: living pages that tell the conflict behind the stories."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from caching.headers import ReaderCacheMixin
from conflicts.blocks import ExplainerBodyBlock
from conflicts.models.clusters import ReadFastClusterableModel
from conflicts.models.mentions import TextMentionsMixin
from conflicts.models.querysets import PublicPageQuerySet

# The columns a timeline entry in the sidebar reads (conflicts/sidebar/cards.py).
TIMELINE_ENTRY_FIELDS = ("page", "sort_order", "date", "date_precision", "title", "description")
ExplainerManager = PageManager.from_queryset(PublicPageQuerySet)


class ConflictIndexPage(ReaderCacheMixin, Page):
    """The list of conflict explainers (e.g. /conflicts/)."""

    intro = models.TextField(blank=True)

    objects = ExplainerManager()

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    # Host sites say where the index may live; None allows it anywhere.
    parent_page_types = getattr(settings, "CONFLICTS_INDEX_PARENT_PAGE_TYPES", None)
    subpage_types = ["conflicts.ConflictExplainerPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["explainers"] = (
            ConflictExplainerPage.objects.child_of(self).live_public().order_by("title")
        )
        return context


class ConflictExplainerPage(ReaderCacheMixin, TextMentionsMixin, Page):
    """A conflict in brief, in depth and in time, kept up to date and reviewed."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        FROZEN = "frozen", _("Frozen")
        ENDED = "ended", _("Ended")

    summary = models.TextField(help_text=_("The conflict in two or three sentences."))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    region = models.CharField(max_length=255, help_text=_('e.g. "South Caucasus".'))
    body = StreamField(ExplainerBodyBlock(), blank=True)
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text=_("When an editor last checked this explainer is current."),
    )
    review_note = models.TextField(
        _("what changed"), blank=True, help_text=_("What changed at the last review.")
    )

    objects = ExplainerManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("region")], heading=_("In brief")),
        InlinePanel("parties", label=_("Parties")),
        InlinePanel("key_facts", label=_("Key facts")),
        FieldPanel("body"),
        InlinePanel("timeline_events", label=_("Timeline")),
        MultiFieldPanel(
            [FieldPanel("last_reviewed"), FieldPanel("review_note")], heading=_("Review")
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("region"),
        index.SearchField("body"),
    ]

    parent_page_types = ["conflicts.ConflictIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("conflict explainer")


class ConflictParty(Orderable):
    """An actor's part in a conflict: belligerent, mediator, peacekeeper ..."""

    page = ParentalKey(ConflictExplainerPage, on_delete=models.CASCADE, related_name="parties")
    actor = models.ForeignKey(
        "conflicts.Actor", on_delete=models.PROTECT, related_name="conflict_parties"
    )
    role = models.CharField(max_length=255, help_text=_('e.g. "Belligerent", "Peacekeeper".'))

    panels = [FieldPanel("actor"), FieldPanel("role")]

    def __str__(self):
        return f"{self.actor}: {self.role}"


class KeyFact(Orderable):
    """A fact a reader needs, with the source that shows it."""

    page = ParentalKey(ConflictExplainerPage, on_delete=models.CASCADE, related_name="key_facts")
    text = models.CharField(max_length=500)
    source = models.ForeignKey(
        "conflicts.Source", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    panels = [FieldPanel("text"), FieldPanel("source")]

    def __str__(self):
        return self.text


class TimelineEvent(ReadFastClusterableModel, Orderable):
    """A dated event in the conflict, as precise as the record allows, with sources and actors."""

    class Precision(models.TextChoices):
        DAY = "day", _("Day")
        MONTH = "month", _("Month")
        YEAR = "year", _("Year")

    page = ParentalKey(
        ConflictExplainerPage, on_delete=models.CASCADE, related_name="timeline_events"
    )
    date = models.DateField(
        help_text=_("For a month or a year, any day in it; the precision says what to show.")
    )
    date_precision = models.CharField(max_length=5, choices=Precision.choices, default="day")
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    sources = ParentalManyToManyField("conflicts.Source", blank=True, related_name="+")
    actors = ParentalManyToManyField("conflicts.Actor", blank=True, related_name="timeline_events")

    panels = [
        FieldPanel("date"),
        FieldPanel("date_precision"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("sources"),
        FieldPanel("actors"),
    ]

    class Meta(Orderable.Meta):
        ordering = ["date", "sort_order"]

    def __str__(self):
        return f"{self.display_date}: {self.title}"

    @property
    def display_date(self) -> str:
        formats = {"day": "%-d %B %Y", "month": "%B %Y", "year": "%Y"}
        return self.date.strftime(formats[self.date_precision])
