"""RSS 2.0 and Atom feeds of stories: the whole site, a section, a conflict, an actor.

Items carry the dek as their summary, not the full text: partners who want full text use
the API, and a feed reader links through to the page with its context.

The corrections feed lists, newest first, the corrections and updates of live public stories
and the verdict changes of public claims, each linking to the story or the claim's page.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from conflicts.models import Actor, ConflictExplainerPage, VerdictChange
from newsroom.stories.corrections import corrections_html, public_corrections
from newsroom.stories.models import ArticleCorrection, ArticlePage, SectionPage

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


def corrections_and_verdict_changes(limit: int) -> list:
    """The newest `limit` public corrections and verdict changes, newest first, in a fixed
    number of queries; each correction with its text as readers see it (`text_html`)."""
    corrections = list(public_corrections()[:limit])
    for correction, html in zip(corrections, corrections_html(corrections), strict=True):
        correction.text_html = html
    changes = VerdictChange.objects.public().select_related("claim")[:limit]
    merged = sorted([*corrections, *changes], key=notice_date, reverse=True)
    return merged[:limit]


def notice_date(notice):
    return notice.date if isinstance(notice, ArticleCorrection) else notice.changed_at


class CorrectionsFeed(Feed):
    """Corrections and updates to stories, and changes of claims' verdicts (RSS 2.0)."""

    title = "The Newsroom: corrections and verdict changes"
    description = "Corrections and updates to our stories, and claims whose verdict changed."

    def link(self):
        return "/"

    def items(self):
        return corrections_and_verdict_changes(FEED_SIZE)

    def item_title(self, item):
        if isinstance(item, ArticleCorrection):
            return f"{item.get_kind_display()}: {item.page.title}"
        return f"Verdict changed: {item.claim}"

    def item_description(self, item):
        if isinstance(item, ArticleCorrection):
            return item.text_html  # rich text, expanded: HTML as the story shows it
        before = item.get_old_verdict_display() or "no verdict"
        return escape(
            f"{before} → {item.get_new_verdict_display()}. {item.explanation}"
        )  # plain text, read as HTML

    def item_link(self, item):
        if isinstance(item, ArticleCorrection):
            return item.page.get_url(self.request)
        return item.claim.get_absolute_url()

    def item_guid(self, item):
        """Stable across republishing: a correction's id may change, its story and date not."""
        link = self.request.build_absolute_uri(self.item_link(item))
        if isinstance(item, ArticleCorrection):
            return f"{link}#correction-{item.date:%Y%m%dT%H%M%S.%f}"
        return f"{link}#verdict-change-{item.pk}"

    def item_pubdate(self, item):
        return notice_date(item)

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)


def atom(feed_class):
    """The Atom 1.0 twin of an RSS feed class."""
    return type(f"Atom{feed_class.__name__}", (feed_class,), {"feed_type": Atom1Feed})
