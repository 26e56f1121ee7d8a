"""Tasks a dead worker left RUNNING, run again.

django-tasks-db marks a task RUNNING when a worker claims it and has no lease: if that
worker is killed outright (SIGKILL, the OOM killer, a lost machine) the task stays RUNNING
and nothing runs it. Every `run_worker` keeps a WorkerHeartbeat row fresh (beat(), every
BEAT seconds, from a thread of its own) and deletes it when it stops cleanly; the periodic
job requeue_abandoned_tasks (every minute) puts back to READY each RUNNING task whose
worker's heartbeat is older than ABANDONED_AFTER or gone, so the next worker runs it.

Our tasks may run twice (a purge, an index update, a warm-up do the same again; a webhook
delivery holds its own row and is sent once: newsroom/partners/webhooks/tasks.py). A task
of a worker that was only cut off from the database for longer than ABANDONED_AFTER may
also run twice.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from newsroom.worker.models import WorkerHeartbeat

logger = logging.getLogger("newsroom.worker")

BEAT = 10  # seconds between two heartbeats of a worker
ABANDONED_AFTER = timedelta(seconds=90)  # nine missed heartbeats


def beat(worker_id: str, queues: str) -> None:
    """This worker is alive: one upsert."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"seen_at": now, "queues": queues[:200]},
        create_defaults={"seen_at": now, "started_at": now, "queues": queues[:200]},
    )


def forget(worker_id: str) -> None:
    """This worker stopped cleanly: its tasks are finished."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def requeue_abandoned() -> list[str]:
    """Put back to READY the RUNNING tasks whose worker's heartbeat stopped more than
    ABANDONED_AFTER ago (or is gone) and that started before that: their task paths."""
    cutoff = timezone.now() - ABANDONED_AFTER
    fresh = WorkerHeartbeat.objects.filter(seen_at__gte=cutoff)
    alive = set(fresh.values_list("worker_id", flat=True))
    requeued = []
    with transaction.atomic():
        running = DBTaskResult.objects.select_for_update(skip_locked=True).filter(
            status=TaskResultStatus.RUNNING, started_at__lt=cutoff
        )
        for result in running.only("id", "task_path", "worker_ids"):
            if result.worker_ids and result.worker_ids[-1] in alive:
                continue
            DBTaskResult.objects.filter(pk=result.pk).update(
                status=TaskResultStatus.READY, started_at=None
            )
            logger.warning(
                "task %s (%s) was left running by worker %s, which stopped: queued again",
                result.pk,
                result.task_path,
                result.worker_ids[-1] if result.worker_ids else "?",
            )
            requeued.append(result.task_path)
        WorkerHeartbeat.objects.filter(seen_at__lt=cutoff).delete()
    return requeued
