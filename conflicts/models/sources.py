"""Sources: the documents that show what was said or what happened."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import RevisionMixin
from wagtail.search import index

from conflicts.models.clusters import ReadFastClusterableModel
from conflicts.validators import HttpURLField, article_url_validator

# The columns a source reference on a claim card reads (conflicts/sidebar/cards.py).
SOURCE_REF_FIELDS = ("title", "publisher", "url", "archive_url", "published_on", "kind")


class Source(RevisionMixin, index.Indexed, ReadFastClusterableModel):
    """A document that shows something: a statement, a briefing, a report, a post.

    Clusterable so that its titles in other languages (SourceTranslation, child rows) are
    kept in its revisions and edited in its form."""

    class Kind(models.TextChoices):
        OFFICIAL_STATEMENT = "official_statement", _("Official statement")
        BRIEFING = "briefing", _("Briefing")
        NEWS_REPORT = "news_report", _("News report")
        DOCUMENT = "document", _("Document")
        SOCIAL_POST = "social_post", _("Social media post")
        INTERVIEW = "interview", _("Interview")

    title = models.CharField(max_length=500)
    publisher = models.CharField(max_length=255, help_text=_("Who published it, e.g. TASS."))
    # NULL, not "", when the article's address is not known: a unique column holds any
    # number of NULLs but only one "". Readers are told no address is recorded.
    url = HttpURLField(  # noqa: DJ001
        _("web address"),
        max_length=1000,
        unique=True,
        null=True,
        blank=True,
        validators=[article_url_validator],
        error_messages={"unique": _("A source with this web address already exists: choose it.")},
        help_text=_(
            "The article's own address. Leave it blank if it is not known: never a "
            "publisher's home page."
        ),
    )
    published_on = models.DateField(_("date published"), null=True, blank=True)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    archive_url = HttpURLField(
        _("archived copy"),
        max_length=1000,
        blank=True,
        help_text=_("A copy in a web archive, in case the original disappears."),
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="source")

    panels = [
        FieldPanel("title"),
        FieldPanel("publisher"),
        FieldPanel("url"),
        FieldPanel("published_on"),
        FieldPanel("kind"),
        FieldPanel("archive_url"),
        InlinePanel("translations", label=_("Translations")),
    ]

    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("publisher"),
        index.AutocompleteField("publisher"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["-published_on", "title"]
        constraints = [
            # Without a web address, the publisher and title are how a source is told apart
            # (and how the portable format names it: "publisher: title").
            models.UniqueConstraint(
                fields=["publisher", "title"],
                condition=models.Q(url__isnull=True),
                name="conflicts_source_unique_unaddressed",
                violation_error_message=_(
                    "A source with this publisher and title and no web address already "
                    "exists: choose it."
                ),
            )
        ]

    def __str__(self):
        return f"{self.publisher}: {self.title}"

    @property
    def reference(self) -> str:
        """How the portable format names it: its web address, or "publisher: title" when
        no address is recorded."""
        return self.url or f"{self.publisher}: {self.title}"

    @property
    def revisions(self):
        return self._revisions
