"""The benchmark harness runs end to end at a tiny scale and reports every case.

No timing is asserted: the machine running the tests says nothing about production. This
checks that `make bench` works: the corpus builds, every page and API case answers 200
through gunicorn, queries are counted, publishing is timed and purged, and the output is
one JSON object with the issue's targets. Each case runs until it has MIN answers
(--min-requests), so a busy machine gives a slower run, not an empty case.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench import database
from bench.cases import CASES

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DB = f"newsroom_bench_selftest_{os.getpid()}"
MIN = 5  # answers per case, however long they take
MAX_WAIT = 60  # seconds past --duration a case may take for them (so rps >= 5 / 91 s > 0)


pytestmark = [
    pytest.mark.skipif(
        not database.server_answers(), reason="the benchmark needs PostgreSQL (BENCH_POSTGRES)"
    ),
    pytest.mark.own_database,  # not run again in CI's SQLite pass: it would test the same
]


@pytest.fixture(scope="module")
def report():
    command = [
        sys.executable,
        "-m",
        "bench.run",
        "--articles=20",
        "--actors=20",
        "--claims=40",
        "--explainers=2",
        "--duration=1",
        f"--min-requests={MIN}",
        f"--max-wait={MAX_WAIT}",
        "--users=2",
        "--workers=2",
        "--sample=5",
        "--publish-rounds=1",
        "--push-rounds=2",
        "--push-soak=8",
        "--static=plain",
        f"--database={DB}",
    ]
    try:
        result = subprocess.run(  # noqa: S603
            command, cwd=BASE_DIR, capture_output=True, text=True, timeout=1200, check=False
        )
    finally:
        database.drop(DB)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def test_every_case_is_measured_without_errors(report):
    assert set(report["cases"]) == set(CASES)
    assert report["load"]["min_requests_per_case"] == MIN
    for name, case in report["cases"].items():
        assert case["requests"] >= MIN, name
        assert case["errors"] == 0, (name, case["statuses"], case.get("error_samples"))
        assert set(case["statuses"]) == {"200"}, name
        assert case["p50_ms"] <= case["p95_ms"] <= case["p99_ms"], name
        assert case["rps"] > 0, name
        assert isinstance(case["queries"], int), name


def test_queries_are_counted_per_case(report):
    cases = report["cases"]
    assert cases["static_ceiling"]["queries"] == 0
    assert cases["article_cached"]["queries"] == 0  # a cache hit touches no database
    assert cases["article_uncached"]["queries"] > 0
    assert cases["api_list"]["queries"] > 0
    assert cases["static_ceiling"]["bytes"] == cases["article_uncached"]["bytes"]
    assert cases["static_ceiling"]["ratio_to_static"] == 1.0


def test_the_comparisons_and_publishing_are_reported(report):
    assert report["comparisons"]["api_list_vs_wagtail_v2"]["ratio"] > 0
    sidebar = report["comparisons"]["article_sidebar"]
    assert sidebar["with_p50_ms"] > 0 and sidebar["without_p50_ms"] > 0
    publish = report["publish"]
    assert publish["links"] == 20 + 25 + 1  # the tiny corpus's 20 actors, 25 claims, explainer
    assert publish["median_ms"] > 0
    assert publish["reference_index_rows"][0] >= publish["links"]
    assert publish["purge_requests"] >= 1  # the CDN stand-in was asked to purge the story
    assert publish["purged_urls"][0] >= 1
    explainer = publish["explainer_republish"]
    assert explainer["median_ms"] > 0
    # itself and its index at least, plus every story that links it
    assert explainer["purged_urls"][0] >= explainer["stories_linking"] + 2


def test_the_after_change_cases_ran_beside_a_changer(report):
    made = report["cases"]["api_list_after_change"]["changes_made"]
    assert made["verdicts"] + made["explainer"] >= 1  # the list really was read after changes


def test_pushes_reach_the_partner_through_the_worker_even_when_it_is_stopped(report):
    push = report["push"]
    assert push["latency"]["rounds"] == 2
    assert 0 < push["latency"]["save_to_webhook_p50_ms"] < float("inf")
    soak = push["soak_worker_stopped"]
    assert soak["worker_stopped_at_s"] > 0  # it really was stopped, then started again
    assert soak["worker_started_again_at_s"] > soak["worker_stopped_at_s"]
    assert soak["published"] >= 2
    assert soak["lost"] == 0
    assert soak["stories_sent_under_two_webhook_ids"] == 0
    assert push["signatures_rejected"] == 0


def test_targets_name_each_measure(report):
    names = {t["target"] for t in report["targets"]}
    assert "article page SQL queries" in names
    assert "API list rps / Wagtail API v2 rps" in names
    assert "publish 50 links, median ms" in names
    assert "search p95 ms, its cache off" in names
    assert "save to partner webhook p95 ms" in names
    assert "API list rps after a change / Wagtail API v2" in names
    assert "story p50 after a change on its conflict / warm" in names
    assert all(isinstance(t["met"], bool) for t in report["targets"])
