"""Conflict explainers: living pages that tell the conflict behind the stories."""

import calendar

from django.conf import settings
from django.db import models
from django.utils import dateformat
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
from conflicts.naming_panel import NamingPolicyPanel

# The columns a timeline entry in the sidebar reads (conflicts/sidebar/cards.py).
TIMELINE_ENTRY_FIELDS = (
    "page",
    "sort_order",
    "date",
    "date_precision",
    "period_end",
    "title",
    "description",
)
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
        NamingPolicyPanel(heading=_("Naming policy")),
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


def timeline_period_end(date, precision: str):
    """The last day of the day, month or year that date stands for at precision."""
    if date is None:
        return None
    if precision == "year":
        return date.replace(month=12, day=31)
    if precision == "month":
        return date.replace(day=calendar.monthrange(date.year, date.month)[1])
    return date


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
    # Kept by save(): a month or a year sorts after the days inside it ("One-day offensive,
    # 19 September 2023" before "Exodus, September 2023"), not as its first day.
    period_end = models.DateField(
        _("end of the period"),
        editable=False,
        null=True,
        help_text=_("The last day of the date at its precision: what the timeline sorts by."),
    )
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    sources = ParentalManyToManyField("conflicts.Source", blank=True, related_name="+")
    sources_note = models.CharField(
        _("what the sources show"),
        max_length=500,
        blank=True,
        help_text=_(
            "What the sources show of this event, in their words where you can, and what "
            'they do not (e.g. "gives the month, not the day"). Readers see it beside them.'
        ),
    )
    actors = ParentalManyToManyField("conflicts.Actor", blank=True, related_name="timeline_events")

    panels = [
        FieldPanel("date"),
        FieldPanel("date_precision"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("sources"),
        FieldPanel("sources_note"),
        FieldPanel("actors"),
    ]

    class Meta(Orderable.Meta):
        # "day" < "month" < "year": a day, then the month ending that day, then the year.
        ordering = ["period_end", "date_precision", "sort_order"]

    def __str__(self):
        return f"{self.display_date}: {self.title}"

    def save(self, *args, **kwargs):
        self.period_end = timeline_period_end(self.date, self.date_precision)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"date", "date_precision"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "period_end"}
        super().save(*args, **kwargs)

    @property
    def display_date(self) -> str:
        """The date as precise as it is known, in the active language ("19 сентября 2023"):
        a day takes the month's form used in dates (Django's E), a month alone its name."""
        formats = {"day": "j E Y", "month": "F Y", "year": "Y"}
        return dateformat.format(self.date, formats[self.date_precision])
