"""An editor subscribes a partner's receiver in the Wagtail admin, reads the delivery log
and replays a delivery."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from conflicts.signals import context_changed
from newsroom.partners.models import Partner, WebhookDelivery, WebhookSubscription
from newsroom.partners.webhooks import signing
from newsroom.stories.models import ArticlePage
from tests.api.conftest import make_article
from tests.api.test_partner_admin import messages
from tests.api.webhooks import subscribe

pytestmark = pytest.mark.django_db
pytest_plugins = ["tests.api.webhooks"]


def form_errors(response) -> dict[str, str]:
    """Each field's error text, by the field's name, as the admin form shows them."""
    soup = BeautifulSoup(response.content, "html.parser")
    errors = {}
    for field in soup.select("[data-field-wrapper]"):
        error = field.select_one(".error-message")
        field_input = field.select_one("input, select, textarea")
        if error and field_input:
            errors[field_input["name"]] = error.get_text(" ", strip=True)
    return errors


def fields(partner, **overrides) -> dict:
    data = {"partner": partner.pk, "url": "https://hooks.ocmedia.example/newsroom"}
    data["events"] = ["article.published", "article.withdrawn"]
    data["active"] = "on"
    return {**data, **overrides}


def test_an_editor_subscribes_a_receiver_and_is_shown_its_secret(editor):
    partner = Partner.objects.create(name="OC Media")

    response = editor.post(reverse("webhooksubscription:add"), fields(partner), follow=True)

    subscription = WebhookSubscription.objects.get()
    assert subscription.events == ["article.published", "article.withdrawn"]
    assert subscription.secret.startswith("whsec_")
    assert subscription.secret in messages(response)  # to give to the partner
    edit = editor.get(reverse("webhooksubscription:edit", args=[subscription.pk]))
    assert subscription.secret in edit.content.decode()
    listing = editor.get(reverse("webhooksubscription:index")).content.decode()
    assert "article.published, article.withdrawn" in listing


def test_a_url_that_is_not_https_is_refused_with_a_field_error(editor):
    partner = Partner.objects.create(name="OC Media")

    response = editor.post(
        reverse("webhooksubscription:add"), fields(partner, url="http://example.com/hooks")
    )

    assert response.status_code == 200
    assert form_errors(response)["url"] == (
        "Use an https:// address (http:// only for localhost or 127.0.0.1)."
    )
    assert not WebhookSubscription.objects.exists()


def test_a_subscription_needs_an_event(editor):
    partner = Partner.objects.create(name="OC Media")

    response = editor.post(reverse("webhooksubscription:add"), fields(partner, events=[]))

    assert form_errors(response)["events"] == "Tick at least one event."
    assert not WebhookSubscription.objects.exists()


def test_rotating_the_secret_makes_a_new_one_and_shows_it(editor):
    subscription = subscribe("https://hooks.example.org/in")
    old = subscription.secret

    response = editor.post(
        reverse("webhooksubscription:edit", args=[subscription.pk]),
        fields(subscription.partner, url=subscription.url, rotate_secret="on", secret="whsec_x"),
        follow=True,
    )

    subscription.refresh_from_db()
    assert subscription.secret not in (old, "whsec_x")  # made here, never typed in
    assert subscription.secret in messages(response)


def test_a_partner_with_subscriptions_cannot_be_deleted(editor):
    subscription = subscribe("https://hooks.example.org/in")

    response = editor.post(reverse("partner:delete", args=[subscription.partner.pk]), follow=True)

    assert "has webhook subscriptions" in messages(response)
    assert Partner.objects.filter(pk=subscription.partner.pk).exists()
    assert WebhookSubscription.objects.filter(pk=subscription.pk).exists()


def deliver_one(site_tree, receiver, capture, statuses=()):
    receiver.statuses = list(statuses)
    subscription = subscribe(receiver.url, events=["article.updated"])
    story = make_article(site_tree, title="A story")
    with capture(execute=True):
        context_changed.send(
            sender=ArticlePage, pks=[story.pk], changed_at=timezone.now(), reason="claim"
        )
    return subscription, WebhookDelivery.objects.get()


def log_rows(editor, **filters) -> list[list[str]]:
    response = editor.get(reverse("webhookdelivery:index"), filters)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in soup.select("table.listing tbody tr")
    ]


def test_the_log_lists_deliveries_with_status_attempts_and_answer_and_filters_them(
    editor, site_tree, receiver, django_capture_on_commit_callbacks
):
    subscription, delivery = deliver_one(
        site_tree, receiver, django_capture_on_commit_callbacks, statuses=[500]
    )

    [row] = log_rows(editor, subscription=subscription.pk)
    assert row[1] == "Article updated (republished, or its context changed)"
    assert "Failed (will retry)" in row
    assert "1" in row and "500" in row
    assert delivery.message_id in row
    assert log_rows(editor, status="delivered") == []
    assert len(log_rows(editor, status="failed", event_type="article.updated")) == 1
    other = Partner.objects.create(name="Another partner")
    assert log_rows(editor, subscription__partner=other.pk) == []


def test_replay_from_the_admin_resends_the_same_webhook_id_freshly_signed(
    editor, site_tree, receiver, django_capture_on_commit_callbacks
):
    subscription, delivery = deliver_one(site_tree, receiver, django_capture_on_commit_callbacks)
    inspect = editor.get(reverse("webhookdelivery:inspect", args=[delivery.pk]))
    replay_url = reverse("webhookdelivery:replay", args=[delivery.pk])
    assert replay_url in inspect.content.decode()
    confirm = editor.get(replay_url)
    form = BeautifulSoup(confirm.content, "html.parser").select_one("main form[method=post]")
    assert form["action"] == replay_url
    assert form.select_one("input[name=csrfmiddlewaretoken]")

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(replay_url, follow=True)

    assert response.status_code == 200
    assert "Replaying article.updated" in messages(response)
    first, replayed = receiver.requests
    assert replayed.headers["webhook-id"] == first.headers["webhook-id"] == delivery.message_id
    assert replayed.body == first.body
    signing.verify(subscription.secret, replayed.headers, replayed.body)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.DELIVERED, 2)


def test_replay_is_a_post_for_those_who_may_manage_partners(
    client, django_user_model, site_tree, receiver, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Permission

    _, delivery = deliver_one(site_tree, receiver, django_capture_on_commit_callbacks)
    user = django_user_model.objects.create_user("reporter", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.post(reverse("webhookdelivery:replay", args=[delivery.pk]))

    assert response.status_code in (302, 403)  # Wagtail sends a refused user home
    assert len(receiver.requests) == 1
    assert client.get(reverse("webhookdelivery:index")).status_code in (302, 403)
