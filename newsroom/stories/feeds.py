"""RSS 2.0 and Atom feeds of stories: the whole site, a section, a conflict, an actor.

Items carry the dek as their summary, not the full text: partners who want full text use
the API, and a feed reader links through to the page with its context.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from conflicts.models import Actor, ConflictExplainerPage
from newsroom.stories.models import ArticlePage, SectionPage

FEED_SIZE = 30


def live_stories():
    """Live, public stories with what a feed item needs, in a fixed number of queries."""
    return (
        ArticlePage.objects.live_public()
        .order_by("-display_date")
        .prefetch_related("bylines__author", "tags")
    )


class StoryFeed(Feed):
    """The newest stories on the site (RSS 2.0)."""

    title = "The Newsroom: latest stories"
    description = "The newest stories from The Newsroom."

    def link(self, obj=None):
        return "/"

    def items(self, obj=None):
        return live_stories()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Readers render an RSS description and Atom's summary (type="html") as HTML; the dek
        # is plain text, so it goes in as escaped HTML and is shown as the editor typed it.
        return escape(item.dek)

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.display_date

    def item_updateddate(self, item):
        return item.last_published_at or item.display_date

    def item_author_name(self, item):
        return ", ".join(byline.author.name for byline in item.bylines.all()) or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)


class SectionFeed(StoryFeed):
    def get_object(self, request, slug):
        return get_object_or_404(SectionPage.objects.live().public(), slug=slug)

    def title(self, obj):
        return f"The Newsroom: {obj.title}"

    def description(self, obj):
        return escape(obj.intro or f"The newest stories in {obj.title}.")  # read as HTML

    def link(self, obj):
        return obj.get_url(self.request)

    def items(self, obj):
        return live_stories().child_of(obj)[:FEED_SIZE]


class ConflictFeed(StoryFeed):
    def get_object(self, request, slug):
        return get_object_or_404(ConflictExplainerPage.objects.live_public(), slug=slug)

    def title(self, obj):
        return f"The Newsroom: stories on the {obj.title}"

    def description(self, obj):
        return escape(obj.summary)  # RSS readers render a channel description as HTML

    def link(self, obj):
        return obj.get_url(self.request)

    def items(self, obj):
        return live_stories().filter(explainer=obj)[:FEED_SIZE]


class ActorFeed(StoryFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Actor.objects.public(), slug=slug)

    def title(self, obj):
        return f"The Newsroom: stories on {obj.name}"

    def description(self, obj):
        return escape(obj.description or f"Stories that involve {obj.name}.")  # read as HTML

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return live_stories().filter(actor_links__actor=obj).distinct()[:FEED_SIZE]


def atom(feed_class):
    """The Atom 1.0 twin of an RSS feed class."""
    return type(f"Atom{feed_class.__name__}", (feed_class,), {"feed_type": Atom1Feed})
