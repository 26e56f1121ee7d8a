"""The test host's pages: a home, a section, and a story that links the plugin's context,
as README's "Adding the sidebar to any page" says a host does."""

from django.db import models
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from caching.headers import ReaderCacheMixin
from conflicts.models import ActorLinkBase, ClaimLinkBase, RelatedContextMixin
from conflicts.panels import related_context_panels
from tests.conflicts.host.blocks import StoryBodyBlock


class HomePage(Page):
    """The site's root page: its sections and the conflict index hang below it."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["conflicts_testhost.SectionPage", "conflicts.ConflictIndexPage"]
    max_count = 1


class SectionPage(Page):
    """A section of stories (News)."""

    parent_page_types = ["conflicts_testhost.HomePage"]
    subpage_types = ["conflicts_testhost.StoryPage"]


class StoryTag(TaggedItemBase):
    content_object = ParentalKey(
        "conflicts_testhost.StoryPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class StoryPage(ReaderCacheMixin, RelatedContextMixin, Page):
    """A story that links an explainer, actors and claims and shows the sidebar."""

    display_date = models.DateTimeField(
        default=timezone.now, help_text="Dates the story on the conflict's timeline."
    )
    body = StreamField(StoryBodyBlock(), blank=True)
    tags = ClusterTaggableManager(through=StoryTag, blank=True)

    context_date_field = "display_date"

    content_panels = [
        *Page.content_panels,
        FieldPanel("display_date"),
        FieldPanel("body"),
        FieldPanel("tags"),
        *related_context_panels,
    ]
    parent_page_types = ["conflicts_testhost.SectionPage"]
    subpage_types = []

    class Meta:
        indexes = [
            # The newest stories on a conflict read this index (test_explainer_stories_index).
            models.Index(fields=["explainer", "-display_date"], name="story_conflict_newest"),
        ]


class StoryActorLink(ActorLinkBase):
    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="actor_links")


class StoryClaimLink(ClaimLinkBase):
    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="claim_links")
