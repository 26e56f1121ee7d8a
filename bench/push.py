"""Time the push: from an editor's publish to a partner's signed webhook, with a real worker.

    python -m bench.push --rounds 10 --soak-seconds 60 --stop-after 15 --stop-for 30

Runs inside Django (bench settings: the database task backend). A partner subscribed to
article.published has its receiver here (a thread on a free loopback port) that verifies
each signature (newsroom/partners/webhooks/signing.py) and notes when each webhook-id
arrived. `manage.py run_worker` runs as subprocesses, as `make worker` runs it (a second one
for the "background" queue, at a lower CPU priority).

- latency: `rounds` stories with 50 links are published one after another; for each, the
  publish (what the editor's request does: the revision, the live page, the rows it
  enqueues) is timed, then the wait from the publish's commit to the partner's webhook.
- soak: a story is published every `--every` seconds for `--soak-seconds`; the worker is
  stopped (SIGTERM, as a deploy does) `--stop-after` seconds in and started again
  `--stop-for` seconds later. Then every story must have reached the receiver: lost (never
  arrived) and duplicates (a webhook-id that arrived twice, which a receiver that
  deduplicates by webhook-id ignores) are counted.

Prints one JSON object. The stories and the partner are deleted afterwards (their delivery
log rows too).
"""

import argparse
import http.server
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import django

from bench.load import percentile

BASE_DIR = Path(__file__).resolve().parent.parent


class Receiver(http.server.BaseHTTPRequestHandler):
    """A partner's endpoint: verifies the signature, notes (webhook-id, story id, time)."""

    secret = ""
    arrivals: list[tuple[str, int, float]] = []
    rejected = 0
    lock = threading.Lock()

    def do_POST(self):  # noqa: N802 (the HTTP method's name)
        from newsroom.partners.webhooks.signing import verify

        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            verify(Receiver.secret, self.headers, body)
        except Exception:
            with Receiver.lock:
                Receiver.rejected += 1
            self.send_response(400)
            self.end_headers()
            return
        event = json.loads(body)
        with Receiver.lock:
            Receiver.arrivals.append(
                (self.headers["webhook-id"], event["data"]["id"], time.monotonic())
            )
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


WORKERS = (  # as `make worker` runs them
    ["--exclude-queues=background"],
    ["--queue-name=background", "--nice=10", "--no-schedule"],
)


def start_worker() -> list[subprocess.Popen]:
    return [
        subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "run_worker", "--no-reload", "-v0", *options],
            cwd=BASE_DIR,
            env=os.environ.copy(),
        )
        for options in WORKERS
    ]


def stop_worker(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def arrived(story_id: int) -> float | None:
    with Receiver.lock:
        times = [t for _, sid, t in Receiver.arrivals if sid == story_id]
    return min(times) if times else None


def wait_for(story_ids, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(arrived(pk) is not None for pk in story_ids):
            return
        time.sleep(0.05)


def publish(n: int, label: str):
    """A story with 50 links published as the editor's request does (in one transaction,
    as newsroom/worker/atomic.py makes the admin's); (story, seconds, commit time)."""
    from django.db import transaction

    from bench.publish import draft_story

    story = draft_story(f"{label}-{n}")
    started = time.perf_counter()
    with transaction.atomic():
        story.save_revision().publish()
    committed = time.monotonic()
    return story, time.perf_counter() - started, committed


def latency_rounds(rounds: int) -> dict:
    """rounds publishes, after one that is not counted: it waits for the worker to start and
    for any backlog left in the queue (a previous run's deletions, say)."""
    story, _, _ = publish(-1, "push-warm-up")
    wait_for([story.pk], timeout=120)
    publish_s, waits, stories = [], [], [story]
    for n in range(rounds):
        story, seconds, committed = publish(n, "push")
        stories.append(story)
        publish_s.append(seconds)
        wait_for([story.pk], timeout=60)
        at = arrived(story.pk)
        waits.append((at - committed) if at is not None else float("inf"))
    return {
        "rounds": rounds,
        "publish_median_ms": round(statistics.median(publish_s) * 1000, 1),
        "publish_max_ms": round(max(publish_s) * 1000, 1),
        "save_to_webhook_p50_ms": round(percentile(sorted(waits), 0.5) * 1000, 1),
        "save_to_webhook_p95_ms": round(percentile(sorted(waits), 0.95) * 1000, 1),
        "save_to_webhook_max_ms": round(max(waits) * 1000, 1),
        "stories": stories,
    }


def soak(args, worker_box: list) -> dict:
    stories, n = [], 0
    started = time.monotonic()
    stopped_at = restarted_at = None
    while time.monotonic() - started < args.soak_seconds:
        elapsed = time.monotonic() - started
        if stopped_at is None and elapsed >= args.stop_after:
            stop_worker(worker_box[0])
            stopped_at = elapsed
        if (
            stopped_at is not None
            and restarted_at is None
            and elapsed >= args.stop_after + (args.stop_for)
        ):
            worker_box[0] = start_worker()
            restarted_at = elapsed
        story, _, _ = publish(n, "soak")
        stories.append(story)
        n += 1
        time.sleep(args.every)
    if restarted_at is None:  # a soak shorter than the stop: start it again now
        worker_box[0] = start_worker()
        restarted_at = time.monotonic() - started
    wait_for([s.pk for s in stories], timeout=args.drain_timeout)
    ids = {s.pk for s in stories}
    with Receiver.lock:
        mine = [(mid, sid) for mid, sid, _ in Receiver.arrivals if sid in ids]
    received = {sid for _, sid in mine}
    message_ids = [mid for mid, _ in mine]
    return {
        "published": len(stories),
        "worker_stopped_at_s": round(stopped_at or 0, 1),
        "worker_started_again_at_s": round(restarted_at, 1),
        "lost": len(ids - received),
        "deliveries_received": len(mine),
        "sent_twice_same_webhook_id": len(message_ids) - len(set(message_ids)),
        "stories_sent_under_two_webhook_ids": sum(
            1 for sid in received if len({mid for mid, s in mine if s == sid}) > 1
        ),
        "stories": stories,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--soak-seconds", type=float, default=60)
    parser.add_argument("--every", type=float, default=0.5)
    parser.add_argument("--stop-after", type=float, default=15)
    parser.add_argument("--stop-for", type=float, default=30)
    parser.add_argument("--drain-timeout", type=float, default=120)
    args = parser.parse_args()
    django.setup()

    from newsroom.partners.models import Partner
    from newsroom.partners.webhooks.models import WebhookDelivery, WebhookSubscription

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    partner = Partner.objects.create(name=f"Bench push partner {time.time_ns()}")
    subscription = WebhookSubscription.objects.create(
        partner=partner,
        url=f"http://127.0.0.1:{server.server_address[1]}/",
        events=["article.published"],
    )
    Receiver.secret = subscription.secret
    worker_box = [start_worker()]
    result, stories = {}, []
    try:
        latency = latency_rounds(args.rounds)
        stories += latency.pop("stories")
        result["latency"] = latency
        if args.soak_seconds > 0:
            soaked = soak(args, worker_box)
            stories += soaked.pop("stories")
            result["soak_worker_stopped"] = soaked
        result["signatures_rejected"] = Receiver.rejected
    finally:
        stop_worker(worker_box[0])
        server.shutdown()
        for story in stories:
            story.delete()
        WebhookDelivery.objects.filter(subscription__partner=partner).delete()
        WebhookSubscription.objects.filter(partner=partner).delete()
        partner.delete()
    print(json.dumps(result))  # noqa: T201


if __name__ == "__main__":
    main()
