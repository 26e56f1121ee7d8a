"""The background worker: runs every queue's tasks, and enqueues the periodic jobs.

    manage.py run_worker              # until SIGTERM or Ctrl-C (`make worker`)
    manage.py run_worker --batch      # run what is due, then exit (tests, one-off catch-up)
    manage.py run_worker --queue-name=background --nice=10 --no-schedule   # a second worker

django-tasks-db's own Worker runs the tasks (its options pass through: --interval,
--max-tasks, --queue-name, --worker-id ...; here --queue-name defaults to every queue). In
the same process a scheduler thread enqueues the periodic jobs that are due
(newsroom/worker/periodic.py) every --schedule-interval seconds; with --batch it makes one
pass before the tasks run (--no-schedule: not in this process, for a second worker).
--nice lowers the process's CPU priority: `make worker` runs the "background" queue (work
that only makes later reads faster) in such a second worker, so that it takes the CPU
readers leave idle and never holds up a delivery. SIGTERM or SIGINT lets the running
task finish, then exits; a second one stops it at once.

A heartbeat thread keeps this worker's WorkerHeartbeat row fresh: a task a worker killed
mid-task (SIGKILL, a lost machine) left RUNNING is queued again by the periodic job
requeue_abandoned_tasks once that heartbeat stops (newsroom/worker/abandoned.py). A --batch
run keeps none: a task it runs for longer than abandoned.ABANDONED_AFTER may run twice.
"""

import logging
import os
import signal
import threading

from django.core.management.base import CommandError
from django.db import close_old_connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from newsroom.worker import abandoned
from newsroom.worker.periodic import enqueue_due_jobs

logger = logging.getLogger("newsroom.worker")

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)  # what the worker handles


class Every(threading.Thread):
    """Calls once() every `every` seconds from a daemon thread, until stop() or the process
    ends."""

    def __init__(self, name: str, every: float):
        super().__init__(name=name, daemon=True)
        self.every = every
        self.stopped = threading.Event()

    def once(self) -> None:
        raise NotImplementedError

    def run(self):
        while not self.stopped.is_set():
            self.once()
            self.stopped.wait(self.every)

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=self.every)


class Scheduler(Every):
    """Enqueues the due periodic jobs every `every` seconds."""

    def __init__(self, every: float):
        super().__init__("periodic-jobs", every)

    def once(self):
        schedule_once()


class Heartbeat(Every):
    """Renews this worker's heartbeat every abandoned.BEAT seconds; a failed beat (the
    database away or locked) is logged and tried again."""

    def __init__(self, worker_id: str, queues: str):
        super().__init__("heartbeat", abandoned.BEAT)
        self.worker_id, self.queues = worker_id, queues

    def once(self):
        close_old_connections()
        try:
            abandoned.beat(self.worker_id, self.queues)
        except Exception as error:  # a missed beat is harmless: nine make it stale
            logger.warning("could not renew the worker's heartbeat (%s); trying again", error)
        finally:
            close_old_connections()

    def stop(self):
        """Stop beating and say this worker is gone (its tasks are finished)."""
        super().stop()
        try:
            abandoned.forget(self.worker_id)
        except Exception:
            logger.exception("could not remove the worker's heartbeat")


def schedule_once() -> None:
    """One scheduler pass. A failed one (the database away) is logged, and the next pass tries
    again: the thread must outlive it, or scheduling would stop while tasks still run."""
    close_old_connections()
    try:
        enqueued = enqueue_due_jobs()
    except Exception:
        logger.exception("could not enqueue the periodic jobs; trying again next pass")
    else:
        if enqueued:
            logger.info("enqueued periodic jobs: %s", ", ".join(enqueued))
    finally:
        close_old_connections()


class Command(db_worker.Command):
    help = "Run the background worker: every queue's tasks, and the periodic jobs."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*")
        parser.add_argument(
            "--schedule-interval",
            type=db_worker.valid_interval,
            default=10,
            help="Seconds between two checks for due periodic jobs (default: %(default)r)",
        )
        parser.add_argument(
            "--no-schedule",
            action="store_false",
            dest="schedule",
            help="Do not enqueue the periodic jobs in this process (a second worker)",
        )
        parser.add_argument(
            "--nice",
            type=int,
            default=0,
            help="Lower this process's CPU priority by this much, 0-19 (default: %(default)r)",
        )

    def handle(self, *args, schedule_interval: float, schedule: bool, nice: int, **options):
        self.configure_logging(options["verbosity"])
        if not 0 <= nice <= 19:
            raise CommandError(f"--nice must be between 0 and 19, not {nice}.")
        if nice:
            os.nice(nice)
        # The autoreloader's parent process only restarts the child: it runs no task.
        runs_tasks = not options["reload"] or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true"
        heartbeat = None
        if options["batch"]:
            options["startup_delay"] = False  # a one-off run: no herd to spread
            options["reload"] = False
            if schedule:
                schedule_once()
        elif runs_tasks:
            if schedule:
                Scheduler(schedule_interval).start()
            # Not for a --batch run: a one-off, whose tasks are short.
            queues = options["queue_name"] + (
                f" -{options['exclude_queues']}" if options.get("exclude_queues") else ""
            )
            heartbeat = Heartbeat(options["worker_id"], queues)
            heartbeat.start()
        handlers = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}
        try:
            super().handle(*args, **options)
        finally:
            if heartbeat is not None:
                heartbeat.stop()
            # The worker's stop handlers end with the command (call_command in a process
            # that goes on, e.g. the tests).
            for signum, handler in handlers.items():
                signal.signal(signum, handler)
