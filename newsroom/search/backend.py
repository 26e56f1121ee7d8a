"""Wagtail's database search backend, without reading the whole index on every publish.

On PostgreSQL, each time an object is indexed (a story is saved twice when it is
published) Wagtail's backend recomputes the average title length over every index entry,
then looks for the new entries by scanning the whole table for `title_norm = 1.0`, to set
their title weight. Both reads grow with the site: 67 ms per indexing at 10,000 stories and
~300 ms at 100,000, twice per publish (bench/RESULTS.md, session 9). Here the average is
kept in the cache for an hour (an old entry's weight is never recomputed anyway, except by
`manage.py update_index`), and migration newsroom 0010 indexes the new entries so that
finding them reads only them. Other databases use Wagtail's backend unchanged.

Each language is indexed and searched with its own PostgreSQL text-search configuration
(README, "Languages"): "english" for English, "russian" for Russian, "armenian" for Armenian
where the server has it (PostgreSQL 13 and later ship a Snowball stemmer for Armenian), else
"simple" (words lowercased, not stemmed). Wagtail's backend has one configuration for
everything (SEARCH_CONFIG); here a page is indexed with its locale's, anything without a
locale (actors, claims) with the default language's, and `backend_for_language` gives the
backend that searches a language's pages with the same one. Other databases have no
configurations: there only the reader's language filters the pages (newsroom/search/search.py).
"""

import copy
from collections import defaultdict
from functools import cache as once

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Avg, F
from django.db.models.functions import Length
from modelsearch.backends import database
from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend
from wagtail.search.backends import get_search_backend

# PostgreSQL's configuration for each language; the first that the server has is used.
TEXT_SEARCH_CONFIGS = {"en": ["english"], "ru": ["russian"], "hy": ["armenian", "simple"]}

AVERAGE_TITLE_KEY = "newsroom:search:average-title-length"
AVERAGE_TITLE_SECONDS = 3600


@once
def server_configs() -> frozenset[str]:
    """The text-search configurations the PostgreSQL server has (read once per process)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config")
        return frozenset(row[0] for row in cursor.fetchall())


def text_search_config(language: str | None) -> str:
    """The configuration `language`'s words are indexed and searched with ("simple" for a
    language PostgreSQL has no stemmer for); None is the default language."""
    wanted = TEXT_SEARCH_CONFIGS.get(language or settings.LANGUAGE_CODE, [])
    return next((name for name in wanted if name in server_configs()), "simple")


class NewsroomPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        """Wagtail's, once per language among objs, each with its language's configuration."""
        languages = locale_languages()
        groups = defaultdict(list)
        for obj in objs:
            groups[languages.get(getattr(obj, "locale_id", None))].append(obj)
        for language, group in groups.items():
            index = copy.copy(self)
            index.backend = self.backend.with_config(text_search_config(language))
            PostgresIndex.add_items(index, model, group)

    def _refresh_title_norms(self, full=False):
        """Weigh the new entries' titles against the cached average (Wagtail's own, when
        `full`: `manage.py update_index` reweighs every entry)."""
        if full:
            super()._refresh_title_norms(full=True)
            cache.delete(AVERAGE_TITLE_KEY)
            return
        average = cache.get(AVERAGE_TITLE_KEY)
        if average is None:
            average = average_title_length(self.entries)
            if average is None:
                return  # no entry has a title: nothing to weigh
            cache.set(AVERAGE_TITLE_KEY, average, AVERAGE_TITLE_SECONDS)
        new = self.entries.filter(title_norm=1.0).annotate(title_length=Length("title"))
        new.filter(title_length__gt=0).update(title_norm=average / F("title_length"))


class NewsroomPostgresSearchBackend(PostgresSearchBackend):
    index_class = NewsroomPostgresIndex

    def with_config(self, config: str):
        """This backend, indexing and searching with the text-search configuration `config`."""
        twin = copy.copy(self)
        twin.config = config
        return twin


def locale_languages() -> dict[int, str]:
    """{locale id: language code}, one query (the locales are few)."""
    from wagtail.models import Locale

    return dict(Locale.objects.values_list("pk", "language_code"))


def backend_for_language(language: str | None):
    """The search backend for things in `language` (None: things without a language, as
    actors and claims are): on PostgreSQL with that language's configuration."""
    backend = get_search_backend()
    if isinstance(backend, NewsroomPostgresSearchBackend):
        return backend.with_config(text_search_config(language))
    return backend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        return NewsroomPostgresSearchBackend(params)
    return database.SearchBackend(params)


def average_title_length(entries) -> float | None:
    """Wagtail's lavg: the mean number of terms in the titles of the index's entries."""
    with_title = entries.annotate(title_length=Length("title")).filter(title_length__gt=0)
    return with_title.aggregate(Avg("title_length"))["title_length__avg"]
