"""The background worker: after-publish work waits in the database queue (committed with the
edit, or not at all) and runs in `manage.py run_worker`; scheduled publishing and expiry
happen with no cron; failing tasks are retried later and later.

The tests that run the worker use real commits (transactional_db): the worker works on its
own transactions, as in production, and a rolled-back edit is a real rollback.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult
from wagtail.models import Revision
from wagtail.signals import published

from conflicts.models import Actor
from newsroom.stories.models import ArticlePage
from newsroom.worker import abandoned
from newsroom.worker.models import WorkerHeartbeat
from newsroom.worker.periodic import enqueue_due_jobs
from newsroom.worker.retry import retry_later
from tests.conflicts.test_admin import actor_form
from tests.factories import ActorFactory, ArticlePageFactory, ClaimFactory
from tests.newsroom.purging import SITE
from tests.pages import get_page

PURGE = "wagtail.contrib.frontend_cache.tasks.purge_urls_from_cache_task"
REFERENCE_INDEX = "wagtail.tasks.update_reference_index_task"
SEARCH_INDEX = "modelsearch.tasks.insert_or_update_object_task"


@pytest.fixture
def database_queue(settings):
    """The queue production has: django-tasks-db (the test settings run tasks at once)."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}
    }


# A second connection or process on the test database needs a database server: the SQLite
# fallback (.ci/run's second run) is an in-memory database, one per connection.
ON_A_SERVER = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a second connection to the test database"
)


@pytest.fixture
def worker_db(transactional_db, database_queue):
    """The database queue, with real commits, for tests that run the worker."""


def run_worker(**options) -> str:
    """What `manage.py run_worker --batch` does: one scheduler pass, then every due task."""
    out = StringIO()
    call_command("run_worker", batch=True, interval=0, stdout=out, **options)
    return out.getvalue()


def waiting() -> list[str]:
    """The tasks waiting for the worker, by task path."""
    ready = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    return list(ready.order_by("enqueued_at").values_list("task_path", flat=True))


def draft_story(site_tree, slug):
    story = ArticlePageFactory(parent=site_tree.news, slug=slug, live=False)
    DBTaskResult.objects.all().delete()  # what making the draft enqueued
    return story


# --- After-publish work goes to the worker ----------------------------------------------


def test_a_published_story_is_purged_by_the_worker_not_in_the_request(worker_db, site_tree, purged):
    story = draft_story(site_tree, "story")

    story.save_revision().publish()

    assert purged == []  # the CDN was not called while the editor waited
    assert {PURGE, REFERENCE_INDEX, SEARCH_INDEX} <= set(waiting())

    run_worker()

    assert f"{SITE}/news/story/" in purged
    assert waiting() == []
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_an_editors_publish_in_the_admin_leaves_the_purge_to_the_worker(
    worker_db, site_tree, editor, purged
):
    actor = ActorFactory(name="Dmitry Peskov", slug="dmitry-peskov", description="Spokesperson")
    edit_url = reverse("wagtailsnippets_conflicts_actor:edit", args=[actor.pk])

    response = editor.post(edit_url, actor_form(actor, description="Press secretary"))

    assert response.status_code == 302
    assert purged == []
    assert PURGE in waiting()

    run_worker()

    assert f"{SITE}/actors/dmitry-peskov/" in purged


def test_work_saved_while_the_worker_is_down_waits_and_runs_when_it_starts(
    worker_db, site_tree, client, purged
):
    stories = [draft_story(site_tree, f"story-{n}") for n in range(3)]
    for story in stories:
        story.save_revision().publish()

    # Nobody runs the worker: readers already get the stories, the purges wait.
    for n in range(3):
        get_page(client, f"/news/story-{n}/")
    assert waiting().count(PURGE) == 2 * 3  # Wagtail's own (the page) and ours, per story
    assert purged == []

    run_worker()

    assert {f"{SITE}/news/story-{n}/" for n in range(3)} <= set(purged)
    assert waiting() == []


# --- The transactional outbox -------------------------------------------------------------


def purges_another_connection_sees() -> int:
    """What the worker (another process, another connection) would find in the queue."""
    counts = []

    def count():
        try:
            counts.append(DBTaskResult.objects.filter(task_path=PURGE).count())
        finally:
            connection.close()

    thread = threading.Thread(target=count)
    thread.start()
    thread.join()
    return counts[0]


@ON_A_SERVER
def test_an_edit_that_rolls_back_leaves_no_work_behind(worker_db, site_tree, purged):
    story = draft_story(site_tree, "story")

    with pytest.raises(RuntimeError), transaction.atomic():
        story.save_revision().publish()
        assert PURGE in waiting()  # enqueued inside the edit's transaction ...
        assert purges_another_connection_sees() == 0  # ... and invisible until it commits
        raise RuntimeError("the edit fails after its publish")

    assert waiting() == []
    story.refresh_from_db()
    assert not story.live
    run_worker()
    assert purged == []


def test_a_publish_that_fails_in_the_admin_changes_nothing_and_enqueues_nothing(
    database_queue, site_tree, editor, client
):
    """Wagtail's admin publishes outside a transaction; newsroom.worker.atomic wraps the
    whole request, so a failure after the publish undoes it and the purge it enqueued."""
    actor = ActorFactory(name="Dmitry Peskov", slug="dmitry-peskov", description="Spokesperson")
    actor.save_revision().publish()
    DBTaskResult.objects.all().delete()
    revisions = Revision.objects.for_instance(actor).count()

    def fail(**kwargs):
        raise RuntimeError("a receiver after the purge's fails")

    published.connect(fail, sender=Actor, dispatch_uid="test-worker-fail")
    editor.raise_request_exception = False
    try:
        response = editor.post(
            reverse("wagtailsnippets_conflicts_actor:edit", args=[actor.pk]),
            actor_form(actor, description="Press secretary"),
        )
    finally:
        published.disconnect(sender=Actor, dispatch_uid="test-worker-fail")

    assert response.status_code == 500
    assert DBTaskResult.objects.count() == 0
    assert Revision.objects.for_instance(actor).count() == revisions
    assert "Spokesperson" in get_page(client, "/actors/dmitry-peskov/").get_text()


# --- Scheduled publishing and expiry, with no cron ------------------------------------------


def test_an_expired_story_goes_off_after_one_scheduler_pass(worker_db, site_tree, client, purged):
    ArticlePageFactory(parent=site_tree.news, slug="expiring")
    ArticlePage.objects.filter(slug="expiring").update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    assert client.get("/news/expiring/").status_code == 200

    run_worker()  # nobody ran publish_scheduled

    assert client.get("/news/expiring/").status_code == 404
    assert f"{SITE}/news/expiring/" in purged


def test_a_story_scheduled_for_a_time_now_passed_goes_live_after_one_scheduler_pass(
    worker_db, site_tree, client
):
    story = draft_story(site_tree, "scheduled")
    an_hour_ago = timezone.now() - timedelta(hours=1)
    with mock.patch("django.utils.timezone.now", return_value=an_hour_ago - timedelta(hours=1)):
        story.go_live_at = an_hour_ago
        story.save_revision().publish()  # scheduled, as "Go live at" in the admin does
    assert client.get("/news/scheduled/").status_code == 404

    run_worker()

    assert "Story" in get_page(client, "/news/scheduled/").get_text()


def test_a_due_job_is_enqueued_once_per_period(database_queue, db):
    now = timezone.now()

    # resend_stalled_deliveries is the partners app's
    every_minute = ["publish_scheduled", "requeue_abandoned_tasks", "resend_stalled_deliveries"]
    assert sorted(enqueue_due_jobs(now)) == sorted([*every_minute, "prune_task_results"])
    assert enqueue_due_jobs(now) == []  # a second scheduler, the same moment
    assert enqueue_due_jobs(now + timedelta(seconds=59)) == []
    assert sorted(enqueue_due_jobs(now + timedelta(seconds=60))) == every_minute

    paths = DBTaskResult.objects.values_list("task_path", flat=True)
    assert sorted(paths) == [
        "newsroom.partners.webhooks.tasks.resend_stalled_deliveries",
        "newsroom.partners.webhooks.tasks.resend_stalled_deliveries",
        "newsroom.worker.tasks.prune_task_results",
        "newsroom.worker.tasks.publish_scheduled",
        "newsroom.worker.tasks.publish_scheduled",
        "newsroom.worker.tasks.requeue_abandoned_tasks",
        "newsroom.worker.tasks.requeue_abandoned_tasks",
    ]


@ON_A_SERVER
def test_schedulers_passing_at_the_same_moment_enqueue_a_due_job_once(worker_db):
    now = timezone.now()
    start = threading.Barrier(4)
    enqueued = []

    def scheduler():
        try:
            start.wait()
            enqueued.extend(enqueue_due_jobs(now))
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(enqueued) == [
        "prune_task_results",
        "publish_scheduled",
        "requeue_abandoned_tasks",
        "resend_stalled_deliveries",
    ]
    assert DBTaskResult.objects.count() == 4


def test_a_scheduler_pass_with_nothing_due_costs_a_fixed_number_of_queries(
    database_queue, db, django_assert_num_queries
):
    now = timezone.now()
    enqueue_due_jobs(now)

    # One insert of the missing job rows, then per job (4): savepoint, update, release.
    with django_assert_num_queries(13):
        assert enqueue_due_jobs(now) == []


# --- Retries --------------------------------------------------------------------------------

RUNS: list[int] = []


@task()
def flaky(attempt=0):
    """Fails on its first two attempts, then succeeds."""
    RUNS.append(attempt)
    if attempt < 2:
        error = ConnectionError("the partner's endpoint is down")
        retry_later(flaky, attempt=attempt, error=error)
        raise error


@task()
def always_down(attempt=0):
    RUNS.append(attempt)
    error = ConnectionError("down for good")
    retry_later(always_down, attempt=attempt, error=error, max_attempts=3, base=timedelta(0))
    raise error


def test_a_failing_task_is_retried_later_each_time_until_it_succeeds(worker_db):
    RUNS.clear()
    flaky.enqueue()
    waits = []

    for _ in range(3):
        run_worker()  # runs what is due: a retry is not, yet
        retry = DBTaskResult.objects.filter(status=TaskResultStatus.READY).first()  # flaky's
        if retry is None:
            break
        waits.append(retry.run_after - retry.enqueued_at)
        DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())  # time passes

    assert RUNS == [0, 1, 2]
    # Waits of 5 to 10 s, then 10 to 20 s (10 s base, doubled, with jitter).
    assert timedelta(seconds=4) < waits[0] <= timedelta(seconds=10) < waits[1]
    assert waits[1] <= timedelta(seconds=20)
    attempts = DBTaskResult.objects.filter(task_path=f"{__name__}.flaky").order_by("enqueued_at")
    assert list(attempts.values_list("status", flat=True)) == ["FAILED", "FAILED", "SUCCESSFUL"]


def test_a_task_that_keeps_failing_stops_after_its_last_attempt_with_an_error_logged(
    worker_db, caplog
):
    RUNS.clear()
    always_down.enqueue()

    run_worker()

    assert RUNS == [0, 1, 2]
    assert waiting() == []
    assert "always_down gave up after 3 attempts" in caplog.text


WARM_UP = "conflicts.sidebar.warm.warm_sidebars"


@ON_A_SERVER
def test_the_warm_ups_wait_in_the_background_queue_for_a_worker_of_their_own(
    worker_db, site_tree, sidebar_cache_on, purged
):
    claim = ClaimFactory(statement="The withdrawal is under way")
    ArticlePageFactory(parent=site_tree.news, slug="story", claims=[claim])
    DBTaskResult.objects.all().delete()
    claim.verdict, claim.verdict_explanation = "confirmed", "The footage shows it."

    claim.save_revision().publish()

    queues = dict(DBTaskResult.objects.values_list("task_path", "queue_name"))
    assert queues[WARM_UP] == "background"
    assert queues[PURGE] == "default"
    # The second worker, as `make worker` starts it: the warm-up only, and no periodic jobs.
    run_worker(queue_name="background", schedule=False)
    assert WARM_UP not in waiting()
    assert PURGE in waiting()
    assert "newsroom.worker.tasks.publish_scheduled" not in waiting()
    run_worker(exclude_queues="background")
    assert waiting() == []
    assert f"{SITE}/news/story/" in purged


# --- A worker killed mid-task ----------------------------------------------------------------


@task()
def note_run(label: str) -> str:
    RUNS.append(label)
    return label


def running_since(worker_id: str, seconds: int) -> DBTaskResult:
    """A task a worker claimed `seconds` ago and has not finished."""
    result = DBTaskResult.objects.get(pk=note_run.enqueue(worker_id).id)
    result.claim(worker_id)
    DBTaskResult.objects.filter(pk=result.pk).update(
        started_at=timezone.now() - timedelta(seconds=seconds)
    )
    return result


def test_a_task_a_killed_worker_left_running_runs_again_once_its_heartbeat_stops(worker_db, caplog):
    RUNS.clear()
    abandoned.beat("alive", "*")
    abandoned.beat("killed", "*")
    WorkerHeartbeat.objects.filter(worker_id="killed").update(
        seen_at=timezone.now() - timedelta(minutes=5)
    )
    left = running_since("killed", 300)
    busy = running_since("alive", 300)  # a long task of a worker still beating
    just_claimed = running_since("gone-without-a-trace", 5)

    assert abandoned.requeue_abandoned() == [left.task_path]

    statuses = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert statuses[left.pk] == TaskResultStatus.READY
    assert statuses[busy.pk] == TaskResultStatus.RUNNING
    assert statuses[just_claimed.pk] == TaskResultStatus.RUNNING  # not yet past the limit
    assert "left running by worker killed, which stopped: queued again" in caplog.text
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["alive"]

    run_worker()  # the next worker runs it

    assert RUNS == ["killed"]
    assert DBTaskResult.objects.get(pk=left.pk).status == TaskResultStatus.SUCCESSFUL


# --- The command ----------------------------------------------------------------------------


def test_the_worker_refuses_a_priority_it_cannot_set(database_queue, db):
    with pytest.raises(CommandError, match="--nice must be between 0 and 19, not 25"):
        call_command("run_worker", batch=True, nice=25)


def test_the_worker_refuses_to_start_without_the_database_queue(db):
    # The test settings run tasks at once: there is no queue for a worker to read.
    with pytest.raises(CommandError, match="is not a database backend"):
        call_command("run_worker", batch=True)


@ON_A_SERVER
def test_the_worker_runs_the_periodic_jobs_and_stops_cleanly_on_sigterm(worker_db):
    """`manage.py run_worker` as `make worker` starts it, on the test database."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
        "DATABASE_URL": f"postgres://{db['USER']}{password}@{host}/{db['NAME']}",
    }
    command = [sys.executable, "manage.py", "run_worker", "--no-reload", "--no-startup-delay"]
    worker = subprocess.Popen(  # noqa: S603 (our own command)
        command,
        cwd=django_settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    ran = DBTaskResult.objects.filter(
        task_path="newsroom.worker.tasks.publish_scheduled", status=TaskResultStatus.SUCCESSFUL
    )
    try:
        deadline = time.monotonic() + 60
        while not ran.exists() and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.2)
        assert ran.exists()  # its scheduler enqueued the job, its worker ran it
        assert WorkerHeartbeat.objects.filter(queues="*").count() == 1  # it beats

        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()

    assert worker.returncode == 0, output
    assert "shutting down gracefully" in output
    assert not WorkerHeartbeat.objects.exists()  # gone with it: its tasks are finished
