"""Indexing a story on PostgreSQL reads only the new index entries
(newsroom/search/backend.py, newsroom migration 0010), and weighs its title as Wagtail does."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from wagtail.search.models import IndexEntry

from newsroom.search.backend import AVERAGE_TITLE_KEY
from tests.factories import ArticlePageFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="Wagtail's PostgreSQL search backend"
    ),
]


def title_weight(page) -> tuple[float, int]:
    """(title_norm, number of terms in the title) of a page's index entry."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT title_norm, length(title) FROM wagtailsearch_indexentry WHERE object_id = %s",
            [str(page.pk)],
        )
        return cursor.fetchone()


def sql_of(action) -> list[tuple[str, tuple]]:
    captured = []

    def capture(execute, sql, params, many, context):
        captured.append((sql, tuple(params or ())))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        action()
    return captured


def test_a_new_story_is_weighed_against_the_cached_average_title(site_tree):
    ArticlePageFactory(parent=site_tree.news, title="Convoy leaves Stepanakert")
    average = cache.get(AVERAGE_TITLE_KEY)
    assert average > 0

    made = []
    sql = sql_of(
        lambda: made.append(
            ArticlePageFactory(parent=site_tree.news, title="Peacekeepers leave the corridor")
        )
    )

    assert not [s for s, _ in sql if "AVG(" in s]  # the whole index is not read again
    norm, terms = title_weight(made[0])
    assert terms > 0
    assert norm == pytest.approx(average / terms)  # Wagtail's weight: lavg / terms in title
    updates = [(s, p) for s, p in sql if s.startswith('UPDATE "wagtailsearch_indexentry"')]
    assert updates
    for statement, params in updates:  # the partial index's condition (next test)
        assert statement.endswith(
            'WHERE ("wagtailsearch_indexentry"."title_norm" = %s AND '
            'LENGTH("wagtailsearch_indexentry"."title") > %s)'
        )
        assert params[-2:] == (1.0, 0)


def test_new_entries_have_an_index_of_their_own():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'newsroom_search_new_entries'"
        )
        (definition,) = cursor.fetchone()

    # The same condition as the UPDATE above, so the planner can read the new entries alone.
    assert "WHERE ((title_norm = (1.0)::double precision) AND (length(title) > 0))" in definition


def test_update_index_reweighs_every_entry_and_forgets_the_average(site_tree):
    story = ArticlePageFactory(parent=site_tree.news, title="Convoy leaves Stepanakert")
    cache.set(AVERAGE_TITLE_KEY, 1000.0)
    IndexEntry.objects.update(title_norm=1.0)

    call_command("update_index", verbosity=0)

    assert cache.get(AVERAGE_TITLE_KEY) is None
    norm, terms = title_weight(story)
    assert norm != 1.0 and norm < 1000.0 / terms
