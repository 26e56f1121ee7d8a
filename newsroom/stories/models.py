"""The host site's pages and people: home, sections, articles and authors."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from caching.headers import ReaderCacheMixin
from conflicts.models import ActorLinkBase, ClaimLinkBase, RelatedContextMixin
from conflicts.panels import related_context_panels
from conflicts.validators import HttpURLField, is_home_page, safe_rich_text_validator
from newsroom.stories.blocks import StoryBlock
from newsroom.stories.images import social_image
from newsroom.stories.pagination import count_for_purge, numbered_pages_to_purge, page_or_404
from newsroom.stories.routing import route_by_address
from newsroom.stories.story_parts import story_parts
from newsroom.stories.structured_data import article_jsonld, page_breadcrumbs
from newsroom.stories.widgets import CommaSplittingTagWidget, HeadlineWidget


class Author(index.Indexed, models.Model):
    """A person who writes for the newsroom; shown in bylines."""

    name = models.CharField(max_length=255)
    slug = models.SlugField(max_length=80, unique=True)
    role = models.CharField(max_length=255, blank=True, help_text='e.g. "Reporter".')
    bio = models.TextField(blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("image"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class HomePage(ReaderCacheMixin, Page):
    """The front page: the latest stories from every section."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["newsroom.SectionPage", "conflicts.ConflictIndexPage"]
    max_count = 1

    def route(self, request, path_components):
        """Stories in one query, other pages in two, by address (newsroom/stories/routing.py)."""
        found = route_by_address(self, ArticlePage, path_components)
        return found or super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest"] = (
            ArticlePage.objects.live_public().descendant_of(self).order_by("-display_date")[:12]
        )
        return context


class SectionPage(ReaderCacheMixin, Page):
    """A section of the newsroom (News, Analysis ...) and its stories, newest first."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["newsroom.HomePage"]
    subpage_types = ["newsroom.ArticlePage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories = ArticlePage.objects.child_of(self).live_public().order_by("-display_date")
        context["stories"] = page_or_404(stories, request.GET.get("page"))
        return context

    def get_cached_paths(self):
        """The section and its first numbered pages: a new story shifts them all."""
        count = count_for_purge(ArticlePage.objects.child_of(self).live_public())
        return ["/", *(f"/?page={number}" for number in numbered_pages_to_purge(count))]


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(ReaderCacheMixin, RelatedContextMixin, Page):
    """A story, with its byline, body, syndication and the context it links to."""

    dek = models.TextField(help_text="The line under the headline that says why it matters.")
    display_date = models.DateTimeField(
        "publication date",
        default=timezone.now,
        help_text="The date readers see. It also dates the story on the conflict's timeline.",
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lead_image_caption = models.CharField(max_length=500, blank=True)
    lead_image_credit = models.CharField(max_length=255, blank=True)
    body = StreamField(StoryBlock())
    tags = ClusterTaggableManager(through=ArticleTag, blank=True)
    original_publisher = models.CharField(
        max_length=255,
        blank=True,
        help_text='For a story that appeared first elsewhere, e.g. "CIVILNET".',
    )
    original_url = HttpURLField(
        "original web address",
        max_length=1000,
        blank=True,
        help_text="Where the story first appeared.",
    )

    context_date_field = "display_date"

    content_panels = [
        TitleFieldPanel(
            "title",
            heading="Headline",
            placeholder="Headline",
            widget=HeadlineWidget,
            help_text="The headline readers see. The box grows as you type; it stays one line.",
        ),
        FieldPanel("dek"),
        InlinePanel("bylines", label="Byline", min_num=1),
        FieldPanel("display_date"),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_caption"),
                FieldPanel("lead_image_credit"),
            ],
            heading="Lead image",
        ),
        FieldPanel("body"),
        FieldPanel("tags", widget=CommaSplittingTagWidget),
        *related_context_panels,
        MultiFieldPanel(
            [FieldPanel("original_publisher"), FieldPanel("original_url")],
            heading="Syndication",
        ),
        InlinePanel("corrections", label="Correction or update"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("dek", boost=2),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("display_date"),
    ]

    parent_page_types = ["newsroom.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = "article"
        indexes = [
            # The newest stories on a conflict (explainer pages, sidebars, purges) read
            # this index and stop at their limit instead of sorting every story.
            models.Index(fields=["explainer", "-display_date"], name="article_conflict_newest"),
            # The newest stories of all (the partner API's list, feeds, the home page) walk
            # this index instead of sorting every story (25 ms -> 1 ms at 10,000 stories).
            models.Index(fields=["-display_date", "-page_ptr"], name="article_newest"),
        ]

    @property
    def section(self):
        return self.get_parent().specific

    @cached_property
    def pages_to_root(self) -> list[Page]:
        """This story and the pages above it, root first, in one query: each page says whether
        a view restriction is set on it (`restricted`), for breadcrumbs and the check below."""
        restricted = Exists(PageViewRestriction.objects.filter(page=OuterRef("pk")))
        return list(Page.objects.ancestor_of(self, inclusive=True).annotate(restricted=restricted))

    @property
    def ancestor_pages(self) -> list[Page]:
        """The pages above this story, root first."""
        return [page for page in self.pages_to_root if page.pk != self.pk]

    def get_view_restrictions(self):
        """Wagtail's check of this page and those above it, on the pages already read: no
        query at all where none of them is restricted or an alias (nearly every story)."""
        read = self.pages_to_root
        if not self.alias_of_id and not any(page.restricted or page.alias_of_id for page in read):
            return PageViewRestriction.objects.none()
        ids = set()
        for page in [self, *self.ancestor_pages]:
            while page.alias_of_id:  # an alias takes its original's restrictions
                page = page.alias_of
            ids.add(page.id)
        return PageViewRestriction.objects.filter(page_id__in=ids)

    @property
    def original_article_url(self) -> str:
        """The original story's address for canonical links and JSON-LD: original_url, but
        never a publisher's home page (one saved before clean() refused it)."""
        return "" if is_home_page(self.original_url) else self.original_url

    def clean(self):
        super().clean()
        if self.original_url and not self.original_publisher:
            raise ValidationError(
                {"original_publisher": "Name the original publisher of a syndicated story."}
            )
        if self.original_url and is_home_page(self.original_url):
            # It would become the canonical address: search engines would fold us into it.
            raise ValidationError(
                {
                    "original_url": "That is the publisher's home page: enter the story's own "
                    "address there, or leave it blank if it is not known."
                }
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        parts = story_parts(self, request)
        context["bylines"] = parts.bylines
        context["corrections"] = parts.corrections
        context["tags"] = parts.tags
        context["lead_image"] = parts.lead_image
        url_parts = self.get_url_parts(request)  # the site's address, as canonical links use
        root_url = (url_parts and url_parts[1]) or request.build_absolute_uri("/")
        context["social_image"] = social_image(parts.lead_image, root_url)
        context["structured_data"] = [
            article_jsonld(self, parts, request, context["social_image"]),
            page_breadcrumbs(self, self.ancestor_pages, request),
        ]
        return context


class ArticleByline(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")

    panels = [FieldPanel("author")]


class ArticleActorLink(ActorLinkBase):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="actor_links")


class ArticleClaimLink(ClaimLinkBase):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="claim_links")


class ArticleCorrection(Orderable):
    """A correction or update, dated and shown to readers."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    date = models.DateTimeField(default=timezone.now)
    text = RichTextField(features=["bold", "italic", "link"], validators=[safe_rich_text_validator])

    panels = [FieldPanel("kind"), FieldPanel("date"), FieldPanel("text")]
