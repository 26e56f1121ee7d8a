from django.apps import AppConfig


class WorkerConfig(AppConfig):
    """The background worker: periodic jobs, retries, and the `run_worker` command."""

    name = "newsroom.worker"
    label = "worker"
    verbose_name = "Background worker"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from newsroom.worker.periodic import register_periodic
        from newsroom.worker.tasks import (
            prune_task_results,
            publish_scheduled,
            requeue_abandoned_tasks,
        )

        register_periodic("publish_scheduled", every_seconds=60, task=publish_scheduled)
        register_periodic("requeue_abandoned_tasks", every_seconds=60, task=requeue_abandoned_tasks)
        register_periodic("prune_task_results", every_seconds=24 * 60 * 60, task=prune_task_results)
