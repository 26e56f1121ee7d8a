"""The newest stories on a conflict come from an (explainer, date) index, not a sort of all.

At 100,000 stories (5,000 a conflict) the explainer page's story list went from 65 ms of SQL
to under 1 ms once it read this index (bench/RESULTS.md); this proves the plan uses it.
"""

import pytest
from django.db import connection

from conflicts.profiles import explainer_profile
from tests.conflicts.factories import ConflictExplainerPageFactory
from tests.conflicts.host.factories import StoryPageFactory
from tests.conflicts.host.models import StoryPage


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a plan of PostgreSQL's")
def test_the_explainer_lists_its_newest_stories_from_the_index(site_tree):
    explainer = ConflictExplainerPageFactory(parent=site_tree.conflicts, slug="karabakh")
    for n in range(30):
        StoryPageFactory(parent=site_tree.news, slug=f"s{n}", explainer=explainer)
    captured = []

    def capture(execute, sql, params, many, context):
        captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        stories = explainer_profile(explainer)["stories"]
    assert len(stories) == 20
    sql, params = next((s, p) for s, p in captured if '"explainer_id" =' in s and "LIMIT" in s)

    with connection.cursor() as cursor:
        # The planner's statistics of the 30 stories, not its guess for never-analysed tables
        # (it took the page table for 2 rows and chose to sort them).
        cursor.execute(f"ANALYZE wagtailcore_page, {StoryPage._meta.db_table}")
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table: ask what it can use
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "story_conflict_newest" in plan  # the host's (explainer, date) index
    assert "Sort" not in plan  # the index gives the order; nothing sorts every story
