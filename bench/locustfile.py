"""One benchmark case for locust (run headless by bench/load.py, one process per case).

BENCH_CASE_FILE names a JSON file: {"paths": [...], "headers": {...}, "out": "<file>"}.
Each simulated user requests paths picked at random, with no wait between requests (a
closed loop at the concurrency locust is given). Every response time and status is
written to "out" when the run stops, so bench/load.py computes exact percentiles itself.
With "min_requests" (and "seconds") in the file, the run stops once "seconds" have passed
and that many requests were answered; locust's --run-time is then only the cap.
"""

import json
import os
import random
import time

import gevent
from locust import FastHttpUser, constant, events, task

CASE = json.loads(open(os.environ["BENCH_CASE_FILE"]).read())  # noqa: SIM115
TIMES: list[float] = []
STATUSES: dict[str, int] = {}
ERRORS: list[str] = []
WINDOW = {"start": None, "stop": None}


@events.request.add_listener
def record(response_time, exception=None, response=None, **kwargs):
    now = time.perf_counter()
    WINDOW["start"] = WINDOW["start"] or now - response_time / 1000
    WINDOW["stop"] = now
    TIMES.append(response_time)
    status = str(getattr(response, "status_code", 0) or 0)
    STATUSES[status] = STATUSES.get(status, 0) + 1
    if exception is not None and len(ERRORS) < 5:
        ERRORS.append(repr(exception)[:300])


@events.test_start.add_listener
def stop_once_sampled(environment, **kwargs):
    if CASE.get("min_requests"):
        gevent.spawn(_stop_when_sampled, environment)


def _stop_when_sampled(environment):
    gevent.sleep(CASE["seconds"])
    while len(TIMES) < CASE["min_requests"]:
        gevent.sleep(0.05)
    environment.runner.quit()  # as locust's own --run-time does


@events.quitting.add_listener
def write_results(environment, **kwargs):
    with open(CASE["out"], "w") as out:
        json.dump(
            {
                "times_ms": TIMES,
                "statuses": STATUSES,
                "errors": ERRORS,
                "seconds": (WINDOW["stop"] or 0) - (WINDOW["start"] or 0),
            },
            out,
        )


class Reader(FastHttpUser):
    wait_time = constant(0)
    headers = CASE.get("headers", {})
    paths = CASE["paths"]

    @task
    def get(self):
        self.client.get(random.choice(self.paths), headers=self.headers, name="case")  # noqa: S311
