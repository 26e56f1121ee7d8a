"""Site search: stories, explainers, actors (names and aliases) and claims."""

from dataclasses import dataclass

from django.http import HttpResponseBadRequest
from django.shortcuts import render
from wagtail.search.backends import get_search_backend

from conflicts.models import Actor, ConflictExplainerPage
from conflicts.profiles import live_claims
from conflicts.validators import has_control_characters
from newsroom.models import ArticlePage
from newsroom.pagination import page_or_404

MAX_QUERY_LENGTH = 200
PER_PAGE = 20
PER_TYPE = 100  # the best matches of each type that compete for the ranked list


@dataclass
class SearchHit:
    kind: str
    title: str
    url: str
    summary: str


def _hits(queryset, query, kind, title, url, summary):
    """The best matches of one kind, in the search backend's order of relevance."""
    results = get_search_backend().search(query, queryset)[:PER_TYPE]
    return [SearchHit(kind, title(o), url(o), summary(o)) for o in results]


def search_everything(query: str, request=None) -> list[SearchHit]:
    """Every public thing matching query: stories, then explainers, actors and claims.

    Within each kind the backend ranks by relevance; kinds are not interleaved because
    scores from different tables (and from PostgreSQL versus SQLite) do not compare.
    """
    hits = [
        *_hits(
            ArticlePage.objects.live().public(),
            query,
            "Story",
            lambda p: p.title,
            lambda p: p.get_url(request),
            lambda p: p.dek,
        ),
        *_hits(
            ConflictExplainerPage.objects.live().public(),
            query,
            "Explainer",
            lambda p: p.title,
            lambda p: p.get_url(request),
            lambda p: p.summary,
        ),
        *_hits(
            Actor.objects.filter(live=True),
            query,
            "Actor",
            lambda a: a.name,
            lambda a: a.get_absolute_url(),
            lambda a: a.description,
        ),
        *_hits(
            live_claims().select_related("claimant"),
            query,
            "Claim",
            lambda c: c.statement,
            lambda c: c.get_absolute_url(),
            lambda c: f"Claimed by {c.claimant.name}",
        ),
    ]
    return hits


def search_view(request):
    query = request.GET.get("q", "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        return HttpResponseBadRequest(
            f"Search for at most {MAX_QUERY_LENGTH} characters.", content_type="text/plain"
        )
    if has_control_characters(query):
        return HttpResponseBadRequest(
            "Search for words: control characters are not allowed.", content_type="text/plain"
        )
    hits = search_everything(query, request) if query else []
    results = page_or_404(hits, PER_PAGE, request.GET.get("page"))
    return render(request, "newsroom/search.html", {"query": query, "results": results})
