"""Conflict explainers: living pages that tell the conflict behind the stories."""

from django.conf import settings
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from conflicts.blocks import ExplainerBodyBlock
from conflicts.caching import ReaderCacheMixin
from conflicts.models.clusters import ReadFastClusterableModel
from conflicts.models.related import TextMentionsMixin


class ConflictIndexPage(ReaderCacheMixin, Page):
    """The list of conflict explainers (e.g. /conflicts/)."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    # Host sites say where the index may live; None allows it anywhere.
    parent_page_types = getattr(settings, "CONFLICTS_INDEX_PARENT_PAGE_TYPES", None)
    subpage_types = ["conflicts.ConflictExplainerPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["explainers"] = (
            ConflictExplainerPage.objects.child_of(self).live().public().order_by("title")
        )
        return context


class ConflictExplainerPage(ReaderCacheMixin, TextMentionsMixin, Page):
    """A conflict in brief, in depth and in time, kept up to date and reviewed."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        FROZEN = "frozen", "Frozen"
        ENDED = "ended", "Ended"

    summary = models.TextField(help_text="The conflict in two or three sentences.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    region = models.CharField(max_length=255, help_text='e.g. "South Caucasus".')
    body = StreamField(ExplainerBodyBlock(), blank=True)
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When an editor last checked this explainer is current."
    )
    review_note = models.TextField(
        "what changed", blank=True, help_text="What changed at the last review."
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("region")], heading="In brief"),
        InlinePanel("parties", label="Parties"),
        InlinePanel("key_facts", label="Key facts"),
        FieldPanel("body"),
        InlinePanel("timeline_events", label="Timeline"),
        MultiFieldPanel([FieldPanel("last_reviewed"), FieldPanel("review_note")], heading="Review"),
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
        verbose_name = "conflict explainer"


class ConflictParty(Orderable):
    """An actor's part in a conflict: belligerent, mediator, peacekeeper ..."""

    page = ParentalKey(ConflictExplainerPage, on_delete=models.CASCADE, related_name="parties")
    actor = models.ForeignKey(
        "conflicts.Actor", on_delete=models.PROTECT, related_name="conflict_parties"
    )
    role = models.CharField(max_length=255, help_text='e.g. "Belligerent", "Peacekeeper".')

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
        DAY = "day", "Day"
        MONTH = "month", "Month"
        YEAR = "year", "Year"

    page = ParentalKey(
        ConflictExplainerPage, on_delete=models.CASCADE, related_name="timeline_events"
    )
    date = models.DateField(
        help_text="For a month or a year, any day in it; the precision says what to show."
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
