"""The processes the bench starts, all in the bench environment (bench/env.py): Django
commands whose stdout it reads, and gunicorn serving one server variant on a free port."""

import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

from bench.cases import SERVERS
from bench.env import bench_environ
from bench.progress import log

BASE_DIR = Path(__file__).resolve().parent.parent


def env(args, **extra):
    """The bench environment on args' database (plain static files with --static plain)."""
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server(args, name: str, prefix: str | None = None):
    """gunicorn with the bench settings on a free loopback port; stopped on exit. Processes
    that must share its cache (a worker) are given the same prefix."""
    port = free_port()
    extra = dict(SERVERS[name], BENCH_CACHE_PREFIX=prefix or f"bench-{uuid.uuid4().hex[:8]}")
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


@contextmanager
def beside(args, name: str, prefix: str, command: list[str], ready_line: bool = False):
    """A Django process (`python -m ...` or manage.py) in server `name`'s environment and
    cache prefix, for as long as the block runs; its stdout is returned in the yielded list.
    With ready_line, the block starts once the process has printed its first line."""
    extra = dict(SERVERS[name], BENCH_CACHE_PREFIX=prefix)
    proc = subprocess.Popen(  # noqa: S603
        [sys.executable, *command],
        cwd=BASE_DIR,
        env=env(args, **extra),
        stdout=subprocess.PIPE,
        text=True,
    )
    out: list[str] = []
    try:
        if ready_line:
            out.append(proc.stdout.readline())
        yield out
    finally:
        proc.terminate()
        try:
            stdout, _ = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            stdout, _ = proc.communicate()
        out.append(stdout or "")
