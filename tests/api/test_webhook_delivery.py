"""Sending a delivery: retries with back-off under one webhook-id, giving up, never twice."""

import datetime

import pytest
from django.utils import timezone
from django_tasks import task_backends

from newsroom.partners.models import WebhookDelivery
from newsroom.partners.webhooks import signing
from newsroom.partners.webhooks.delivery import MAX_ATTEMPTS
from newsroom.partners.webhooks.tasks import deliver_webhook, resend_stalled_deliveries
from tests.api.conftest import make_article
from tests.api.webhooks import subscribe

pytestmark = pytest.mark.django_db
pytest_plugins = ["tests.api.webhooks"]


def publish_one(site_tree, receiver, capture, **subscription):
    """A subscription to receiver, and one article.updated delivery for a live story."""
    from conflicts.signals import context_changed
    from newsroom.stories.models import ArticlePage

    sub = subscribe(receiver.url, events=["article.updated"], **subscription)
    story = make_article(site_tree)
    with capture(execute=True):
        context_changed.send(
            sender=ArticlePage, pks=[story.pk], changed_at=timezone.now(), reason="claim"
        )
    return sub, WebhookDelivery.objects.get()


def as_if_later(delivery, minutes=5):
    """Let time pass: the delivery's next attempt is now minutes overdue."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(minutes=minutes)
    )


def test_a_500_is_retried_after_a_back_off_with_the_same_webhook_id_then_delivered(
    site_tree, receiver, django_capture_on_commit_callbacks
):
    receiver.statuses = [500]
    subscription, delivery = publish_one(site_tree, receiver, django_capture_on_commit_callbacks)

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.FAILED, 1)
    assert (delivery.last_response_status, delivery.last_response_body) == (
        500,
        "receiver is down",
    )
    wait = delivery.next_attempt_at - delivery.last_attempt_at
    assert datetime.timedelta(seconds=24) <= wait <= datetime.timedelta(seconds=36)

    assert deliver_webhook.call(delivery.pk) == "not due"  # too early: nothing sent
    assert len(receiver.requests) == 1
    as_if_later(delivery)
    with django_capture_on_commit_callbacks(execute=True):
        assert resend_stalled_deliveries.call() == 1

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_response_status) == (
        WebhookDelivery.Status.DELIVERED,
        2,
        204,
    )
    first, second = receiver.requests
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == delivery.message_id
    assert first.body == second.body
    for request in receiver.requests:
        signing.verify(subscription.secret, request.headers, request.body)


def test_a_delivered_message_is_never_sent_again_by_the_worker(
    site_tree, receiver, django_capture_on_commit_callbacks
):
    _, delivery = publish_one(site_tree, receiver, django_capture_on_commit_callbacks)
    as_if_later(delivery)

    assert deliver_webhook.call(delivery.pk) == "not due"
    assert resend_stalled_deliveries.call() == 0
    assert len(receiver.requests) == 1


def test_a_redirect_is_not_followed_and_counts_as_a_failure(
    site_tree, receiver, django_capture_on_commit_callbacks
):
    receiver.statuses = [302]
    _, delivery = publish_one(site_tree, receiver, django_capture_on_commit_callbacks)

    delivery.refresh_from_db()
    assert len(receiver.requests) == 1
    assert (delivery.status, delivery.last_response_status) == ("failed", 302)


def test_after_eight_failed_attempts_the_delivery_is_given_up(
    site_tree, receiver, django_capture_on_commit_callbacks
):
    receiver.statuses = [503] * MAX_ATTEMPTS
    _, delivery = publish_one(site_tree, receiver, django_capture_on_commit_callbacks)
    waits = []
    for _ in range(MAX_ATTEMPTS - 1):
        delivery.refresh_from_db()
        waits.append(delivery.next_attempt_at - delivery.last_attempt_at)
        as_if_later(delivery)
        deliver_webhook.call(delivery.pk)

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == (
        WebhookDelivery.Status.GIVEN_UP,
        MAX_ATTEMPTS,
        None,
    )
    assert len(receiver.requests) == MAX_ATTEMPTS
    assert waits == sorted(waits)  # each wait longer than the last
    assert datetime.timedelta(hours=9) < waits[-1] < datetime.timedelta(hours=15)
    assert (
        datetime.timedelta(hours=17)
        < sum(waits, datetime.timedelta())
        < datetime.timedelta(hours=27)
    )


def test_an_unreachable_receiver_is_a_failed_attempt_with_the_error(
    site_tree, receiver, django_capture_on_commit_callbacks
):
    receiver.stop()  # nothing listens on its port any more
    _, delivery = publish_one(site_tree, receiver, django_capture_on_commit_callbacks)

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.last_response_status is None
    assert "Connection refused" in delivery.last_error
    receiver.start()  # so the fixture can stop it


def test_a_subscription_switched_off_before_sending_gives_the_delivery_up(
    site_tree, receiver, django_capture_on_commit_callbacks
):
    receiver.statuses = [500]
    subscription, delivery = publish_one(site_tree, receiver, django_capture_on_commit_callbacks)
    subscription.active = False
    subscription.save()
    as_if_later(delivery)

    deliver_webhook.call(delivery.pk)

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.GIVEN_UP
    assert "switched off" in delivery.last_error
    assert len(receiver.requests) == 1


def test_on_a_backend_that_defers_the_retry_is_enqueued_for_its_time(
    site_tree, receiver, django_capture_on_commit_callbacks, settings
):
    """The database backend's worker runs the retry at next_attempt_at (run_after); here the
    dummy backend, which defers too, records what was enqueued."""
    receiver.statuses = [500]
    _, delivery = publish_one(site_tree, receiver, django_capture_on_commit_callbacks)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    as_if_later(delivery)
    receiver.statuses = [500]

    with django_capture_on_commit_callbacks(execute=True):  # not the DB backend: on commit
        deliver_webhook.call(delivery.pk)

    delivery.refresh_from_db()
    [retry] = [
        result
        for result in task_backends["default"].results
        if result.task.func is deliver_webhook.func
    ]
    assert retry.args == [delivery.pk]
    assert retry.task.run_after == delivery.next_attempt_at


def test_the_signature_matches_the_standard_webhooks_reference_vector():
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"  # noqa: S105 (the spec's example)
    body = b'{"test": 2432232314}'
    expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="

    assert signing.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body) == expected
    headers = {
        "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
        "webhook-timestamp": "1614265330",
        "webhook-signature": f"v1,bm90IGl0 {expected}",  # several: any one may match
    }
    signing.verify(secret, headers, body, now=1614265330 + 299)
    with pytest.raises(signing.WebhookVerificationError, match="tolerance"):
        signing.verify(secret, headers, body, now=1614265330 + 301)
    with pytest.raises(signing.WebhookVerificationError, match="tolerance"):
        signing.verify(secret, headers, body, now=1614265330 - 301)


def test_a_new_secret_is_in_the_standard_webhooks_format():
    secret = signing.new_secret()

    assert secret.startswith("whsec_")
    assert len(signing.secret_key(secret)) >= 24
    assert signing.new_secret() != secret


def test_on_the_database_backend_the_task_commits_with_the_edit_and_sends_nothing_yet(
    site_tree, receiver, settings
):
    """The outbox: the delivery and its task are rows written in the edit's transaction;
    the worker, not the editor's request, sends it."""
    from django_tasks_db.models import DBTaskResult

    from newsroom.stories.models import ArticlePage
    from tests.factories import ArticlePageFactory

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    subscribe(receiver.url, events=["article.published"])
    story = ArticlePageFactory(
        parent=site_tree.news, live=False, first_published_at=None, last_published_at=None
    )

    story.save_revision().publish()

    delivery = WebhookDelivery.objects.get()
    [queued] = DBTaskResult.objects.filter(task_path=deliver_webhook.module_path)
    assert queued.args_kwargs == {"args": [delivery.pk], "kwargs": {}}
    assert receiver.requests == []
    assert ArticlePage.objects.get(pk=story.pk).live
