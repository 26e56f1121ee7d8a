"""The soak test: `make soak [ARGS="--faults postgres|redis --users 50 --duration 60"]`.

Starts the production server (gunicorn, newsroom/gunicorn.conf.py, production settings) on
loopback against its own PostgreSQL database holding the demo data, with PostgreSQL and
Redis each reached through a relay (ops/relay.py). Readers (threads, one HTTP connection per
request) fetch stories, explainers, actors, searches and the partner API (with a key from
create_partner_key) for the whole run. With --faults, the relay in front of that service
is cut in the middle of the run (connections reset, new ones refused) and reopened.
With --min-requests N, each phase (before, during and after the cut; the whole run without
faults) lasts until every kind has N answers to requests started in it, so what the verdict
checks exists however slow the machine is: the cut lasts until its sample is in.

Prints one JSON object on stdout: requests, statuses, 5xx, dropped connections, p50/p95 per
kind, and per phase (before, during, after the outage) and kind. Exits 1 when the run breaks
what it must hold: no fault: no 5xx and no dropped connection; postgres: 503s (never 500)
during the cut and only 200s after it; redis: no 5xx at all; with --min-requests, a phase
short of its sample. Progress goes to stderr.
"""

import argparse
import datetime
import http.client
import json
import os
import platform
import random
import secrets
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import dj_database_url

from bench import database
from bench.env import database_url
from ops.relay import Relay

BASE_DIR = Path(__file__).resolve().parent.parent
SOAK_DIR = BASE_DIR / "var" / "soak"
KINDS = ("article", "explainer", "actor", "search", "api")
SEARCHES = ("Lachin", "Peskov", "peacekeepers", "Karabakh", "blockade", "CSTO")
DEFAULT_OUTAGE = {"postgres": 5.0, "redis": 10.0}
# The site's own static files only: Wagtail's admin files take a minute and a half to hash
# and compress, and no reader page links them.
THIRD_PARTY_STATIC = ["admin", "wagtail*", "rest_framework", "drf_spectacular_sidecar"]
# Lists the URLs the readers fetch, from the demo data (run with production settings).
LIST_URLS = """
import json, django
django.setup()
from django.urls import reverse
from conflicts.models import Actor, ConflictExplainerPage
from newsroom.stories.models import ArticlePage
articles = list(ArticlePage.objects.live().public().specific())
print(json.dumps({
    "article": [p.url for p in articles],
    "explainer": [p.url for p in ConflictExplainerPage.objects.live().public()],
    "actor": [reverse("conflicts:actor", args=[a.slug]) for a in Actor.objects.filter(live=True)],
    "api": ["/api/v1/articles/", "/api/v1/actors/", "/api/v1/claims/", "/api/v1/explainers/"]
    + [f"/api/v1/articles/slug/{p.slug}/" for p in articles],
}))
"""


def log(message: str) -> None:
    print(f"[soak {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)  # noqa: T201


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Soak the production server; prints JSON.")
    parser.add_argument("--users", type=int, default=50, help="concurrent readers")
    parser.add_argument("--duration", type=float, default=60, help="seconds of load")
    parser.add_argument("--faults", choices=["none", "postgres", "redis"], default="none")
    parser.add_argument("--outage", type=float, help="seconds cut (postgres 5, redis 10)")
    parser.add_argument("--min-requests", type=int, default=0, help="answers per kind and phase")
    parser.add_argument("--max-wait", type=float, default=120, help="seconds a phase may wait")
    parser.add_argument("--database", default="newsroom_ops_soak")
    parser.add_argument("--redis-db", type=int, default=11)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=0, help="gunicorn's port (default: free)")
    parser.add_argument("--keep-database", action="store_true", help="reuse it if present")
    args = parser.parse_args(argv)
    if args.outage is None:
        args.outage = DEFAULT_OUTAGE.get(args.faults, 0.0)
    if args.faults != "none" and args.outage >= args.duration:
        parser.error("--outage must be shorter than --duration")
    if args.min_requests < 0 or args.max_wait < 0:
        parser.error("--min-requests and --max-wait cannot be negative")
    return args


def production_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("REDIS_URL", "AWS_STORAGE_BUCKET_NAME", "SEARCH_URL", "FRONTEND_CACHE_PURGE_URL"):
        env.pop(name, None)  # the soak's own services only
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback, no TLS proxy in front
        STATIC_ROOT=str(SOAK_DIR / "static"),
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def manage(args, command: list[str], **extra: str) -> str:
    result = subprocess.run(  # noqa: S603
        [sys.executable, *command],
        cwd=BASE_DIR,
        # Logs to stderr: these commands print their answer (a key, JSON) on stdout.
        env=production_env(DATABASE_URL=database_url(args.database), LOG_STREAM="stderr", **extra),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"soak: {' '.join(command[:2])} failed (exit {result.returncode})")
    return result.stdout


def prepare(args) -> tuple[dict, str]:
    """The demo database, the site's static files, the URLs to read and a partner key."""
    if not (args.keep_database and database.exists(args.database)):
        log(f"creating {args.database} with the demo data")
        database.create_migrated(args.database, log)
        manage(args, ["manage.py", "load_demo", "-v0"])
    SOAK_DIR.mkdir(parents=True, exist_ok=True)
    ignore = [f"--ignore={pattern}" for pattern in THIRD_PARTY_STATIC]
    manage(args, ["manage.py", "collectstatic", "--no-input", "-v0", *ignore])
    urls = json.loads(manage(args, ["-c", LIST_URLS]))
    urls["search"] = [f"/search/?q={quote(q)}" for q in SEARCHES]
    missing = [kind for kind in KINDS if not urls.get(kind)]
    if missing:
        raise SystemExit(f"soak: the demo data has no {', '.join(missing)} to read")
    key = manage(args, ["manage.py", "create_partner_key", "Soak"]).strip()
    return urls, key


def free_port(preferred: int = 0) -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", preferred))
        return s.getsockname()[1]


def wait_until_listening(port: int, proc, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"soak: gunicorn exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("soak: gunicorn did not start listening")


@contextmanager
def services(args):
    """Relays in front of PostgreSQL and Redis, and gunicorn behind them."""
    db = dj_database_url.parse(database_url(args.database))
    postgres = Relay((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
    redis = Relay(("127.0.0.1", int(os.environ.get("SOAK_REDIS_PORT", "6379"))))
    postgres.open()
    redis.open()
    port = free_port(args.port)
    relayed_db = f"postgres://{db['USER']}@127.0.0.1:{postgres.port}/{db['NAME']}"
    env = production_env(
        DATABASE_URL=relayed_db,
        REDIS_URL=f"redis://127.0.0.1:{redis.port}/{args.redis_db}",
        CACHE_KEY_PREFIX=f"soak-{secrets.token_hex(4)}",  # a cold cache every run
        API_DEFAULT_RATE="100000000/hour",  # counted in Redis, never reached
        BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY=str(args.workers),
        GUNICORN_THREADS=str(args.threads),
        GUNICORN_ACCESS_LOG="0",
        LOG_LEVEL="warning",
    )
    server_log = SOAK_DIR / f"gunicorn-{args.faults}.log"
    with server_log.open("w") as out:
        proc = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "-c", "newsroom/gunicorn.conf.py"],
            cwd=BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_listening(port, proc)
            yield {"port": port, "postgres": postgres, "redis": redis, "log": server_log}
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            postgres.close()
            redis.close()


class Reader(threading.Thread):
    """Fetches random URLs of each kind in turn until told to stop; records every answer."""

    def __init__(self, port, urls, key, started, stop, records, seed):
        super().__init__(daemon=True)
        self.port, self.urls, self.key = port, urls, key
        self.started, self.stop, self.records = started, stop, records
        self.random = random.Random(seed)  # noqa: S311  picking URLs, not secrets

    def run(self):
        kinds = list(KINDS)
        self.random.shuffle(kinds)
        turn = 0
        while not self.stop.is_set():
            kind = kinds[turn % len(kinds)]
            turn += 1
            path = self.random.choice(self.urls[kind])
            headers = {"Authorization": f"Api-Key {self.key}"} if kind == "api" else {}
            self.records.append(self.fetch(kind, path, headers))

    def fetch(self, kind, path, headers):
        begin = time.monotonic()
        status = None
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            conn.request("GET", path, headers={**headers, "Connection": "close"})
            response = conn.getresponse()
            response.read()
            status = response.status
            conn.close()
        except (OSError, http.client.HTTPException):
            status = None  # a dropped connection: refused, reset or timed out
        end = time.monotonic()
        return (begin - self.started, kind, status, (end - begin) * 1000)


def percentile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return round(ordered[index], 1)


def summarize(records) -> dict:
    statuses = Counter("dropped" if r[2] is None else str(r[2]) for r in records)
    return {
        "requests": len(records),
        "statuses": dict(sorted(statuses.items())),
        "5xx": sum(n for s, n in statuses.items() if s.startswith("5")),
        "500": statuses.get("500", 0),
        "dropped_connections": statuses.get("dropped", 0),
    }


def summarize_phase(records) -> dict:
    """A phase's answers, overall and per kind."""
    kinds = {kind: summarize([r for r in records if r[1] == kind]) for kind in KINDS}
    return {**summarize(records), "kinds": kinds}


def report(args, records, outage, elapsed) -> dict:
    kinds = summarize_phase(records)["kinds"]
    for kind in KINDS:
        ok = [r[3] for r in records if r[1] == kind and r[2] == 200]
        kinds[kind].update(p50_ms=percentile(ok, 0.50), p95_ms=percentile(ok, 0.95))
    result = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.node()}, {os.cpu_count()} CPUs, {platform.platform()}",
        "command": "python -m ops.soak " + " ".join(sys.argv[1:]),
        "users": args.users,
        "duration_s": args.duration,
        "min_requests": args.min_requests,
        "max_wait_s": args.max_wait,
        "elapsed_s": round(elapsed, 2),
        "workers": args.workers,
        "threads": args.threads,
        "faults": args.faults,
        **summarize(records),
        "requests_per_s": round(len(records) / elapsed, 1),
        "kinds": kinds,
    }
    if outage:
        start, end = outage
        during = [r for r in records if start <= r[0] < end]
        after = [r for r in records if r[0] >= end]
        bad_after = [r for r in after if r[2] != 200]
        result["outage"] = {
            "service": args.faults,
            "from_s": round(start, 2),
            "to_s": round(end, 2),
        }
        result["phases"] = {
            "before": summarize_phase([r for r in records if r[0] < start]),
            "during": summarize_phase(during),
            "after": summarize_phase(after),
        }
        # The last answer that was not a 200, counted from the moment the service came back.
        result["recovered_s_after_outage"] = (
            round(max(r[0] + r[3] / 1000 for r in bad_after) - end, 2) if bad_after else 0.0
        )
    result["holds"], result["broken"] = verdict(args, result)
    return result


def verdict(args, result) -> tuple[bool, list[str]]:
    """What the run must hold, per mode; the list says what it broke."""
    broken = []
    if args.faults == "none":
        if result["5xx"]:
            broken.append(f"{result['5xx']} answers 5xx")
    elif args.faults == "postgres":
        during, after = result["phases"]["during"], result["phases"]["after"]
        if result["500"]:
            broken.append(f"{result['500']} answers 500")
        if not during["statuses"].get("503"):
            broken.append("no 503 during the outage")
        if set(after["statuses"]) != {"200"}:
            broken.append(f"not only 200 after the outage: {after['statuses']}")
    elif result["5xx"]:
        broken.append(f"{result['5xx']} answers 5xx while Redis was cut")
    if result["dropped_connections"]:
        broken.append(f"{result['dropped_connections']} dropped connections")
    phases = result.get("phases") or {"run": {"kinds": result["kinds"]}}
    for phase, found in phases.items():
        short = [kind for kind, m in found["kinds"].items() if m["requests"] < args.min_requests]
        if short:
            shortfall = f"fewer than --min-requests {args.min_requests} of {', '.join(short)}"
            broken.append(f"{phase}: {shortfall} within --max-wait {args.max_wait:g} s")
    return not broken, broken


def log_lines(path: Path) -> dict[str, int]:
    """How many lines the server logged, by level and logger ("WARNING newsroom.unavailable")."""
    counts = Counter()
    for line in path.read_text(errors="replace").splitlines():
        parts = line.split()
        if len(parts) > 3 and parts[2] in ("WARNING", "ERROR", "CRITICAL"):
            counts[f"{parts[2]} {parts[3]}"] += 1
    return dict(counts.most_common())


def run_phase(args, records, started: float, since: float, until: float) -> None:
    """Run until `until` s into the run and, with --min-requests, until every kind has that
    many answers to requests started since `since`, the phase's start (--max-wait s at most)."""
    time.sleep(max(0.0, started + until - time.monotonic()))
    deadline = started + max(since, until) + args.max_wait
    while args.min_requests and time.monotonic() < deadline:
        answered = Counter(r[1] for r in records[:] if r[0] >= since)
        if all(answered[kind] >= args.min_requests for kind in KINDS):
            return
        time.sleep(0.05)


def drive(args, urls, key, running) -> tuple[list, tuple | None, float]:
    """The readers' records, the outage (from, to) and the seconds of load."""
    records: list = []
    stop = threading.Event()
    started = time.monotonic()
    readers = [
        Reader(running["port"], urls, key, started, stop, records, seed=i)
        for i in range(args.users)
    ]
    for reader in readers:
        reader.start()
    outage = None
    since = 0.0
    if args.faults != "none":
        relay = running[args.faults]
        run_phase(args, records, started, since, args.duration / 2 - args.outage / 2)
        relay.cut()
        cut_at = time.monotonic() - started
        log(f"{args.faults} cut at {cut_at:.1f} s for {args.outage:g} s or more")
        run_phase(args, records, started, cut_at, cut_at + args.outage)
        relay.open()
        outage = (cut_at, time.monotonic() - started)
        since = outage[1]
        log(f"{args.faults} back at {since:.1f} s, cut for {since - cut_at:.1f} s")
    run_phase(args, records, started, since, args.duration)
    elapsed = time.monotonic() - started
    stop.set()
    for reader in readers:
        reader.join(timeout=60)
    return records, outage, elapsed


def main(argv=None) -> int:
    args = parse_args(argv)
    urls, key = prepare(args)
    with services(args) as running:
        log(
            f"gunicorn on 127.0.0.1:{running['port']}: {args.users} readers for {args.duration:g} s"
        )
        records, outage, elapsed = drive(args, urls, key, running)
        result = report(args, records, outage, elapsed)
        result["server_log"] = str(running["log"].relative_to(BASE_DIR))
        result["server_log_lines"] = log_lines(running["log"])
    print(json.dumps(result, indent=2))  # noqa: T201
    return 0 if result["holds"] else 1


if __name__ == "__main__":
    sys.exit(main())
