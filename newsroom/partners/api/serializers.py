"""How articles look to partners: everything the reader sees, only what is public."""

from django.utils.functional import cached_property
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers
from wagtail.rich_text import expand_db_html

from apikit.fields import FIELDS, ChosenFieldsMixin
from conflicts.api.serializers import RelatedContextSerializer
from conflicts.sidebar import sidebar_for, sidebars_for
from newsroom.partners.api.article_cache import cached_articles
from newsroom.partners.api.articles import with_what_lists_show
from newsroom.partners.api.body import BODY_BLOCK, image_data, story_body
from newsroom.partners.models import Withdrawal
from newsroom.stories.models import ArticlePage, Author, SectionPage


class AuthorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Author
        fields = ["id", "slug", "name", "role"]


class SectionSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = SectionPage
        fields = ["id", "slug", "title", "url"]

    def get_url(self, page) -> str:
        return page.get_full_url(self.context.get("request")) or ""


class ImageSerializer(serializers.Serializer):
    url = serializers.URLField(help_text="The original image file.")
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    alt = serializers.CharField()
    caption = serializers.CharField()
    credit = serializers.CharField()


class CompactContextSerializer(serializers.Serializer):
    """What the story links to, by id and slug; the article's detail has the full context."""

    explainer = inline_serializer(
        "ContextExplainer",
        {
            "id": serializers.IntegerField(),
            "slug": serializers.CharField(),
            "title": serializers.CharField(),
        },
        allow_null=True,
    )
    actors = inline_serializer(
        "ContextActor",
        {
            "id": serializers.IntegerField(),
            "slug": serializers.CharField(),
            "name": serializers.CharField(),
        },
        many=True,
    )
    claims = inline_serializer(
        "ContextClaim",
        {
            "id": serializers.IntegerField(),
            "slug": serializers.CharField(),
            "statement": serializers.CharField(),
            "verdict": serializers.CharField(),
        },
        many=True,
    )


class ArticleListSerializer(serializers.ListSerializer):
    """Finds every article's section in one query (a page's parent is not a foreign key) and
    builds every article's related context at once (conflicts.sidebar.sidebars_for), each only
    when the list carries it (`fields=`)."""

    def to_representation(self, data):
        articles = list(data.all() if hasattr(data, "all") else data)
        request, chosen = self.context.get("request"), self.context.get(FIELDS)
        return cached_articles(articles, request, chosen, self.represent)

    def represent(self, articles) -> dict:
        """{id: representation} of articles (as a list pages them: articles.listed_articles),
        read whole in one query with their sections and contexts in bulk."""
        view = self.context.get("view")
        wants = view.wants if view is not None else (lambda field: True)
        # The list's own query found them live, public and in scope: read the rest by id.
        listed = ArticlePage.objects.filter(pk__in=[article.pk for article in articles])
        whole = with_what_lists_show(listed, wants).in_bulk()
        articles = [whole[article.pk] for article in articles if article.pk in whole]
        fields = self.child.fields
        if "section" in fields:
            parent_paths = {a.path[: -ArticlePage.steplen] for a in articles}
            sections = SectionPage.objects.filter(path__in=parent_paths)
            self.child.sections_by_path = {s.path: s for s in sections}
        if "context" in fields or "related_context" in fields:
            self.child.related_contexts = sidebars_for(articles, self.context.get("request"))
        return {article.pk: self.child.to_representation(article) for article in articles}


class ArticleSerializer(ChosenFieldsMixin, serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The canonical URL of the story.")
    language = serializers.CharField(
        source="locale.language_code",
        help_text="The story's language, a BCP 47 code: `en`, `hy` (Armenian) or `ru` "
        "(Russian). `lang=` filters lists by it.",
    )
    headline = serializers.CharField(source="title")
    byline = serializers.SerializerMethodField()
    published_at = serializers.DateTimeField(
        source="display_date", help_text="The publication date readers see."
    )
    updated_at = serializers.DateTimeField(
        help_text="When the article, or what it shows of its context, last changed: it went "
        "live, or a verdict, an actor's name, a claim's sources, the explainer's card or "
        "timeline, or the stories listed beside it changed. `updated_since` and "
        "`ordering=updated_at` follow it."
    )
    section = serializers.SerializerMethodField()
    tags = serializers.SerializerMethodField()
    lead_image = serializers.SerializerMethodField()
    syndication = serializers.SerializerMethodField(
        help_text="For a story that appeared first elsewhere: its original publisher and URL."
    )
    context = serializers.SerializerMethodField()
    related_context = serializers.SerializerMethodField(
        help_text="What the sidebar shows: explainer card, actors, claims with verdicts and "
        "sources, the timeline around the story's date and more stories on the conflict."
    )

    sections_by_path: dict | None = None
    related_contexts: dict | None = None

    class Meta:
        model = ArticlePage
        list_serializer_class = ArticleListSerializer
        fields = [
            "id",
            "slug",
            "url",
            "language",
            "headline",
            "dek",
            "byline",
            "published_at",
            "first_published_at",
            "updated_at",
            "section",
            "tags",
            "lead_image",
            "syndication",
            "context",
            "related_context",
        ]

    @property
    def request(self):
        return self.context.get("request")

    def get_url(self, page) -> str:
        return page.get_full_url(self.request) or ""

    @extend_schema_field(AuthorSerializer(many=True))
    def get_byline(self, page):
        author = self.nested_serializers["author"]
        return [author.to_representation(b.author) for b in page.bylines.all()]

    @extend_schema_field(SectionSerializer)
    def get_section(self, page):
        path = page.path[: -ArticlePage.steplen]
        if self.sections_by_path is not None:
            section = self.sections_by_path.get(path)
        else:
            section = SectionPage.objects.filter(path=path).first()
        return self.nested_serializers["section"].to_representation(section) if section else None

    def get_tags(self, page) -> list[str]:
        return sorted(tag.name for tag in page.tags.all())

    @extend_schema_field(ImageSerializer(allow_null=True))
    def get_lead_image(self, page):
        image = image_data(page.lead_image, self.request)
        if image is None:
            return None
        return {**image, "caption": page.lead_image_caption, "credit": page.lead_image_credit}

    @extend_schema_field(
        inline_serializer(
            "Syndication",
            {
                "original_publisher": serializers.CharField(),
                "original_url": serializers.URLField(
                    allow_null=True,
                    help_text="The original story's address; null when it is not known.",
                ),
            },
            allow_null=True,
        )
    )
    def get_syndication(self, page):
        if not page.original_url and not page.original_publisher:
            return None
        return {
            "original_publisher": page.original_publisher,
            "original_url": page.original_article_url or None,
        }

    @extend_schema_field(CompactContextSerializer)
    def get_context(self, page):
        """What editors linked (not what the text only names), read off the sidebar's data,
        which holds only public things."""
        context = self._related_context(page)
        explainer = context.explainer
        return {
            "explainer": (
                {"id": explainer.id, "slug": explainer.slug, "title": explainer.title}
                if explainer
                else None
            ),
            "actors": [
                {"id": actor.id, "slug": actor.slug, "name": actor.name}
                for actor in context.actors
                if not actor.mentioned
            ],
            "claims": [
                {
                    "id": claim.id,
                    "slug": claim.slug,
                    "statement": claim.statement,
                    "verdict": claim.verdict,
                }
                for claim in context.claims
                if not claim.mentioned
            ],
        }

    @extend_schema_field(RelatedContextSerializer)
    def get_related_context(self, page):
        context = self._related_context(page)
        return self.nested_serializers["related_context"].to_representation(context)

    def _related_context(self, page):
        """From the list's bulk build when there is one, else the sidebar's own function
        (once per article: the compact context and the full one share it)."""
        if self.related_contexts is not None:
            return self.related_contexts[page.pk]
        if not hasattr(page, "_api_related_context"):
            page._api_related_context = sidebar_for(page, self.request)
        return page._api_related_context

    @cached_property
    def nested_serializers(self) -> dict:
        """One serializer of each nested kind for every article of a list: building one
        copies all its fields, which 50 times over cost a tenth of a cold list's time."""
        return {
            "author": AuthorSerializer(context=self.context),
            "section": SectionSerializer(context=self.context),
            "related_context": RelatedContextSerializer(context=self.context),
        }


class CorrectionSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="correction or update")
    date = serializers.DateTimeField()
    text_html = serializers.SerializerMethodField()

    def get_text_html(self, correction) -> str:
        return expand_db_html(correction.text)


class ArticleDetailSerializer(ArticleSerializer):
    body = serializers.SerializerMethodField(
        help_text="Structured blocks: each with type, value and its clean HTML."
    )
    body_html = serializers.SerializerMethodField(help_text="The whole body as clean HTML.")
    corrections = CorrectionSerializer(many=True)

    class Meta(ArticleSerializer.Meta):
        list_serializer_class = serializers.ListSerializer
        fields = [
            *ArticleSerializer.Meta.fields,
            "body",
            "body_html",
            "corrections",
        ]

    def _body(self, page):
        if not hasattr(page, "_api_body"):
            page._api_body = story_body(page, self.request)
        return page._api_body

    @extend_schema_field(BODY_BLOCK)
    def get_body(self, page) -> list:
        return self._body(page)

    def get_body_html(self, page) -> str:
        return "\n".join(block["html"] for block in self._body(page))


class WithdrawalSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="object_id", help_text="The withdrawn object's id.")

    class Meta:
        model = Withdrawal
        fields = ["kind", "id", "slug", "reason", "withdrawn_at"]
