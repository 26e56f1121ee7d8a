"""The partner API's list of newest stories walks an index; it does not sort every story.

At 10,000 stories the sort cost 25 ms of every cold list; reading the (display_date, id)
index costs 1 ms (bench/RESULTS.md). This proves the plan uses it.
"""

import pytest
from django.db import connection

from tests.api.conftest import make_article


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a plan of PostgreSQL's")
def test_the_newest_stories_come_from_the_index(api, site_tree):
    for n in range(30):
        make_article(site_tree, slug=f"s{n}")
    captured = []

    def capture(execute, sql, params, many, context):
        captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        assert len(api.get("/api/v1/articles/?page_size=10").json()["results"]) == 10
    sql, params = next((s, p) for s, p in captured if '"display_date" DESC' in s and "LIMIT" in s)

    with connection.cursor() as cursor:
        # A tiny table: ask what the plan can use instead of a scan and a sort.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "article_newest" in plan
    assert "Sort" not in plan
