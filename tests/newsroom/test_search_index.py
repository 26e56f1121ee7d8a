"""Site search on PostgreSQL has an index for what it matches (newsroom migration 0006)."""

import pytest
from django.db import connection

from tests.factories import ArticlePageFactory


@pytest.mark.skipif(connection.vendor != "postgresql", reason="an index of PostgreSQL's")
def test_the_search_index_covers_the_expression_searches_match_on(site_tree):
    from wagtail.search.backends import get_search_backend

    from newsroom.stories.models import ArticlePage

    for n in range(30):
        ArticlePageFactory(parent=site_tree.news, title=f"Convoy report {n}", slug=f"convoy-{n}")
    results = get_search_backend().search("convoy", ArticlePage.objects.only("pk"))[:10]
    captured = []

    def capture(execute, sql, params, many, context):
        captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        assert len(list(results)) == 10
    sql, _ = captured[-1]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'newsroom_search_title_body_gin'"
        )
        (definition,) = cursor.fetchone()

    # The index is on the very expression the backend filters on, so the planner can use it
    # (at 10,000 stories it does: bench/RESULTS.md); a Wagtail upgrade that changes the
    # expression fails here.
    matched = '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@'
    assert matched in sql
    assert "USING gin (((title || body)))" in definition
