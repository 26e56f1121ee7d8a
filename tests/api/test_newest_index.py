"""The partner API's list walks indexes; it does not sort every story.

At 10,000 stories the sort cost 25 ms of every cold list; reading the (display_date, id)
index costs 1 ms (bench/RESULTS.md). This proves the plan uses it.
"""

import pytest
from django.db import connection

from tests.api.conftest import make_article
from tests.factories import ConflictExplainerPageFactory


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


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a plan of PostgreSQL's")
def test_a_list_finds_more_stories_per_conflict_from_the_index(api, site_tree):
    """The list's "more stories" for every conflict shown: one query, each conflict's part
    walking the (explainer, date) index, not a window over every story of those conflicts
    (190 ms at 100,000 stories; 4 ms this way)."""
    explainers = [
        ConflictExplainerPageFactory(parent=site_tree.conflicts, slug=f"c{n}") for n in range(3)
    ]
    for n in range(12):
        make_article(site_tree, slug=f"s{n}", explainer=explainers[n % 3])
    captured = []

    def capture(execute, sql, params, many, context):
        captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        results = api.get("/api/v1/articles/").json()["results"]
    assert all(len(a["related_context"]["more_stories"]) == 3 for a in results)
    sql, params = next((s, p) for s, p in captured if "UNION ALL" in s)

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert plan.count("article_conflict_newest") == 3
    assert "WindowAgg" not in plan
