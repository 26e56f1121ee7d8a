"""Retries with exponential back-off for our own tasks (django-tasks has none).

A task that may fail for a while (a partner's endpoint down, a CDN timing out) takes an
`attempt` keyword and, when it fails, asks for another try and re-raises, so the failed
attempt's result row keeps the error:

    @task()
    def deliver(delivery_id, attempt=0):
        try:
            send(delivery_id)
        except DeliveryError as error:
            retry_later(deliver, [delivery_id], attempt=attempt, error=error)
            raise

Attempt n (from 0) waits between half and all of min(cap, base * 2**n) ("equal jitter", so
retries of many tasks failing together spread out while each wait still grows). After
max_attempts tries it logs an error and stops. On a backend that cannot defer (the tests'
immediate one) the next try runs at once.
"""

import logging
import random
from datetime import timedelta

from django.utils import timezone
from django_tasks.base import Task, TaskResult

logger = logging.getLogger(__name__)

BASE_DELAY = timedelta(seconds=10)
MAX_DELAY = timedelta(hours=1)
MAX_ATTEMPTS = 8


def backoff(attempt: int, base: timedelta = BASE_DELAY, cap: timedelta = MAX_DELAY) -> timedelta:
    """How long to wait before retrying after attempt (0 for the first try) failed."""
    ceiling = min(cap, base * 2**attempt)
    return ceiling / 2 + ceiling / 2 * random.random()  # noqa: S311 (jitter, not a secret)


def retry_later(
    task: Task,
    args=(),
    kwargs=None,
    *,
    attempt: int,
    error: BaseException,
    max_attempts: int = MAX_ATTEMPTS,
    base: timedelta = BASE_DELAY,
    cap: timedelta = MAX_DELAY,
) -> TaskResult | None:
    """Enqueue task(*args, attempt=attempt + 1, **kwargs) after its back-off, unless
    attempt was the last of max_attempts: then log the failure and return None."""
    kwargs = dict(kwargs or {})
    if attempt + 1 >= max_attempts:
        logger.error(
            "%s gave up after %d attempts: %r (args=%r, kwargs=%r)",
            task.module_path,
            attempt + 1,
            error,
            args,
            kwargs,
        )
        return None
    if task.get_backend().supports_defer:
        delay = backoff(attempt, base, cap)
        task = task.using(run_after=timezone.now() + delay)
        logger.warning(
            "%s attempt %d failed (%r); retrying in %.1f s",
            task.module_path,
            attempt + 1,
            error,
            delay.total_seconds(),
        )
    return task.enqueue(*args, attempt=attempt + 1, **kwargs)
