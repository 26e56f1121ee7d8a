"""Handing a delivery to the worker, so that it is sent only if the change commits.

The delivery row is the outbox: it is written in the transaction of the change. Its task:
- on the database backend (django-tasks-db), is enqueued at once: the task row is written in
  the same transaction, so it commits, or rolls back, with the edit and the delivery;
- on any other backend (the immediate one of tests and of a site run with no worker, or a
  queue outside the database), is enqueued on commit: the immediate backend would otherwise
  POST a change that may still roll back, and an outside queue could run before the row is
  visible. If the process dies between the commit and the enqueue, the row is still pending
  and resend_stalled_deliveries (tasks.py) sends it.

A retry due later is enqueued with run_after where the backend can defer; otherwise it
waits for resend_stalled_deliveries.
"""

from django.db import transaction
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend


def _deliver_task():
    from newsroom.partners.webhooks.tasks import deliver_webhook  # the task imports us

    return deliver_webhook


def commits_with_the_edit(backend) -> bool:
    """Whether enqueueing writes to our database, inside the current transaction."""
    return isinstance(backend, DatabaseBackend)


def enqueue_delivery(delivery) -> None:
    """Have delivery sent at its next_attempt_at (now, if that has passed)."""
    task = _deliver_task()
    backend = task.get_backend()
    due = delivery.next_attempt_at
    if due and due > timezone.now():
        if not backend.supports_defer:
            return  # resend_stalled_deliveries sends it when it is due
        task = task.using(run_after=due)
    if commits_with_the_edit(backend):
        task.enqueue(delivery.pk)
    else:
        transaction.on_commit(lambda: task.enqueue(delivery.pk))
