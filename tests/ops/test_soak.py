"""`make soak` runs end to end at a tiny scale: gunicorn with production settings serves the
demo through relays to PostgreSQL and Redis; PostgreSQL is cut for a second in the middle.

No timing is asserted (this machine says nothing about production), and nothing depends on
how busy it is: with --min-requests each phase, the cut included, lasts until every kind of
page has MIN answers to requests started in it. What must hold is what a reader and a
partner get: 503s while the database is cut, never a 500, never a dropped connection, and
only 200s once it is back, on every kind of page and the API.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench import database
from ops.soak import KINDS

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DB = f"newsroom_ops_soaktest_{os.getpid()}"
MIN = 3  # answers per kind and phase
MAX_WAIT = 120  # seconds a phase may wait for them; the run's timeout allows all three


pytestmark = [
    pytest.mark.skipif(
        not database.server_answers(), reason="the soak needs PostgreSQL (BENCH_POSTGRES)"
    ),
    pytest.mark.own_database,  # not run again in CI's SQLite pass: it would test the same
]


@pytest.fixture(scope="module")
def report():
    command = [
        sys.executable,
        "-m",
        "ops.soak",
        "--users=3",
        "--duration=4",
        "--faults=postgres",
        "--outage=1",
        f"--min-requests={MIN}",
        f"--max-wait={MAX_WAIT}",
        "--workers=2",
        "--threads=2",
        "--redis-db=12",
        f"--database={DB}",
    ]
    try:
        result = subprocess.run(  # noqa: S603
            command, cwd=BASE_DIR, capture_output=True, text=True, timeout=900, check=False
        )
    finally:
        database.drop(DB)
    assert result.stdout, result.stderr[-3000:]
    return result.returncode, json.loads(result.stdout)


def test_the_outage_is_503s_then_the_site_recovers_by_itself(report):
    returncode, found = report
    assert found["broken"] == []
    assert returncode == 0
    phases = found["phases"]
    cut = found["outage"]
    assert round(cut["to_s"] - cut["from_s"], 2) >= 1  # --outage, or longer for the sample
    assert phases["during"]["statuses"].get("503", 0) > 0
    for kind in KINDS:
        for phase in ("before", "during", "after"):
            assert phases[phase]["kinds"][kind]["requests"] >= MIN, (phase, kind)
        assert set(phases["during"]["kinds"][kind]["statuses"]) <= {"200", "503"}, kind
        assert set(phases["after"]["kinds"][kind]["statuses"]) == {"200"}, kind
    assert found["requests"] == sum(p["requests"] for p in phases.values())
    assert found["500"] == 0
    assert found["dropped_connections"] == 0
    # The server said why: one warning per 503 (newsroom/unavailable.py).
    assert found["server_log_lines"]["WARNING newsroom.unavailable"] == found["statuses"]["503"]


def test_every_kind_is_read_and_timed(report):
    _, found = report
    assert list(found["kinds"]) == list(KINDS)
    for kind, measured in found["kinds"].items():
        assert measured["statuses"].get("200", 0) > 0, kind
        assert 0 < measured["p50_ms"] <= measured["p95_ms"], kind
    assert found["requests"] == sum(m["requests"] for m in found["kinds"].values())
