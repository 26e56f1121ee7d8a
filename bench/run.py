"""The benchmark: `make bench ARGS="--articles 10000"` prints one JSON object on stdout.

Builds (once) a corpus in its own PostgreSQL database, starts gunicorn with production
settings (bench variant: newsroom/settings/bench.py) on a free loopback port, drives each
case with locust headless at a fixed concurrency for a fixed time (and, with --min-requests,
until the case has that many answers, however slow the machine), counts SQL queries per
request with Django's test client against the same database, times publishing, and
reports each case against the static-file ceiling and the issue's targets.
Progress goes to stderr. See bench/RESULTS.md for a run and how to read it.

Here: the command line and the order of the run. The cases are in cases.py, the corpus and
static files in prepare.py, the processes in processes.py, locust in load.py, the report's
machine, comparisons and targets in report.py.
"""

import argparse
import contextlib
import http.server
import json
import os
import threading
import time
import uuid

import psycopg

from bench import database
from bench.cases import CASES, CEILING_FILE, SERVERS, case_spec
from bench.load import drive, warm_up
from bench.prepare import collect_static, ensure_corpus
from bench.processes import beside, django_command, server
from bench.progress import log
from bench.report import comparisons, machine, targets


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Benchmark the newsroom; prints one JSON object.")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--actors", type=int, default=1_000)
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--explainers", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database", help="default: newsroom_bench_<articles>")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the corpus even if present")
    parser.add_argument("--users", type=int, default=8, help="concurrent users per case")
    parser.add_argument("--duration", type=int, default=20, help="seconds per case")
    parser.add_argument("--min-requests", type=int, default=0, help="answers per case at least")
    parser.add_argument("--max-wait", type=int, default=120, help="seconds a case may wait")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--sample", type=int, default=200, help="distinct URLs per page case")
    parser.add_argument("--publish-rounds", type=int, default=5)
    parser.add_argument("--push-rounds", type=int, default=10, help="0: skip bench/push.py")
    parser.add_argument("--push-soak", type=int, default=60, help="seconds; 0: no soak")
    parser.add_argument("--cases", help="comma-separated subset of: " + ", ".join(CASES))
    parser.add_argument(
        "--one-worker",
        action="store_true",
        help="after_change: one worker for every queue (before the background one)",
    )
    parser.add_argument(
        "--static",
        choices=["hashed", "plain"],
        default="hashed",
        help="plain: skip hashing/compressing static files (the quick self-test only)",
    )
    args = parser.parse_args(argv)
    args.database = args.database or f"newsroom_bench_{args.articles}"
    args.cases = args.cases.split(",") if args.cases else list(CASES)
    unknown = set(args.cases) - set(CASES)
    if unknown:
        parser.error(f"--cases: unknown {', '.join(sorted(unknown))}")
    return args


def count_queries(args, specs: dict) -> dict:
    """SQL queries and bytes of each page case's first request (bench/queries.py), counted
    in each case's server environment."""
    counts = {}
    for server_name, extra in SERVERS.items():
        group = [s for n, s in specs.items() if CASES[n][0] == server_name and CASES[n][1]]
        if group:
            counts.update(
                json.loads(
                    django_command(args, ["-m", "bench.queries"], json.dumps(group), **extra)
                )
            )
    return counts


def write_ceiling(static_root, article_bytes: int) -> None:
    """The ceiling: the article page's own bytes as a static file, served by whitenoise."""
    ceiling = static_root / CEILING_FILE
    ceiling.parent.mkdir(parents=True, exist_ok=True)
    ceiling.write_bytes((b"<!-- bench ceiling -->" + b" " * article_bytes)[:article_bytes])


@contextlib.contextmanager
def changing(args, server_name: str, prefix: str, plan: dict):
    """For the after_change server: a worker and bench/changer.py beside it while the case
    runs (yields the changer's output list); for the others, nothing."""
    if server_name != "after_change":
        yield None
        return
    changer = [
        "-m",
        "bench.changer",
        f"--explainer={plan['changed_explainer']}",
        "--every=2",
        f"--seconds={args.duration + args.max_wait}",
    ]
    worker = ["manage.py", "run_worker", "--no-reload", "-v0"]
    # As `make worker` runs them: the warm-ups in a second worker at a lower CPU priority.
    background = [*worker, "--queue-name=background", "--nice=10", "--no-schedule"]
    with contextlib.ExitStack() as stack:
        if args.one_worker:
            stack.enter_context(beside(args, server_name, prefix, worker))
        else:
            stack.enter_context(
                beside(args, server_name, prefix, [*worker, "--exclude-queues=background"])
            )
            stack.enter_context(beside(args, server_name, prefix, background))
        yield stack.enter_context(beside(args, server_name, prefix, changer, ready_line=True))


def measure(args, specs: dict, counts: dict, article_bytes: int, plan: dict) -> dict:
    """Each case under load, one server variant at a time, with its queries and bytes."""
    results = {}
    for server_name in SERVERS:
        names = [n for n in args.cases if CASES[n][0] == server_name]
        if not names:
            continue
        prefix = f"bench-{uuid.uuid4().hex[:8]}"
        with server(args, server_name, prefix) as url:
            for name in names:
                spec = specs[name]
                warm_up(url, spec, args.workers)
                log(f"case {name}: {args.users} users for {args.duration:g} s")
                with changing(args, server_name, prefix, plan) as changes:
                    results[name] = {**drive(args, url, spec["paths"], spec["headers"])}
                if changes:
                    results[name]["changes_made"] = json.loads(changes[-1] or "null")
                if name in counts:
                    results[name]["queries"] = counts[name]["queries"]
                    results[name]["bytes"] = counts[name]["bytes"]
                elif name == "static_ceiling":
                    results[name]["queries"] = 0
                    results[name]["bytes"] = article_bytes
    return results


class PurgeHandler(http.server.BaseHTTPRequestHandler):
    """A stand-in for a CDN: answers PURGE and remembers what was purged."""

    purged: list[str] = []

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        PurgeHandler.purged.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def time_publishing(args) -> dict:
    """Publishing timed by bench/publish.py, its purges answered by the stand-in CDN."""
    purge = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeHandler)
    threading.Thread(target=purge.serve_forever, daemon=True).start()
    try:
        out = django_command(
            args,
            ["-m", "bench.publish", f"--repeat={args.publish_rounds}"],
            BENCH_FRONTEND_CACHE_URL=f"http://127.0.0.1:{purge.server_address[1]}/",
        )
    finally:
        purge.shutdown()
    result = json.loads(out)
    result["purge_requests"] = len(PurgeHandler.purged)
    return result


def time_push(args) -> dict:
    """Save to a partner's webhook with a real worker, and the soak with the worker stopped
    for 30 s (bench/push.py)."""
    out = django_command(
        args,
        [
            "-m",
            "bench.push",
            f"--rounds={args.push_rounds}",
            f"--soak-seconds={args.push_soak}",
            # the soak: stopped 15 s in, for 30 s (a shorter soak: a quarter in, for half)
            f"--stop-after={min(15, args.push_soak / 4)}",
            f"--stop-for={min(30, args.push_soak / 2)}",
        ],
    )
    return json.loads(out)


def run(args) -> dict:
    started = time.perf_counter()
    machine_before = machine()
    corpus_info = ensure_corpus(args)
    static_root = collect_static(args)
    plan = json.loads(
        django_command(args, ["-m", "bench.plan", f"--sample={args.sample}", f"--seed={args.seed}"])
    )

    log("counting SQL queries per request")
    specs = {name: case_spec(name, plan) for name in args.cases}
    counts = count_queries(args, specs)
    article_bytes = counts.get("article_uncached", {}).get("bytes") or 20_000
    write_ceiling(static_root, article_bytes)

    results = measure(args, specs, counts, article_bytes, plan)
    static_rps = results.get("static_ceiling", {}).get("rps")
    for result in results.values():
        result["ratio_to_static"] = round(result["rps"] / static_rps, 3) if static_rps else None

    publish = None
    if args.publish_rounds > 0:
        log(f"timing publishing ({args.publish_rounds} rounds)")
        publish = time_publishing(args)

    push = None
    if args.push_rounds > 0:
        log(f"timing push to a partner ({args.push_rounds} rounds, {args.push_soak} s soak)")
        push = time_push(args)

    return {
        "machine": machine_before,
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "corpus": corpus_info,
        "load": {
            "users": args.users,
            "seconds_per_case": args.duration,
            "min_requests_per_case": args.min_requests,
            "gunicorn_workers": args.workers,
            "locust": "FastHttpUser, no wait, one process on the same machine",
            "after_change_workers": "one" if args.one_worker else "default + background (nice 10)",
        },
        "cases": results,
        "comparisons": comparisons(results, plan),
        "publish": publish,
        "push": push,
        "targets": targets(results, publish, push),
        "total_seconds": round(time.perf_counter() - started, 1),
    }


def main(argv=None):
    args = parse_args(argv)
    try:
        database.exists("postgres")
    except psycopg.OperationalError as error:
        raise SystemExit(f"bench: no PostgreSQL answers ({error})") from error
    print(json.dumps(run(args), indent=2))  # noqa: T201


if __name__ == "__main__":
    main()
