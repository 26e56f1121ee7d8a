"""What a host page mixes in to link an explainer, actors and claims and get the sidebar."""

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from conflicts.models.clusters import RevisionFKsInBulkMixin
from conflicts.panels import ActorSuggestionsPanel, FactCheckPanel


class TextMentionsMixin:
    """Mix into a Page whose rich text may mention actors and claims (conflicts/richtext.py):
    serving it fetches every mention in one query per kind, whatever the number of blocks."""

    # Rich-text or StreamField fields that may hold mentions.
    context_text_fields = ("body",)

    def get_mentioned_ids(self) -> dict[str, list[int]]:
        """Actors and claims mentioned in the page's text, in order of first mention."""
        from conflicts.richtext import mentioned_ids

        return mentioned_ids(*(getattr(self, name, "") for name in self.context_text_fields))

    def serve(self, request, *args, **kwargs):
        from conflicts.richtext import mentions_prefetched

        with mentions_prefetched(*(getattr(self, f, "") for f in self.context_text_fields)):
            response = super().serve(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
        return response


class RelatedContextMixin(RevisionFKsInBulkMixin, TextMentionsMixin, models.Model):
    """Mix into a Page to link it to an explainer, actors and claims and show the sidebar.
    Its revisions load with a fixed number of queries, whatever the number of links.

    The host also declares two Orderable link models, subclasses of ActorLinkBase and
    ClaimLinkBase, each with `page = ParentalKey(<HostPage>, related_name="actor_links")`
    (and "claim_links"). Put `related_context_panels` in the page's panels.
    """

    explainer = models.ForeignKey(
        "conflicts.ConflictExplainerPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The conflict this story is about: its card, timeline and other stories "
        "show in the sidebar.",
    )

    # The field that dates the story: the sidebar's timeline is centred on it and
    # "more stories" are ordered by it, newest first.
    context_date_field = "first_published_at"

    related_context_panels = [
        MultiFieldPanel(
            [
                FieldPanel("explainer"),
                InlinePanel("actor_links", label="Key actor"),
                ActorSuggestionsPanel(heading="Named in the story but not linked"),
                InlinePanel("claim_links", label="Claim"),
                FactCheckPanel(heading="Fact check"),
            ],
            heading="Related context",
        )
    ]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """Save, then update Wagtail's reference index once for the page and its links.

        Wagtail re-indexes the whole page each time one of its child rows is saved; a story
        with 50 links was re-indexed 50 times on publish (813 queries, bench/RESULTS.md).
        """
        from wagtail.signal_handlers import (
            disable_reference_index_auto_update,
            reference_index_auto_update_disabled,
        )
        from wagtail.tasks import update_reference_index_task

        if getattr(reference_index_auto_update_disabled, "value", False):
            return super().save(*args, **kwargs)  # the caller indexes (or not) itself
        with disable_reference_index_auto_update():
            result = super().save(*args, **kwargs)
        if not kwargs.get("raw", False):
            update_reference_index_task.enqueue(
                self._meta.app_label, self._meta.model_name, str(self.pk)
            )
        return result

    def get_context_date(self):
        value = getattr(self, self.context_date_field, None)
        return value or timezone.now()

    def get_related_context(self, request=None):
        """The sidebar's data (cached when CONFLICTS_SIDEBAR_CACHE_SECONDS is on)."""
        from conflicts.sidebar_cache import cached_related_context

        return cached_related_context(self, request)


class ActorLinkBase(Orderable):
    """A key actor of a story, in the order editors want them shown."""

    actor = models.ForeignKey("conflicts.Actor", on_delete=models.PROTECT, related_name="+")
    show_in_sidebar = models.BooleanField(
        default=True, help_text="Untick to keep the link but hide the actor from the sidebar."
    )

    panels = [FieldPanel("actor"), FieldPanel("show_in_sidebar")]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return str(self.actor)


class ClaimLinkBase(Orderable):
    """A claim made in or about a story, in the order editors want them shown."""

    claim = models.ForeignKey("conflicts.Claim", on_delete=models.PROTECT, related_name="+")
    show_in_sidebar = models.BooleanField(
        default=True, help_text="Untick to keep the link but hide the claim from the sidebar."
    )

    panels = [FieldPanel("claim"), FieldPanel("show_in_sidebar")]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return str(self.claim)
