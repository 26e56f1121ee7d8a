"""RSS 2.0 and Atom feeds of stories: the whole site, a section, a conflict, an actor.

Items carry the dek as their summary, not the full text: partners who want full text use
the API, and a feed reader links through to the page with its context.

The corrections feed lists, newest first, the corrections and updates of live public stories
and the verdict changes of public claims, each linking to the story or the claim's page.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext, gettext_lazy

from conflicts.models import Actor, ConflictExplainerPage, VerdictChange
from newsroom.stories.corrections import corrections_html, public_corrections
from newsroom.stories.models import ArticleCorrection, ArticlePage, SectionPage

FEED_SIZE = 30


def live_stories():
    """Live, public stories in the reader's language (the feed's address: /ru/feeds/... lists
    Russian stories), with what a feed item needs, in a fixed number of queries."""
    return (
        ArticlePage.objects.live_public()
        .filter(locale__language_code=translation.get_language())
        .order_by("-display_date")
        .prefetch_related("bylines__author", "tags")
    )


class RequestFeedMixin:
    """Keeps the request for items' addresses. The channel's language element (RSS
    <language>, Atom xml:lang) is Django's default: the active language, the feed's."""

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)


class StoryFeed(RequestFeedMixin, Feed):
    """The newest stories on the site in the feed's language (RSS 2.0)."""

    title = gettext_lazy("The Newsroom: latest stories")
    description = gettext_lazy("The newest stories from The Newsroom.")

    def link(self, obj=None):
        return home_address()

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


def in_language(queryset):
    """The pages of queryset in the reader's language (a slug may be the same in several)."""
    return queryset.filter(locale__language_code=translation.get_language())


def home_address() -> str:
    """The front page in the reader's language ("/", "/ru/")."""
    return reverse("wagtail_serve", args=[""])


class SectionFeed(StoryFeed):
    def get_object(self, request, slug):
        return get_object_or_404(in_language(SectionPage.objects.live().public()), slug=slug)

    def title(self, obj):
        return gettext("The Newsroom: %(section)s") % {"section": obj.title}

    def description(self, obj):
        default = gettext("The newest stories in %(section)s.") % {"section": obj.title}
        return escape(obj.intro or default)  # read as HTML

    def link(self, obj):
        return obj.get_url(self.request)

    def items(self, obj):
        return live_stories().child_of(obj)[:FEED_SIZE]


class ConflictFeed(StoryFeed):
    def get_object(self, request, slug):
        explainers = ConflictExplainerPage.objects.live_public()
        # The explainer in the feed's language, else the one with this slug in any (stories
        # in every language may link an English explainer).
        found = in_language(explainers).filter(slug=slug).first()
        return found or get_object_or_404(explainers.order_by("path"), slug=slug)

    def title(self, obj):
        return gettext("The Newsroom: stories on the %(conflict)s") % {"conflict": obj.title}

    def description(self, obj):
        return escape(obj.summary)  # RSS readers render a channel description as HTML

    def link(self, obj):
        return obj.get_url(self.request)

    def items(self, obj):
        same_conflict = [obj.pk, *obj.get_translations().values_list("pk", flat=True)]
        return live_stories().filter(explainer__in=same_conflict)[:FEED_SIZE]


class ActorFeed(StoryFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Actor.objects.public(), slug=slug)

    def title(self, obj):
        return gettext("The Newsroom: stories on %(actor)s") % {"actor": obj.name}

    def description(self, obj):
        default = gettext("Stories that involve %(actor)s.") % {"actor": obj.name}
        return escape(obj.description or default)  # read as HTML

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return live_stories().filter(actor_links__actor=obj).distinct()[:FEED_SIZE]


def corrections_and_verdict_changes(limit: int) -> list:
    """The newest `limit` public corrections and verdict changes, newest first, in a fixed
    number of queries; each correction with its text as readers see it (`text_html`)."""
    language = translation.get_language()
    corrections = list(public_corrections().filter(page__locale__language_code=language)[:limit])
    for correction, html in zip(corrections, corrections_html(corrections), strict=True):
        correction.text_html = html
    changes = VerdictChange.objects.public().select_related("claim")[:limit]
    merged = sorted([*corrections, *changes], key=notice_date, reverse=True)
    return merged[:limit]


def notice_date(notice):
    return notice.date if isinstance(notice, ArticleCorrection) else notice.changed_at


class CorrectionsFeed(RequestFeedMixin, Feed):
    """Corrections and updates to stories in the feed's language, and changes of claims'
    verdicts (in every language's feed: a verdict is the same in all), RSS 2.0."""

    title = gettext_lazy("The Newsroom: corrections and verdict changes")
    description = gettext_lazy(
        "Corrections and updates to our stories, and claims whose verdict changed."
    )

    def link(self):
        return home_address()

    def items(self):
        return corrections_and_verdict_changes(FEED_SIZE)

    def item_title(self, item):
        if isinstance(item, ArticleCorrection):
            return f"{item.get_kind_display()}: {item.page.title}"
        return gettext("Verdict changed: %(claim)s") % {"claim": item.claim}

    def item_description(self, item):
        if isinstance(item, ArticleCorrection):
            return item.text_html  # rich text, expanded: HTML as the story shows it
        before = item.get_old_verdict_display() or gettext("no verdict")
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


def atom(feed_class):
    """The Atom 1.0 twin of an RSS feed class."""
    return type(f"Atom{feed_class.__name__}", (feed_class,), {"feed_type": Atom1Feed})
