"""docs/examples/webhook_receiver.py, run as a partner runs it: it prints a real delivery
once, ignores its replay (same webhook-id), and refuses forged or stale messages."""

import json
import os
import selectors
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.urls import reverse

from newsroom.partners.models import WebhookDelivery
from newsroom.partners.webhooks import signing
from newsroom.partners.webhooks.delivery import replay
from tests.api.webhooks import EXAMPLE, subscribe
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


class RunningReceiver:
    def __init__(self, secret):
        env = {**os.environ, "WEBHOOK_SECRET": secret}
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, str(EXAMPLE), "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            text=True,
        )
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.process.stdout, selectors.EVENT_READ)
        first = self.line()
        assert first.startswith("listening on "), first
        self.url = first.removeprefix("listening on ").strip()

    def line(self, timeout=10.0) -> str | None:
        if not self.selector.select(timeout):
            return None
        return self.process.stdout.readline()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def running():
    started = []

    def start(secret):
        started.append(RunningReceiver(secret))
        return started[-1]

    yield start
    for receiver in started:
        receiver.stop()


def post(url, headers, body) -> int:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_example_receiver_prints_a_real_delivery_once_and_ignores_its_replay(
    site_tree, running, django_capture_on_commit_callbacks
):
    subscription = subscribe("http://127.0.0.1/later", events=["article.published"])
    receiver = running(subscription.secret)
    subscription.url = receiver.url
    subscription.save()
    story = ArticlePageFactory(
        parent=site_tree.news, live=False, first_published_at=None, last_published_at=None
    )

    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()

    printed = json.loads(receiver.line())
    assert (printed["type"], printed["data"]["id"]) == ("article.published", story.pk)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.DELIVERED

    with django_capture_on_commit_callbacks(execute=True):
        replay(delivery)

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.DELIVERED, 2)
    assert receiver.line(timeout=1.0) is None  # accepted (2xx) but not handled twice


def test_the_example_receiver_refuses_a_forged_or_stale_message(running):
    secret = signing.new_secret()
    receiver = running(secret)
    body = b'{"type":"article.published","timestamp":"2026-01-01T00:00:00+00:00","data":{}}'
    now = int(time.time())

    good = signing.signed_headers(secret, "msg_1", now, body)
    forged = signing.signed_headers(signing.new_secret(), "msg_2", now, body)
    stale = signing.signed_headers(secret, "msg_3", now - 301, body)

    assert post(receiver.url, forged, body) == 400
    assert post(receiver.url, stale, body) == 400
    assert post(receiver.url, {**good, "webhook-signature": "v1,"}, body) == 400
    assert post(receiver.url, good, body) == 204
    assert json.loads(receiver.line())["type"] == "article.published"


def test_the_docs_name_the_receiver_and_every_event(client):
    from pathlib import Path

    from newsroom.partners.webhooks.models import EventType

    docs = (Path(EXAMPLE).parents[1] / "webhooks.md").read_text()
    assert "examples/webhook_receiver.py" in docs
    for event in EventType.values:
        assert f"`{event}`" in docs
    assert reverse("api:article-detail", args=[7]) in docs
