"""Which articles a partner may read, and how much of each a query loads.

articles_for_api(): whole articles with what a list or a detail shows. listed_articles():
only what pages a list and finds each article's cached representation
(newsroom/partners/api/article_cache.py); the list's serializer reads the rest, with
articles_for_api(), for the articles the cache does not hold. Both only within the
partner's scope (scoped_articles()).
"""

from django.db.models import Prefetch, Q

from apikit.viewsets import updated_at
from newsroom.stories.models import ArticleByline, ArticlePage, SectionPage

# What a list page needs of each article before its representation is found: its version
# (the cache key), its language (its context's words are in it), its conflict (the key's
# scopes) and what the orderings and cursors read.
LIST_KEY_FIELDS = (
    *("id", "path", "depth", "url_path", "live", "first_published_at", "last_published_at"),
    *("display_date", "locale_id", "explainer_id", "context_updated_at"),
)


def articles_for_api(request, wants=lambda field: True):
    """Live, public articles with what the list shows, in a fixed number of queries (the
    links come with the related context: serializers.ArticleListSerializer), the bylines and
    tags only when wants() them. `updated_at` is the context version: when the article, or
    what it shows of its context, last changed (conflicts/context_versions.py)."""
    return scoped_articles(with_what_lists_show(ArticlePage.objects.live_public(), wants), request)


def with_what_lists_show(queryset, wants=lambda field: True):
    """queryset with each article's lead image and language, and its bylines and tags when
    wants() them."""
    queryset = queryset.select_related("lead_image", "locale")
    if wants("byline"):
        bylines = ArticleByline.objects.select_related("author")
        queryset = queryset.prefetch_related(Prefetch("bylines", queryset=bylines))
    if wants("tags"):
        queryset = queryset.prefetch_related("tags")
    return queryset.annotate(updated_at=updated_at("context_updated_at"))


def scoped_articles(queryset, request):
    """Only the sections and conflicts the partner's scope allows (both, when both are set)."""
    section_ids = getattr(request.auth, "section_ids", None)
    conflict_ids = getattr(request.auth, "conflict_ids", None)
    if section_ids is not None:
        paths = SectionPage.objects.filter(pk__in=section_ids).values_list("path", flat=True)
        in_sections = Q(pk__in=[])
        for path in paths:
            in_sections |= Q(path__startswith=path, depth=len(path) // ArticlePage.steplen + 1)
        queryset = queryset.filter(in_sections)
    if conflict_ids is not None:
        queryset = queryset.filter(explainer_id__in=conflict_ids)
    return queryset


def listed_articles(request):
    """Live, public articles as a list pages them: their keys only (LIST_KEY_FIELDS)."""
    queryset = ArticlePage.objects.live_public().only(*LIST_KEY_FIELDS)
    queryset = queryset.annotate(updated_at=updated_at("context_updated_at"))
    return scoped_articles(queryset, request)
