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
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale, Page

from caching.store import cached
from conflicts.models import Actor, Claim, ConflictExplainerPage
from conflicts.sidebar.scopes import LIST_SCOPES
from newsroom.search.backend import backend_for_language
from newsroom.stories.models import ArticlePage

PER_TYPE = 100  # the best matches of each type that compete for the ranked list


@dataclass
class SearchHit:
    kind: str
    title: str
    url: str
    summary: str  # the snippet: search_description, else the dek, summary or explanation
    date: object = None  # a date or datetime readers see beside the hit, or None
    byline: str = ""  # who said it (claims)
    verdict: str = ""  # a claim's verdict code ("unchecked" for none yet); "" for other kinds
    verdict_label: str = ""  # ... and its name in words


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
    more: Callable = lambda obj: {}  # more SearchHit fields (byline, verdict ...)


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
                    SearchHit(
                        kind.name,
                        kind.title(o),
                        kind.url(o),
                        kind.summary(o),
                        kind.date(o),
                        **kind.more(o),
                    )
                    for o in (found[pk] for pk in shown if pk in found)
                ]
            offset += len(ids)
        return hits


def rank(words: str, kinds: list[SearchKind]) -> dict[str, list[int]]:
    """{kind name: the ids of its best PER_TYPE matches, best first}: one query per kind.
    Pages are those in the reader's language, searched with its text-search configuration;
    what has no language (actors, claims) with the default language's (search/backend.py)."""
    language = translation.get_language()
    ranking = {}
    for kind in kinds:
        queryset, backend = kind.queryset.only("pk"), backend_for_language(None)
        if issubclass(queryset.model, Page):
            queryset = queryset.filter(locale__in=Locale.objects.filter(language_code=language))
            backend = backend_for_language(language)
        ranking[kind.name] = ranked_ids(backend.search(words, queryset)[:PER_TYPE])
    return ranking


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
    key = f"newsroom:search:{translation.get_language()}:{names}:{digest}"
    return cached(key, LIST_SCOPES, lambda: rank(words, kinds), seconds)


def claim_more(claim) -> dict:
    """What a claim's hit shows beside its statement: who said it and the verdict in words."""
    return {
        "byline": gettext("Claimed by %(name)s") % {"name": claim.claimant.name},
        "verdict": claim.verdict or "unchecked",
        "verdict_label": (
            claim.get_verdict_display() if claim.verdict else gettext("Not yet checked")
        ),
    }


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
                lambda p: p.search_description or p.dek,
                ("title", "url_path", "search_description", "dek", "display_date"),
                date=lambda p: p.display_date,
            ),
            SearchKind(
                "Explainer",
                ConflictExplainerPage.objects.live_public(),
                lambda p: p.title,
                lambda p: p.get_url(request),
                lambda p: p.search_description or p.summary,
                ("title", "url_path", "search_description", "summary", "last_reviewed"),
                date=lambda p: p.last_reviewed,
            ),
            SearchKind(
                "Actor",
                Actor.objects.public(),
                lambda a: a.name,
                lambda a: a.get_absolute_url(),
                lambda a: a.description,
                ("name", "slug", "description", "last_published_at"),
                date=lambda a: a.last_published_at,  # "Updated": an actor has no date of its own
            ),
            SearchKind(
                "Claim",
                Claim.objects.public(),
                lambda c: c.statement,
                lambda c: c.get_absolute_url(),
                lambda c: c.verdict_explanation,
                (
                    *("statement", "slug", "claimant", "claimant__name", "made_on"),
                    *("verdict", "verdict_explanation"),
                ),
                select_related=("claimant",),
                date=lambda c: c.made_on,
                more=claim_more,
            ),
        ],
    )
