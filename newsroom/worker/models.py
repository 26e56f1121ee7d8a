from django.db import models


class PeriodicJob(models.Model):
    """When a periodic job (newsroom/worker/periodic.py) is next due: the one row every
    worker's scheduler claims, so a job is enqueued once per period however many run."""

    name = models.CharField(max_length=100, unique=True)
    next_run_at = models.DateTimeField()
    last_enqueued_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.name
