"""What a host page mixes in to link an explainer, actors and claims and get the sidebar."""

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable, PageManager

from conflicts.models.clusters import RevisionFKsInBulkMixin
from conflicts.models.mentions import TextMentionsMixin
from conflicts.models.querysets import StoryQuerySet


class RelatedContextMixin(RevisionFKsInBulkMixin, TextMentionsMixin, models.Model):
    """Mix into a Page to link it to an explainer, actors and claims and show the sidebar.
    Its revisions load with a fixed number of queries, whatever the number of links.

    The host also declares two Orderable link models, subclasses of ActorLinkBase and
    ClaimLinkBase, each with `page = ParentalKey(<HostPage>, related_name="actor_links")`
    (and "claim_links"). Put `conflicts.panels.related_context_panels` in the page's panels;
    render the sidebar with `{% related_context_sidebar page %}` (conflicts_tags).
    """

    explainer = models.ForeignKey(
        "conflicts.ConflictExplainerPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The conflict this story is about: its card, timeline and other stories "
            "show in the sidebar."
        ),
    )

    context_updated_at = models.DateTimeField(
        _("context updated at"),
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_(
            "When what readers see of this story, or of the context shown with it, last "
            "changed: set when the story goes live, moved by conflicts.context_versions."
        ),
    )

    # The field that dates the story: the sidebar's timeline is centred on it and
    # "more stories" are ordered by it, newest first.
    context_date_field = "first_published_at"

    objects = PageManager.from_queryset(StoryQuerySet)()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """Save, then update Wagtail's reference index once for the page and its links.

        Wagtail re-indexes the whole page each time one of its child rows is saved; a story
        with 50 links was re-indexed 50 times on publish (813 queries, bench/RESULTS.md).
        """
        # Wagtail's signal handlers look up swappable models when imported: not while models
        # are loading, so not at the top of a models module.
        from wagtail.signal_handlers import (
            disable_reference_index_auto_update,
            reference_index_auto_update_disabled,
        )
        from wagtail.tasks import update_reference_index_task

        self.note_going_live()
        if getattr(reference_index_auto_update_disabled, "value", False):
            return super().save(*args, **kwargs)  # the caller indexes (or not) itself
        with disable_reference_index_auto_update():
            result = super().save(*args, **kwargs)
        if not kwargs.get("raw", False):
            update_reference_index_task.enqueue(
                self._meta.app_label, self._meta.model_name, str(self.pk)
            )
        return result

    def note_going_live(self) -> None:
        """A live story's context version is at least when it last went live (a publish
        sets last_published_at to now, later than any context change before it): no query.
        Saving it later with an older value loaded in memory (an unpublish, say) takes it
        off the partner API anyway; going live again sets it afresh."""
        if not self.live:
            return
        went_live = self.last_published_at or self.first_published_at or timezone.now()
        if self.context_updated_at is None or self.context_updated_at < went_live:
            self.context_updated_at = went_live

    def get_context_date(self):
        value = getattr(self, self.context_date_field, None)
        return value or timezone.now()


def story_models() -> list[type]:
    """The host's concrete page models that link context (e.g. ArticlePage)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, RelatedContextMixin) and not model._meta.abstract
    ]


class ActorLinkBase(Orderable):
    """A key actor of a story, in the order editors want them shown."""

    actor = models.ForeignKey("conflicts.Actor", on_delete=models.PROTECT, related_name="+")
    show_in_sidebar = models.BooleanField(
        default=True, help_text=_("Untick to keep the link but hide the actor from the sidebar.")
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
        default=True, help_text=_("Untick to keep the link but hide the claim from the sidebar.")
    )

    panels = [FieldPanel("claim"), FieldPanel("show_in_sidebar")]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return str(self.claim)
