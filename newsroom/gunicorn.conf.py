"""gunicorn's configuration for production (`make serve`): gthread workers, from the environment.

WEB_CONCURRENCY worker processes (default 2 per CPU + 1), each with GUNICORN_THREADS threads
(default 4), listening on BIND (default 0.0.0.0:$PORT, PORT default 8000). Requests and
errors are logged to standard output and standard error.
"""

import gc
import multiprocessing
import os

wsgi_app = "newsroom.wsgi:application"
bind = os.environ.get("BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
worker_class = "gthread"
# Load Django once in the master, before forking: workers start at once, and a broken
# release fails at start rather than on the first request (connections open lazily, after).
preload_app = True
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))  # a stuck request frees its worker
graceful_timeout = 20
keepalive = 5  # behind a load balancer that reuses connections
# Recycle workers now and then, staggered, so a slow leak never takes the site down.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
# The proxy in front sets X-Forwarded-Proto; trust it from these addresses only.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "1") != "0" else None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()


def post_fork(server, worker):
    """Tune each worker's garbage collector for Django's many short-lived objects.

    The preloaded app (Django, Wagtail, every module: hundreds of thousands of objects) is
    moved out of the collector's sight, so a full collection no longer walks it, and young
    collections run every 50,000 new objects instead of 700. A cold API list of 50 stories
    makes about a million objects; at the defaults its time ranged 290-560 ms from one
    request to the next, with this 280-340 ms (bench/RESULTS.md).
    """
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
