"""Scheduled publishing, revisions and reverting for actors, claims and stories."""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from conflicts.models import Actor, Claim
from tests.conflicts.factories import ActorFactory, ClaimFactory, SourceFactory
from tests.conflicts.host.factories import StoryPageFactory
from tests.conflicts.test_admin import actor_form, claim_form
from tests.pages import get_page

pytestmark = pytest.mark.django_db

LATER = timezone.now() + datetime.timedelta(hours=2)


def time_passes():
    """Run Wagtail's scheduler as the clock will read once the go-live time has passed."""
    later = LATER + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled", verbosity=0)


def schedule(data):
    data["go_live_at"] = LATER.strftime("%Y-%m-%d %H:%M")
    return data


def test_an_actor_change_scheduled_for_later_goes_live_only_then(editor, client):
    actor = ActorFactory(name="Dmitry Peskov", slug="dmitry-peskov", description="Spokesperson")
    actor.save_revision().publish()
    edit_url = reverse("wagtailsnippets_conflicts_actor:edit", args=[actor.pk])

    response = editor.post(edit_url, schedule(actor_form(actor, description="Press secretary")))

    assert response.status_code == 302
    actor.refresh_from_db()
    assert actor.description == "Spokesperson"  # readers still see the published version
    assert actor.scheduled_revision is not None
    assert "Spokesperson" in get_page(client, "/actors/dmitry-peskov/").get_text()

    time_passes()

    actor.refresh_from_db()
    assert actor.description == "Press secretary"
    assert "Press secretary" in get_page(client, "/actors/dmitry-peskov/").get_text()


def test_a_new_claim_scheduled_for_later_is_not_public_until_then(editor, client):
    peskov = ActorFactory()
    source = SourceFactory()
    data = schedule(
        claim_form(
            peskov, [{"source": source.pk, "shows": "reports", "quote": ""}], "action-publish"
        )
    )

    response = editor.post(reverse("wagtailsnippets_conflicts_claim:add"), data)

    assert response.status_code == 302
    claim = Claim.objects.get()
    assert not claim.live
    assert client.get(claim.get_absolute_url()).status_code == 404

    time_passes()

    claim.refresh_from_db()
    assert claim.live
    assert client.get(claim.get_absolute_url()).status_code == 200


def test_a_claim_reverts_to_an_earlier_revision_and_keeps_every_revision(editor):
    claim = ClaimFactory(statement="First wording")
    sources = [
        {"source": cs.source_id, "shows": cs.shows, "quote": ""} for cs in claim.claim_sources.all()
    ]
    edit_url = reverse("wagtailsnippets_conflicts_claim:edit", args=[claim.pk])
    for statement in ("Second wording", "Third wording"):
        data = claim_form(claim.claimant, sources, "action-publish")
        data["statement"] = statement
        assert editor.post(edit_url, data).status_code == 302
    first = Revision.objects.for_instance(claim).get(content__statement="Second wording")

    revert_url = reverse(
        "wagtailsnippets_conflicts_claim:revisions_revert", args=[claim.pk, first.pk]
    )
    form = editor.get(revert_url)
    assert form.status_code == 200
    assert "Second wording" in form.content.decode()
    data = claim_form(claim.claimant, sources, "action-publish")
    data["statement"] = "Second wording"
    assert editor.post(revert_url, data).status_code == 302

    claim.refresh_from_db()
    assert claim.statement == "Second wording"
    assert [
        r.content["statement"] for r in Revision.objects.for_instance(claim).order_by("pk")
    ] == [
        "Second wording",
        "Third wording",
        "Second wording",
    ]


def test_a_story_scheduled_for_later_is_published_by_the_scheduler(site_tree, client):
    story = StoryPageFactory(parent=site_tree.news, slug="later", live=False)
    story.go_live_at = LATER
    story.save_revision().publish()

    story.refresh_from_db()
    assert not story.live
    assert client.get("/news/later/").status_code == 404

    time_passes()

    assert client.get("/news/later/").status_code == 200


def test_the_actor_chooser_finds_an_actor_by_alias(editor):
    ActorFactory(name="Collective Security Treaty Organization", aliases="CSTO")
    ActorFactory(name="Dmitry Peskov")
    chooser = Actor.snippet_viewset.chooser_viewset

    response = editor.get(reverse(chooser.get_url_name("choose_results")), {"q": "CSTO"})

    body = response.content.decode()
    assert "Collective Security Treaty Organization" in body
    assert "Dmitry Peskov" not in body
