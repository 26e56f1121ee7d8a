"""A partner's receiver gets signed events for live, public stories in its scope, and only
those: published, updated, withdrawn, verdict changed, correction added."""

import json

import pytest
from django.db import transaction
from django.utils import timezone
from wagtail.models import PageViewRestriction

from conflicts.signals import context_changed, verdict_changed
from newsroom.partners.models import Partner, WebhookDelivery
from newsroom.partners.webhooks import signing
from newsroom.stories.models import ArticleCorrection, ArticlePage
from newsroom.stories.signals import correction_added
from tests.api.conftest import make_article
from tests.api.webhooks import events_of, example_receiver, subscribe
from tests.factories import ArticlePageFactory, ClaimFactory, SectionPageFactory

pytestmark = pytest.mark.django_db
pytest_plugins = ["tests.api.webhooks"]


def draft(site_tree, **kwargs):
    kwargs.setdefault("parent", site_tree.news)
    return ArticlePageFactory(live=False, first_published_at=None, last_published_at=None, **kwargs)


def payloads(requests) -> list[dict]:
    return [json.loads(request.body) for request in requests]


def test_publishing_a_story_pushes_a_signed_article_published_the_example_receiver_accepts(
    site_tree, example_server, django_capture_on_commit_callbacks
):
    story = draft(site_tree, title="Russian peacekeepers leave Karabakh", slug="peacekeepers")
    subscription = subscribe("http://127.0.0.1/placeholder")
    server = example_server(subscription.secret)
    subscription.url = server.url
    subscription.save()

    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()

    [event] = server.events
    assert event["type"] == "article.published"
    assert event["data"] == {
        "id": story.pk,
        "slug": "peacekeepers",
        "title": "Russian peacekeepers leave Karabakh",
        "url": "http://localhost/news/peacekeepers/",
        "api_url": f"http://localhost/api/v1/articles/{story.pk}/",
        "updated_at": event["data"]["updated_at"],
    }
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_response_status) == (
        WebhookDelivery.Status.DELIVERED,
        1,
        204,
    )
    assert json.loads(delivery.payload) == event  # the log holds exactly what was sent


def test_headers_follow_standard_webhooks_and_both_verifiers_accept_them(
    site_tree, receiver, django_capture_on_commit_callbacks
):
    subscription = subscribe(receiver.url)
    story = draft(site_tree)

    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()

    [request] = receiver.requests
    headers = {name.lower(): value for name, value in request.headers.items()}
    delivery = WebhookDelivery.objects.get()
    assert headers["content-type"] == "application/json"
    assert headers["webhook-id"] == delivery.message_id
    assert abs(int(headers["webhook-timestamp"]) - timezone.now().timestamp()) < 5
    assert headers["webhook-signature"].startswith("v1,")
    signing.verify(subscription.secret, headers, request.body)
    assert example_receiver.verify(subscription.secret, headers, request.body)
    with pytest.raises(signing.WebhookVerificationError):
        signing.verify(subscription.secret, headers, request.body + b" ")
    with pytest.raises(signing.WebhookVerificationError):
        signing.verify(signing.new_secret(), headers, request.body)


def test_a_draft_sends_nothing_and_an_update_carries_the_live_title_not_the_draft(
    site_tree, receiver, django_capture_on_commit_callbacks
):
    subscribe(receiver.url)
    story = make_article(site_tree, title="The live headline")

    with django_capture_on_commit_callbacks(execute=True):
        story.title = "A DRAFT HEADLINE NOBODY HAS SEEN"
        story.save_revision()  # a draft: nothing leaves
        never_live = draft(site_tree, title="Never published")
        never_live.save_revision()

    assert receiver.requests == []

    with django_capture_on_commit_callbacks(execute=True):
        context_changed.send(
            sender=ArticlePage,
            pks=[story.pk, never_live.pk],
            changed_at=timezone.now(),
            reason="claim",
            instance=None,
        )

    [update] = payloads(receiver.requests)
    assert update["type"] == "article.updated"
    assert (update["data"]["id"], update["data"]["title"]) == (story.pk, "The live headline")
    assert "DRAFT" not in receiver.requests[0].body.decode()


def test_republishing_a_live_story_is_an_update(
    site_tree, receiver, django_capture_on_commit_callbacks
):
    subscribe(receiver.url)
    story = draft(site_tree, title="First")
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()
    story = ArticlePage.objects.get(pk=story.pk)  # as the admin's edit view reads it
    story.title = "Second"
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()

    assert events_of(receiver.requests) == ["article.published", "article.updated"]
    assert payloads(receiver.requests)[1]["data"]["title"] == "Second"


def test_a_partner_gets_nothing_about_a_story_outside_its_scope(
    site_tree, receiver, django_capture_on_commit_callbacks
):
    sport = SectionPageFactory(parent=site_tree.home, title="Sport", slug="sport")
    scoped = Partner.objects.create(name="Sport only")
    scoped.sections.add(sport)
    subscribe(receiver.url, partner=scoped)
    news_story, sport_story = draft(site_tree, title="News"), draft(site_tree, parent=sport)

    with django_capture_on_commit_callbacks(execute=True):
        news_story.save_revision().publish()
        sport_story.save_revision().publish()

    [event] = payloads(receiver.requests)
    assert event["data"]["id"] == sport_story.pk


def test_an_inactive_subscription_or_partner_gets_nothing(
    site_tree, receiver, django_capture_on_commit_callbacks
):
    subscribe(receiver.url, active=False)
    subscribe(receiver.url, partner=Partner.objects.create(name="Suspended", active=False))

    with django_capture_on_commit_callbacks(execute=True):
        draft(site_tree).save_revision().publish()

    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_only_the_events_a_subscription_ticked_are_sent(
    site_tree, receiver, django_capture_on_commit_callbacks
):
    subscribe(receiver.url, events=["article.withdrawn"])
    story = draft(site_tree)

    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()
        ArticlePage.objects.get(pk=story.pk).unpublish()

    [event] = payloads(receiver.requests)
    assert event["type"] == "article.withdrawn"
    assert event["data"] == {
        "id": story.pk,
        "slug": story.slug,
        "withdrawn_at": event["data"]["withdrawn_at"],
    }


def test_deleting_or_restricting_a_live_story_is_one_withdrawal_each(
    site_tree, receiver, django_capture_on_commit_callbacks
):
    subscribe(receiver.url, events=["article.withdrawn"])
    deleted, restricted = make_article(site_tree), make_article(site_tree)

    with django_capture_on_commit_callbacks(execute=True):
        deleted.delete()
        PageViewRestriction.objects.create(page=restricted, restriction_type="login")

    assert sorted(event["data"]["id"] for event in payloads(receiver.requests)) == sorted(
        [deleted.pk, restricted.pk]
    )


def test_a_change_that_rolls_back_sends_nothing(
    site_tree, receiver, django_capture_on_commit_callbacks
):
    subscribe(receiver.url)
    story = draft(site_tree)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        story.save_revision().publish()
        raise RuntimeError("the editor's save failed after the publish")

    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_a_private_story_gets_no_event_when_its_context_changes(
    site_tree, receiver, django_capture_on_commit_callbacks
):
    story = make_article(site_tree)
    PageViewRestriction.objects.create(page=story, restriction_type="login")
    subscribe(receiver.url, events=["article.updated"])

    with django_capture_on_commit_callbacks(execute=True):
        context_changed.send(
            sender=ArticlePage, pks=[story.pk], changed_at=timezone.now(), reason="actor"
        )

    assert receiver.requests == []


def test_a_verdict_change_names_the_stories_each_partner_may_see(
    site_tree, receiver, django_capture_on_commit_callbacks
):
    sport = SectionPageFactory(parent=site_tree.home, title="Sport", slug="sport")
    claim = ClaimFactory(statement="The peacekeepers will leave", verdict="confirmed")
    story = make_article(site_tree, claims=[claim])
    make_article(site_tree, claims=[claim], live=False)  # a draft showing it: never named
    everything = subscribe(receiver.url, events=["claim.verdict_changed"])
    sport_only = Partner.objects.create(name="Sport only")
    sport_only.sections.add(sport)
    subscribe(receiver.url, partner=sport_only, events=["claim.verdict_changed"])

    with django_capture_on_commit_callbacks(execute=True):
        verdict_changed.send(
            sender=type(claim),
            claim=claim,
            old="reported",
            new="confirmed",
            changed_at=timezone.now(),
        )

    [event] = payloads(receiver.requests)  # the sport-only partner sees no story with it
    assert event["type"] == "claim.verdict_changed"
    assert event["data"] == {
        "id": claim.pk,
        "slug": claim.slug,
        "old_verdict": "reported",
        "new_verdict": "confirmed",
        "article_ids": [story.pk],
    }
    assert WebhookDelivery.objects.get().subscription == everything


def test_an_unpublished_claims_verdict_goes_nowhere(
    site_tree, receiver, django_capture_on_commit_callbacks
):
    claim = ClaimFactory(live=False)
    make_article(site_tree, claims=[claim])
    subscribe(receiver.url)

    with django_capture_on_commit_callbacks(execute=True):
        verdict_changed.send(
            sender=type(claim), claim=claim, old=None, new="false", changed_at=timezone.now()
        )

    assert receiver.requests == []


def test_a_correction_reaches_the_partners_of_its_story(
    site_tree, receiver, django_capture_on_commit_callbacks
):
    subscribe(receiver.url, events=["correction.added"])
    story = make_article(site_tree, slug="karabakh-exodus")
    correction = ArticleCorrection.objects.create(
        page=story, text="<p>An earlier version misdated the offensive.</p>"
    )

    with django_capture_on_commit_callbacks(execute=True):
        correction_added.send(
            sender=ArticlePage, article=story, correction=correction, changed_at=timezone.now()
        )

    [event] = payloads(receiver.requests)
    assert event["type"] == "correction.added"
    assert event["data"]["slug"] == "karabakh-exodus"
    assert event["data"]["correction"] == {
        "id": correction.pk,
        "kind": "correction",
        "date": correction.date.isoformat(),
    }
