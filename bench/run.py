"""The benchmark: `make bench ARGS="--articles 10000"` prints one JSON object on stdout.

Builds (once) a corpus in its own PostgreSQL database, starts gunicorn with production
settings (bench variant: newsroom/settings/bench.py) on a free loopback port, drives each
case with locust headless at a fixed concurrency for a fixed time (and, with --min-requests,
until the case has that many answers, however slow the machine), counts SQL queries per
request with Django's test client against the same database, times publishing, and
reports each case against the static-file ceiling and the issue's targets.
Progress goes to stderr. See bench/RESULTS.md for a run and how to read it.
"""

import argparse
import datetime
import http.server
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

import psycopg

from bench import corpus, database
from bench.env import bench_environ

BASE_DIR = Path(__file__).resolve().parent.parent
STATIC_DIR = {"hashed": BASE_DIR / "var/bench/static", "plain": BASE_DIR / "var/bench/static-plain"}
CEILING_FILE = "bench/article-size.html"

# name: (server, plan key, sends the API key)
CASES = {
    "static_ceiling": ("site", None, False),
    "article_uncached": ("site", "article", False),
    "article_cached": ("cached", "article_cached", False),
    "article_without_sidebar": ("no_sidebar", "article", False),
    "article_sidebar_cold": ("cold", "article", False),
    "explainer": ("site", "explainer", False),
    "actor": ("site", "actor", False),
    "search": ("site", "search", False),
    "search_cold": ("cold", "search", False),
    "api_list": ("site", "api_list", True),
    "api_list_cold": ("cold", "api_list", True),
    "api_last_page": ("site", "api_last_page", True),
    "api_detail": ("site", "api_detail", True),
    "ninjs_detail": ("site", "ninjs_detail", True),
    "wagtail_v2_list": ("site", "wagtail_v2_list", True),
}
SERVERS = {
    "site": {},
    "no_sidebar": {"BENCH_SIDEBAR": "0"},
    "cached": {"BENCH_PAGE_CACHE": "1"},
    "cold": {"BENCH_SIDEBAR_CACHE": "0", "BENCH_API_CACHE": "0", "BENCH_SEARCH_CACHE": "0"},
}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)  # noqa: T201


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
    parser.add_argument("--cases", help="comma-separated subset of: " + ", ".join(CASES))
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


def env(args, **extra):
    extra = {"BENCH_STATIC": args.static, **extra} if args.static == "plain" else extra
    return bench_environ(args.database, **extra)


def django_command(args, module_args, stdin=None, **extra) -> str:
    """Run `python -m <module>` (or manage.py) in the bench environment; return its stdout."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, *module_args],
        cwd=BASE_DIR,
        env=env(args, **extra),
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"bench: {' '.join(module_args)} failed (exit {result.returncode})")
    return result.stdout


def ensure_corpus(args) -> dict:
    label = corpus.corpus_label(args)
    if not args.rebuild and database.corpus_label(args.database) == label:
        log(f"corpus present in {args.database}; applying any new migrations")
        django_command(args, ["manage.py", "migrate", "--no-input", "-v0"])
        database.tune(args.database)
        database.vacuum(args.database)
        return {"database": args.database, "built_now": False, **json.loads(label)}
    log(f"building the corpus in {args.database}")
    database.create_migrated(args.database, log)
    database.tune(args.database)
    proc = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-m",
            "bench.corpus",
            f"--articles={args.articles}",
            f"--actors={args.actors}",
            f"--claims={args.claims}",
            f"--explainers={args.explainers}",
            f"--seed={args.seed}",
        ],
        cwd=BASE_DIR,
        env=env(args),
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        database.drop(args.database)  # never leave half a corpus that looks whole
        raise SystemExit("bench: building the corpus failed")
    built = json.loads(proc.stdout)
    log(f"corpus built in {built['seconds']} s")
    database.vacuum(args.database)
    return {
        "database": args.database,
        "built_now": True,
        "build_seconds": built["seconds"],
        **json.loads(label),
    }


def collect_static(args) -> Path:
    static_root = STATIC_DIR[args.static]
    manifest = static_root / "staticfiles.json"
    sources = [BASE_DIR / "newsroom" / "static", BASE_DIR / "conflicts" / "static"]
    newest = max(
        (p.stat().st_mtime for d in sources if d.exists() for p in d.rglob("*") if p.is_file()),
        default=0,
    )
    done = static_root / ".collected"
    marker = manifest if args.static == "hashed" else done
    if not marker.exists() or marker.stat().st_mtime < newest:
        log("collecting static files (hashed and compressed: about a minute and a half)")
        django_command(args, ["manage.py", "collectstatic", "--no-input", "-v0"])
        done.touch()
    return static_root


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server(args, name: str):
    """gunicorn with the bench settings on a free loopback port; stopped on exit."""
    port = free_port()
    extra = dict(SERVERS[name], BENCH_CACHE_PREFIX=f"bench-{uuid.uuid4().hex[:8]}")
    # Production's own gunicorn configuration (`make serve`), on a loopback port, quiet.
    extra.update(
        BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY=str(args.workers),
        GUNICORN_TIMEOUT="120",
        GUNICORN_ACCESS_LOG="0",
        LOG_LEVEL="warning",
    )
    command = [sys.executable, "-m", "gunicorn", "--config=newsroom/gunicorn.conf.py"]
    proc = subprocess.Popen(command, cwd=BASE_DIR, env=env(args, **extra))  # noqa: S603
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/robots.txt", timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"bench: the {name} server did not start")
            time.sleep(0.3)
        log(f"server {name} ({args.workers} workers) at {url}")
        yield url
    finally:
        proc.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def warm_up(url: str, spec: dict, workers: int) -> None:
    """Untimed requests first: every path once (fills the page cache in the cached case),
    then enough for each worker to have loaded Django's URLs, templates and connections."""
    paths = spec["paths"]
    for i in range(max(len(paths), workers * 3)):
        request = urllib.request.Request(url + paths[i % len(paths)], headers=spec["headers"])  # noqa: S310
        try:
            urllib.request.urlopen(request, timeout=300).read()  # noqa: S310
        except OSError as error:  # 4xx/5xx are counted by the timed run itself
            log(f"warm-up {paths[i % len(paths)]}: {error}")
            break


def percentile(sorted_values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    if not sorted_values:
        return 0.0
    index = max(0, min(len(sorted_values) - 1, round(share * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


def drive(args, url: str, paths: list[str], headers: dict) -> dict:
    """One locust run at args.users concurrency for args.duration seconds; with
    --min-requests, on until it has them, --max-wait seconds more at most."""
    with tempfile.TemporaryDirectory() as tmp:
        case_file, out = Path(tmp) / "case.json", Path(tmp) / "out.json"
        case = {"paths": paths, "headers": headers, "out": str(out)}
        if args.min_requests:  # bench/locustfile.py stops it; --run-time is the cap
            case.update(seconds=args.duration, min_requests=args.min_requests)
        case_file.write_text(json.dumps(case))
        run_time = args.duration + (args.max_wait if args.min_requests else 0)
        locust = subprocess.run(  # noqa: S603
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(BASE_DIR / "bench" / "locustfile.py"),
                "--headless",
                "--only-summary",
                "--skip-log-setup",
                f"--users={args.users}",
                f"--spawn-rate={args.users}",
                f"--run-time={run_time}s",
                "--stop-timeout=30",
                f"--host={url}",
            ],
            cwd=BASE_DIR,
            env={**os.environ, "BENCH_CASE_FILE": str(case_file)},
            capture_output=True,
            text=True,
            check=False,
        )
        if not out.exists():
            sys.stderr.write(locust.stderr[-3000:])
            raise SystemExit(f"bench: locust failed (exit {locust.returncode})")
        result = json.loads(out.read_text())
    times = sorted(result["times_ms"])
    ok = sum(n for status, n in result["statuses"].items() if status.startswith("2"))
    seconds = result["seconds"] or args.duration
    return {
        "requests": len(times),
        "rps": round(len(times) / seconds, 1) if times else 0.0,
        "p50_ms": round(percentile(times, 0.50), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "p99_ms": round(percentile(times, 0.99), 1),
        "errors": len(times) - ok,
        "statuses": result["statuses"],
        **({"error_samples": result["errors"]} if result["errors"] else {}),
    }


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


def python_loop_ms() -> float:
    """The machine's speed at one task that needs nothing else: the best of 3 runs of a fixed
    pure-Python loop. Runs on different days or machines compare through it (a slower
    machine gives a larger number, and every case's latency grows with it)."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for i in range(2_000_000):
            total += i
        best = min(best, time.perf_counter() - start)
    return round(best * 1000, 1)


def machine() -> dict:
    memory = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
        "python_loop_ms": python_loop_ms(),
        "ram_gib": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }


def targets(cases: dict, publish: dict | None) -> list[dict]:
    """The issue's targets at 10,000 articles, each with the measured value and met or not."""

    def check(name, value, limit, ok):
        return {"target": name, "value": value, "limit": limit, "met": ok}

    out = []
    article, static = cases.get("article_uncached"), cases.get("static_ceiling")
    if article:
        out.append(
            check("article page SQL queries", article["queries"], 20, article["queries"] <= 20)
        )
        out.append(
            check("article page uncached p50 ms", article["p50_ms"], 40, article["p50_ms"] <= 40)
        )
    cached = cases.get("article_cached")
    if cached and static and cached.get("rps"):
        ratio = cached["rps"] / static["rps"]
        out.append(check("article cached rps / static rps", round(ratio, 2), 0.5, ratio >= 0.5))
    bare = cases.get("article_without_sidebar")
    if article and bare and article["p50_ms"]:
        extra = article["p50_ms"] / bare["p50_ms"] - 1
        out.append(check("sidebar's extra p50 (share)", round(extra, 2), 0.3, extra <= 0.3))
    cold = cases.get("article_sidebar_cold")
    if cold and bare and bare["p50_ms"]:
        extra = cold["p50_ms"] / bare["p50_ms"] - 1
        out.append(
            check("sidebar's extra p50, its cache off (share)", round(extra, 2), 0.3, extra <= 0.3)
        )
    api, last = cases.get("api_list"), cases.get("api_last_page")
    if api:
        out.append(check("API list p95 ms", api["p95_ms"], 150, api["p95_ms"] <= 150))
    api_cold = cases.get("api_list_cold")
    if api_cold:
        out.append(
            check("API list p95 ms, caches off", api_cold["p95_ms"], 150, api_cold["p95_ms"] <= 150)
        )
    if api and last:
        ratio = last["p50_ms"] / api["p50_ms"]
        out.append(check("API last page p50 / first page p50", round(ratio, 2), 1.5, ratio <= 1.5))
    v2 = cases.get("wagtail_v2_list")
    if api and v2 and v2["rps"]:
        ratio = api["rps"] / v2["rps"]
        out.append(check("API list rps / Wagtail API v2 rps", round(ratio, 2), 2.0, ratio >= 2))
    if api_cold and v2 and v2["rps"]:
        ratio = api_cold["rps"] / v2["rps"]
        out.append(
            check("API list rps, caches off / Wagtail API v2", round(ratio, 2), 2.0, ratio >= 2)
        )
    search = cases.get("search")
    if search:
        out.append(check("search p95 ms", search["p95_ms"], 150, search["p95_ms"] <= 150))
    search_cold = cases.get("search_cold")
    if search_cold:
        value = search_cold["p95_ms"]
        out.append(check("search p95 ms, its cache off", value, 150, value <= 150))
    if publish:
        out.append(
            check(
                "publish 50 links, median ms",
                publish["median_ms"],
                1000,
                publish["median_ms"] <= 1000,
            )
        )
    return out


def run(args) -> dict:
    started = time.perf_counter()
    machine_before = machine()
    corpus_info = ensure_corpus(args)
    static_root = collect_static(args)
    plan = json.loads(
        django_command(args, ["-m", "bench.plan", f"--sample={args.sample}", f"--seed={args.seed}"])
    )
    api_headers = plan["api_headers"]

    def case_spec(name):
        _, key, api = CASES[name]
        paths = [f"/static/{CEILING_FILE}"] if key is None else plan[key]
        return {"name": name, "paths": paths, "headers": api_headers if api else {}}

    log("counting SQL queries per request")
    specs = {name: case_spec(name) for name in args.cases}
    counts = {}
    for server_name, extra in SERVERS.items():
        group = [s for n, s in specs.items() if CASES[n][0] == server_name and CASES[n][1]]
        if group:
            counts.update(
                json.loads(
                    django_command(args, ["-m", "bench.queries"], json.dumps(group), **extra)
                )
            )

    # The ceiling: the article page's own bytes as a static file, served by whitenoise.
    article_bytes = counts.get("article_uncached", {}).get("bytes") or 20_000
    ceiling = static_root / CEILING_FILE
    ceiling.parent.mkdir(parents=True, exist_ok=True)
    ceiling.write_bytes((b"<!-- bench ceiling -->" + b" " * article_bytes)[:article_bytes])

    results = {}
    for server_name in SERVERS:
        names = [n for n in args.cases if CASES[n][0] == server_name]
        if not names:
            continue
        with server(args, server_name) as url:
            for name in names:
                spec = specs[name]
                warm_up(url, spec, args.workers)
                log(f"case {name}: {args.users} users for {args.duration:g} s")
                results[name] = {**drive(args, url, spec["paths"], spec["headers"])}
                if name in counts:
                    results[name]["queries"] = counts[name]["queries"]
                    results[name]["bytes"] = counts[name]["bytes"]
                elif name == "static_ceiling":
                    results[name]["queries"] = 0
                    results[name]["bytes"] = article_bytes

    static_rps = results.get("static_ceiling", {}).get("rps")
    for result in results.values():
        result["ratio_to_static"] = round(result["rps"] / static_rps, 3) if static_rps else None

    publish = None
    if args.publish_rounds > 0:
        log(f"timing publishing ({args.publish_rounds} rounds)")
        publish = time_publishing(args)

    comparisons = {}
    if "api_list" in results and "wagtail_v2_list" in results:
        comparisons["api_list_vs_wagtail_v2"] = {
            "ours_rps": results["api_list"]["rps"],
            "wagtail_v2_rps": results["wagtail_v2_list"]["rps"],
            "ratio": round(
                results["api_list"]["rps"] / max(results["wagtail_v2_list"]["rps"], 0.1), 2
            ),
            "wagtail_v2_path": plan["wagtail_v2_list"][0],
        }
    if "article_uncached" in results and "article_without_sidebar" in results:
        with_sidebar, without = results["article_uncached"], results["article_without_sidebar"]
        comparisons["article_sidebar"] = {
            "with_p50_ms": with_sidebar["p50_ms"],
            "without_p50_ms": without["p50_ms"],
            "with_rps": with_sidebar["rps"],
            "without_rps": without["rps"],
            "extra_p50_share": round(with_sidebar["p50_ms"] / max(without["p50_ms"], 0.1) - 1, 2),
            "with_queries": with_sidebar.get("queries"),
            "without_queries": without.get("queries"),
        }
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
        },
        "cases": results,
        "comparisons": comparisons,
        "publish": publish,
        "targets": targets(results, publish),
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
