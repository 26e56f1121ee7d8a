"""Driving one case against a running server: untimed warm-up requests, then a headless
locust run (bench/locustfile.py) whose every response time gives exact percentiles."""

import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from bench.processes import BASE_DIR
from bench.progress import log


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
