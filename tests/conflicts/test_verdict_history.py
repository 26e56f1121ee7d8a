"""A claim's verdict history: a change is recorded (and `verdict_changed` sent, inside the
publish's transaction) only when the claim goes live with another verdict than readers saw."""

import pytest
from django.db import connection
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from conflicts.models import Claim, Verdict, VerdictChange
from conflicts.signals import verdict_changed
from tests.conflicts.factories import ClaimFactory
from tests.conflicts.test_admin import claim_form
from tests.conflicts.test_snippet_publishing import LATER, time_passes

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent():
    """What verdict_changed carried, each time it was sent, and whether inside a transaction."""
    calls = []

    def receiver(sender, **kwargs):
        calls.append({"sender": sender, "atomic": connection.in_atomic_block, **kwargs})

    verdict_changed.connect(receiver, dispatch_uid="test-verdict-history")
    yield calls
    verdict_changed.disconnect(dispatch_uid="test-verdict-history")


def publish_with(claim, verdict, explanation="The sources now show otherwise."):
    claim.verdict = verdict
    claim.verdict_explanation = explanation
    claim.save_revision().publish()
    claim.refresh_from_db()
    return claim


def test_a_live_claim_republished_with_a_new_verdict_records_the_change_once(sent):
    claim = ClaimFactory(verdict=Verdict.REPORTED)  # live: readers see "reported"
    before = timezone.now()

    publish_with(claim, Verdict.CONFIRMED, "Moscow's defence ministry confirmed it.")

    change = VerdictChange.objects.get()
    assert (change.claim, change.old_verdict, change.new_verdict) == (
        claim,
        Verdict.REPORTED,
        Verdict.CONFIRMED,
    )
    assert change.explanation == "Moscow's defence ministry confirmed it."
    assert change.changed_at == claim.last_published_at and change.changed_at >= before
    assert sent == [
        {
            "sender": Claim,
            "signal": verdict_changed,
            "atomic": True,
            "claim": claim,
            "old": "reported",
            "new": "confirmed",
            "changed_at": change.changed_at,
        }
    ]


def test_republishing_the_same_verdict_records_nothing(sent):
    claim = ClaimFactory(verdict=Verdict.REPORTED)

    publish_with(claim, Verdict.REPORTED, "Reworded explanation, same finding.")

    assert not VerdictChange.objects.exists()
    assert sent == []


def test_a_draft_with_another_verdict_records_nothing_until_it_goes_live(sent):
    claim = ClaimFactory(verdict=Verdict.REPORTED)
    claim.verdict = Verdict.FALSE
    claim.verdict_explanation = "The contingent stayed."
    revision = claim.save_revision()

    assert not VerdictChange.objects.exists() and sent == []
    assert Claim.objects.get(pk=claim.pk).verdict == Verdict.REPORTED

    revision.publish()

    assert list(VerdictChange.objects.values_list("old_verdict", "new_verdict")) == [
        ("reported", "false")
    ]
    assert len(sent) == 1


def test_a_first_publish_records_nothing(sent):
    claim = ClaimFactory(live=False, verdict=Verdict.DISPUTED)

    claim.save_revision().publish()

    assert Claim.objects.get(pk=claim.pk).live
    assert not VerdictChange.objects.exists()
    assert sent == []


def test_a_claim_that_gets_its_first_verdict_records_a_change_from_none(sent):
    claim = ClaimFactory(verdict="", verdict_explanation="")

    publish_with(claim, Verdict.MISLEADING)

    change = VerdictChange.objects.get()
    assert (change.old_verdict, change.new_verdict) == ("", "misleading")
    assert sent[0]["old"] is None and sent[0]["new"] == "misleading"


def test_a_claim_back_on_the_site_compares_with_what_readers_saw_when_it_was_last_live(sent):
    claim = ClaimFactory(live=False, verdict=Verdict.REPORTED)
    claim.save_revision().publish()  # live, "reported"
    claim.refresh_from_db()
    claim.unpublish()
    claim.refresh_from_db()
    claim.verdict = Verdict.FALSE  # a draft of an off-site claim: saved to the row itself
    claim.verdict_explanation = "The contingent stayed."
    claim.save()
    claim.save_revision()

    claim.get_latest_revision().publish()

    assert list(VerdictChange.objects.values_list("old_verdict", "new_verdict")) == [
        ("reported", "false")
    ]
    assert len(sent) == 1


def test_a_verdict_scheduled_for_later_is_recorded_when_the_scheduler_publishes_it(sent):
    claim = ClaimFactory(live=False, verdict=Verdict.REPORTED)
    claim.save_revision().publish()
    claim.refresh_from_db()
    claim.verdict = Verdict.CONFIRMED
    claim.go_live_at = LATER
    claim.save_revision().publish()

    assert Claim.objects.get(pk=claim.pk).verdict == Verdict.REPORTED
    assert not VerdictChange.objects.exists() and sent == []

    time_passes()

    assert Claim.objects.get(pk=claim.pk).verdict == Verdict.CONFIRMED
    assert list(VerdictChange.objects.values_list("old_verdict", "new_verdict")) == [
        ("reported", "confirmed")
    ]
    assert len(sent) == 1


def test_publishing_a_new_verdict_in_the_admin_records_it(editor, sent):
    claim = ClaimFactory(verdict=Verdict.REPORTED)
    source = claim.claim_sources.get()
    data = claim_form(
        claim.claimant,
        [{"id": source.pk, "source": source.source_id, "shows": "reports", "quote": ""}],
        "action-publish",
    )
    data.update(verdict="confirmed", verdict_explanation="Confirmed by the defence ministry.")

    response = editor.post(reverse("wagtailsnippets_conflicts_claim:edit", args=[claim.pk]), data)

    assert response.status_code == 302
    change = VerdictChange.objects.get()
    assert (change.old_verdict, change.new_verdict) == ("reported", "confirmed")
    assert change.explanation == "Confirmed by the defence ministry."
    assert len(sent) == 1


def test_a_failing_receiver_leaves_no_record(editor):
    """The record and what receivers write commit together (the publish with them where the
    host makes an editor's request atomic, as the newsroom does)."""
    claim = ClaimFactory(verdict=Verdict.REPORTED)
    source = claim.claim_sources.get()
    data = claim_form(
        claim.claimant,
        [{"id": source.pk, "source": source.source_id, "shows": "reports", "quote": ""}],
        "action-publish",
    )
    data.update(verdict="false", verdict_explanation="The contingent stayed.")

    def fail(**kwargs):
        raise RuntimeError("the outbox is full")

    verdict_changed.connect(fail, dispatch_uid="test-verdict-fails")
    try:
        with pytest.raises(RuntimeError):
            editor.post(reverse("wagtailsnippets_conflicts_claim:edit", args=[claim.pk]), data)
    finally:
        verdict_changed.disconnect(dispatch_uid="test-verdict-fails")

    assert not VerdictChange.objects.exists()


def test_deleting_a_claim_with_a_history_is_refused_and_keeps_it():
    claim = publish_with(ClaimFactory(verdict=Verdict.REPORTED), Verdict.CONFIRMED)

    with pytest.raises(ProtectedError):
        claim.delete()

    assert VerdictChange.objects.filter(claim=claim).count() == 1
