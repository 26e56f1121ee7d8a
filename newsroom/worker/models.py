from django.db import models


class PeriodicJob(models.Model):
    """When a periodic job (newsroom/worker/periodic.py) is next due: the one row every
    worker's scheduler claims, so a job is enqueued once per period however many run."""

    name = models.CharField(max_length=100, unique=True)
    next_run_at = models.DateTimeField()
    last_enqueued_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.name


class WorkerHeartbeat(models.Model):
    """A running worker's sign of life, renewed every few seconds: a task left RUNNING by a
    worker whose heartbeat stopped (killed, its machine lost) is run again
    (newsroom/worker/abandoned.py)."""

    worker_id = models.CharField(max_length=64, unique=True)
    queues = models.CharField(max_length=200, blank=True)
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return self.worker_id
