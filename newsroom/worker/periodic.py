"""Periodic jobs: tasks the worker enqueues every N seconds, with no cron to remember.

Any app registers its own in its AppConfig.ready():

    register_periodic("resend_stalled_deliveries", every_seconds=60, task=resend_stalled)

Each job has one PeriodicJob row. A scheduler pass claims every due job with one
`UPDATE ... SET next_run_at = now + period WHERE name = ... AND next_run_at <= now` and
enqueues its task in the same transaction: of several workers passing at once, exactly one
updates the row (PostgreSQL re-checks the condition after the first commits; SQLite
serialises writers), so each job runs once per period however many workers run.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django_tasks.base import Task

from newsroom.worker.models import PeriodicJob


@dataclass(frozen=True)
class Job:
    """A task to enqueue every `every`."""

    name: str
    every: timedelta
    task: Task


_jobs: dict[str, Job] = {}


def register_periodic(name: str, *, every_seconds: int, task: Task) -> None:
    """Enqueue task (a django-tasks task taking no arguments) every every_seconds."""
    if every_seconds <= 0:
        raise ImproperlyConfigured(f"Periodic job {name!r}: every_seconds must be positive.")
    known = _jobs.get(name)
    if known and known.task.module_path != task.module_path:
        raise ImproperlyConfigured(
            f"Periodic job {name!r} is already registered for {known.task.module_path}."
        )
    _jobs[name] = Job(name=name, every=timedelta(seconds=every_seconds), task=task)


def registered_jobs() -> list[Job]:
    return list(_jobs.values())


def enqueue_due_jobs(now: datetime | None = None) -> list[str]:
    """Enqueue every registered job that is due (a new one is due at once) and move it to
    its next period; returns the names enqueued. Safe to run in any number of workers."""
    now = now or timezone.now()
    jobs = registered_jobs()
    PeriodicJob.objects.bulk_create(
        [PeriodicJob(name=job.name, next_run_at=now) for job in jobs], ignore_conflicts=True
    )
    enqueued = []
    for job in jobs:
        with transaction.atomic():
            claimed = PeriodicJob.objects.filter(name=job.name, next_run_at__lte=now).update(
                next_run_at=now + job.every, last_enqueued_at=now
            )
            if claimed:
                job.task.enqueue()
                enqueued.append(job.name)
    return enqueued
