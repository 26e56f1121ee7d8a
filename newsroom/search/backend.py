"""Wagtail's database search backend, without reading the whole index on every publish.

On PostgreSQL, each time an object is indexed (a story is saved twice when it is
published) Wagtail's backend recomputes the average title length over every index entry,
then looks for the new entries by scanning the whole table for `title_norm = 1.0`, to set
their title weight. Both reads grow with the site: 67 ms per indexing at 10,000 stories and
~300 ms at 100,000, twice per publish (bench/RESULTS.md, session 9). Here the average is
kept in the cache for an hour (an old entry's weight is never recomputed anyway, except by
`manage.py update_index`), and migration newsroom 0010 indexes the new entries so that
finding them reads only them. Other databases use Wagtail's backend unchanged.
"""

from django.core.cache import cache
from django.db import connection
from django.db.models import Avg, F
from django.db.models.functions import Length
from modelsearch.backends import database
from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend

AVERAGE_TITLE_KEY = "newsroom:search:average-title-length"
AVERAGE_TITLE_SECONDS = 3600


class NewsroomPostgresIndex(PostgresIndex):
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


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        return NewsroomPostgresSearchBackend(params)
    return database.SearchBackend(params)


def average_title_length(entries) -> float | None:
    """Wagtail's lavg: the mean number of terms in the titles of the index's entries."""
    with_title = entries.annotate(title_length=Length("title")).filter(title_length__gt=0)
    return with_title.aggregate(Avg("title_length"))["title_length__avg"]
