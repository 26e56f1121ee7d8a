"""The worker's own periodic tasks (registered in apps.py)."""

from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django_tasks import task

from newsroom.worker.abandoned import requeue_abandoned


@task()
def publish_scheduled() -> None:
    """Wagtail's scheduled publishing: what is due goes live, what has expired goes off
    (pages, actors and claims), with the purges their signals enqueue."""
    call_command("publish_scheduled", stdout=StringIO())


@task()
def prune_task_results() -> None:
    """Delete finished task results older than TASK_RESULTS_KEEP_DAYS, on every queue."""
    call_command(
        "prune_db_task_results",
        queue_name="*",
        min_age_days=getattr(settings, "TASK_RESULTS_KEEP_DAYS", 7),
    )


@task()
def requeue_abandoned_tasks() -> int:
    """Run again the tasks a killed worker left RUNNING (newsroom/worker/abandoned.py)."""
    return len(requeue_abandoned())
