"""Articles, the withdrawn feed, and the API's front door (schema and docs are public)."""

from django.db.models import Prefetch
from django.http import JsonResponse
from django.utils.http import http_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from apikit.fields import ChooseFieldsMixin
from apikit.viewsets import BySlugMixin, PublicReadOnlyViewSet, StrictQueryMixin
from conflicts.sidebar.scopes import LIST_SCOPES
from newsroom.partners.api import serializers
from newsroom.partners.api.articles import articles_for_api, listed_articles
from newsroom.partners.api.filters import ArticleFilter, WithdrawalFilter
from newsroom.partners.api.ninjs import NinjsSerializer, article_ninjs
from newsroom.partners.models import Withdrawal
from newsroom.stories.models import (
    ArticleActorLink,
    ArticlePage,
)

NINJS_PARAMETER = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    enum=["json", "ninjs"],
    description="`ninjs` answers with the article as IPTC ninjs 3.1 instead of our JSON.",
)
LAST_MODIFIED = OpenApiParameter(
    "Last-Modified",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200],
    required=True,
    description="When the article, or the context it shows (`updated_at`), last changed; "
    "send it back as `If-Modified-Since`.",
)
ARTICLE_OR_NINJS = PolymorphicProxySerializer(
    component_name="ArticleDetailOrNinjs",
    serializers=[serializers.ArticleDetailSerializer, NinjsSerializer],
    resource_type_field_name=None,
)


class NinjsRenderer(JSONRenderer):
    """IPTC ninjs 3.1, chosen with `?format=ninjs` on an article's detail."""

    format = "ninjs"


@extend_schema_view(
    list=extend_schema(summary="List published articles, with their links to context"),
    retrieve=extend_schema(
        summary="One article: body, byline, corrections and full related context",
        parameters=[NINJS_PARAMETER, LAST_MODIFIED],
        responses=ARTICLE_OR_NINJS,
    ),
    by_slug=extend_schema(
        summary="One article, by slug",
        parameters=[NINJS_PARAMETER, LAST_MODIFIED],
        responses=ARTICLE_OR_NINJS,
    ),
)
class ArticleViewSet(ChooseFieldsMixin, BySlugMixin, PublicReadOnlyViewSet):
    """Stories, as readers see them, with the context the sidebar shows; `fields=` chooses
    what each carries."""

    queryset = ArticlePage.objects.none()  # for the schema; get_queryset() is what serves
    serializer_class = serializers.ArticleDetailSerializer
    list_serializer_class = serializers.ArticleSerializer
    filterset_class = ArticleFilter
    orderings = {
        "-published_at": ("-display_date", "-id"),
        "published_at": ("display_date", "id"),
        "-updated_at": ("-updated_at", "-id"),
        "updated_at": ("updated_at", "id"),
    }
    default_ordering = "-published_at"
    cache_scopes = LIST_SCOPES

    def get_renderers(self):
        renderers = [JSONRenderer()]
        if self.action in ("retrieve", "by_slug"):
            renderers.append(NinjsRenderer())
        return renderers

    def get_queryset(self):
        if self.action == "list":  # the rest is read for what the cache does not hold
            return listed_articles(self.request)
        return articles_for_api(self.request, self.wants)

    def filter_detail_queryset(self):
        queryset = self.get_queryset()
        if self.wants("corrections"):
            queryset = queryset.prefetch_related("corrections")
        if self.chosen is None:  # fields= is for our JSON only
            # ninjs names the story's people and organisations: the public actors linked.
            linked_actors = ArticleActorLink.objects.filter(show_in_sidebar=True, actor__live=True)
            queryset = queryset.prefetch_related(
                Prefetch("actor_links", queryset=linked_actors.select_related("actor"))
            )
        return queryset

    def detail_response(self, article):
        data = self.get_serializer(article).data
        if request_format(self.request) == "ninjs":
            data = article_ninjs(article, self.request, data["body_html"])
        response = Response(data)
        response["Last-Modified"] = http_date(article.updated_at.timestamp())
        return response


def not_found(request, *args, **kwargs):
    """A path under /api/ that names no endpoint (or an id that is not a number)."""
    return JsonResponse(
        {"detail": "No such endpoint or object. Every endpoint is listed at /api/v1/docs/."},
        status=404,
    )


def request_format(request) -> str:
    renderer = getattr(request, "accepted_renderer", None)
    return renderer.format if renderer else "json"


@extend_schema_view(
    list=extend_schema(
        summary="What was withdrawn: unpublished, deleted or made private since a time",
        description="Take these down from your copy. An object published again leaves this "
        "feed and comes back in its own list with a new `updated_at`.",
        responses=OpenApiResponse(serializers.WithdrawalSerializer(many=True)),
    )
)
class WithdrawalViewSet(StrictQueryMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = serializers.WithdrawalSerializer
    filterset_class = WithdrawalFilter
    orderings = {"withdrawn_at": ("withdrawn_at", "id")}
    default_ordering = "withdrawn_at"
    queryset = Withdrawal.objects.all()
