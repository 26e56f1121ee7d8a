"""Site search: stories, explainers, actors (names and aliases) and claims.

With settings.SEARCH_CACHE_SECONDS > 0 the ranked ids of a query are kept in the default
cache under the list scopes (conflicts.sidebar.scopes.LIST_SCOPES, caching/), which start
anew when any page, actor, claim, source or link is saved or deleted: a query readers repeat
while a story breaks is ranked once per change, and nothing unpublished is found from the cache. The
page itself is never shared (no CDN caching): results must drop an unpublished story at once.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from wagtail.search.backends import get_search_backend

from caching.store import cached
from conflicts.models import Actor, Claim, ConflictExplainerPage
from conflicts.sidebar.scopes import LIST_SCOPES
from newsroom.stories.models import ArticlePage

PER_TYPE = 100  # the best matches of each type that compete for the ranked list


@dataclass
class SearchHit:
    kind: str
    title: str
    url: str
    summary: str
    date: object = None  # a date or datetime readers see beside the hit, or None


@dataclass
class SearchKind:
    """One kind of thing readers can find, and how a hit of it is shown."""

    name: str
    queryset: object
    title: Callable
    url: Callable
    summary: Callable
    shown_fields: tuple  # what title, url, summary and date read: a hit loads only these
    select_related: tuple = ()
    date: Callable = lambda obj: None


class SearchHits:
    """The ranked hits of every kind, as one list that loads only the slice shown.

    Within each kind the backend ranks by relevance; kinds are not interleaved because
    scores from different tables (and from PostgreSQL versus SQLite) do not compare. Each
    kind offers its best PER_TYPE hits, ranked as ids only (one query per kind); a page of
    results then loads just its own rows (one query per kind it spans).
    """

    def __init__(self, query: str, kinds: list[SearchKind]):
        # Double quotes mean nothing to a plain-string search, and SQLite's FTS5 syntax
        # breaks on a word holding one (Wagtail quotes each word): search the words alone.
        words = " ".join(query.replace('"', " ").split())
        ranking = cached_ranking(words, kinds)
        self.ranked = [(kind, ranking[kind.name]) for kind in kinds]

    def count(self) -> int:
        return sum(len(ids) for _, ids in self.ranked)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[SearchHit]:
        start, stop = window.start or 0, self.count() if window.stop is None else window.stop
        hits, offset = [], 0
        for kind, ids in self.ranked:
            shown = ids[max(start - offset, 0) : max(stop - offset, 0)]
            if shown:
                rows = kind.queryset.select_related(*kind.select_related).only(*kind.shown_fields)
                found = rows.in_bulk(shown)
                hits += [
                    SearchHit(kind.name, kind.title(o), kind.url(o), kind.summary(o), kind.date(o))
                    for o in (found[pk] for pk in shown if pk in found)
                ]
            offset += len(ids)
        return hits


def rank(words: str, kinds: list[SearchKind]) -> dict[str, list[int]]:
    """{kind name: the ids of its best PER_TYPE matches, best first}: one query per kind."""
    backend = get_search_backend()
    return {
        kind.name: ranked_ids(backend.search(words, kind.queryset.only("pk"))[:PER_TYPE])
        for kind in kinds
    }


def ranked_ids(results) -> list[int]:
    """The ids of a backend's search results, best first.

    Wagtail's database backends (PostgreSQL, SQLite, MySQL, the fallback) build their results
    from one ordered queryset, `get_queryset()`; asking it for ids alone skips building a
    model object per hit (up to PER_TYPE per kind, modelcluster's constructor included for
    pages). Backends without it (Elasticsearch, OpenSearch) give objects.
    """
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is None:
        return [hit.pk for hit in results]
    return list(get_queryset().values_list("pk", flat=True))


def cached_ranking(words: str, kinds: list[SearchKind]) -> dict[str, list[int]]:
    """rank(words, kinds), from the cache while nothing readers can find has changed."""
    seconds = int(getattr(settings, "SEARCH_CACHE_SECONDS", 0) or 0)
    # The backends ignore case, so "Karabakh" and "karabakh" share an entry.
    digest = hashlib.sha256(words.lower().encode()).hexdigest()
    names = ",".join(kind.name for kind in kinds)
    key = f"newsroom:search:{names}:{digest}"
    return cached(key, LIST_SCOPES, lambda: rank(words, kinds), seconds)


def search_everything(query: str, request=None) -> SearchHits:
    """Every public thing matching query: stories, then explainers, actors and claims."""
    return SearchHits(
        query,
        [
            SearchKind(
                "Story",
                ArticlePage.objects.live_public(),
                lambda p: p.title,
                lambda p: p.get_url(request),
                lambda p: p.dek,
                ("title", "url_path", "dek", "display_date"),
                date=lambda p: p.display_date,
            ),
            SearchKind(
                "Explainer",
                ConflictExplainerPage.objects.live_public(),
                lambda p: p.title,
                lambda p: p.get_url(request),
                lambda p: p.summary,
                ("title", "url_path", "summary", "last_reviewed"),
                date=lambda p: p.last_reviewed,
            ),
            SearchKind(
                "Actor",
                Actor.objects.public(),
                lambda a: a.name,
                lambda a: a.get_absolute_url(),
                lambda a: a.description,
                ("name", "slug", "description"),
            ),
            SearchKind(
                "Claim",
                Claim.objects.public(),
                lambda c: c.statement,
                lambda c: c.get_absolute_url(),
                lambda c: f"Claimed by {c.claimant.name}",
                ("statement", "slug", "claimant", "claimant__name", "made_on"),
                select_related=("claimant",),
                date=lambda c: c.made_on,
            ),
        ],
    )
