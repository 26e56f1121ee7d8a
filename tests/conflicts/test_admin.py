"""Editors' door: actors and claims as snippets with drafts, revisions, search and safe deletes."""

import pytest
from django.urls import reverse
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from conflicts.models import Actor, Claim
from tests.conflicts.factories import ActorFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


def claim_form(claimant, sources, action):
    data = nested_form_data(
        {
            "statement": "Russian peacekeepers will leave Nagorno-Karabakh",
            "quote": "",
            "claimant": claimant.pk,
            "made_on": "2024-04-17",
            "conflict": "",
            "claim_sources": inline_formset(sources),
            "verdict": "reported",
            "verdict_explanation": "On the record; no finding.",
            "relations": inline_formset([]),
            "translations": inline_formset([]),
            "slug": "",
        }
    )
    data[action] = "1"
    return data


def test_publishing_a_claim_without_a_source_is_refused_with_a_message(editor):
    peskov = ActorFactory(name="Dmitry Peskov")

    response = editor.post(
        reverse("wagtailsnippets_conflicts_claim:add"),
        claim_form(peskov, [], "action-publish"),
    )

    assert response.status_code == 200
    assert "Sources: add at least one source" in response.content.decode()
    assert not Claim.objects.exists()


def test_a_claim_without_a_source_can_be_saved_as_a_draft(editor):
    peskov = ActorFactory(name="Dmitry Peskov")

    response = editor.post(
        reverse("wagtailsnippets_conflicts_claim:add"), claim_form(peskov, [], "action-draft")
    )

    assert response.status_code == 302
    claim = Claim.objects.get()
    assert claim.live is False
    assert claim.revisions.count() == 1


def test_a_claim_with_a_source_publishes_from_the_admin(editor):
    peskov = ActorFactory(name="Dmitry Peskov")
    source = SourceFactory()
    sources = [{"source": source.pk, "shows": "reports", "quote": "para 1"}]

    response = editor.post(
        reverse("wagtailsnippets_conflicts_claim:add"),
        claim_form(peskov, sources, "action-publish"),
    )

    assert response.status_code == 302
    claim = Claim.objects.get()
    assert claim.live is True
    assert [cs.source for cs in claim.claim_sources.all()] == [source]


def test_a_verdict_without_explanation_is_a_form_error_on_that_field(editor):
    peskov = ActorFactory()
    data = claim_form(peskov, [], "action-draft")
    data["verdict_explanation"] = ""

    response = editor.post(reverse("wagtailsnippets_conflicts_claim:add"), data)

    assert response.status_code == 200
    assert "Explain the verdict: say what the sources show." in response.content.decode()
    assert not Claim.objects.exists()


def actor_form(actor, **changes):
    data = nested_form_data(
        {
            "name": actor.name,
            "kind": actor.kind,
            "description": actor.description,
            "bio": rich_text(""),
            "image": "",
            "aliases": actor.aliases,
            "wikidata_id": actor.wikidata_id,
            "slug": actor.slug,
            "affiliations": inline_formset([]),
            "translations": inline_formset([]),
            **changes,
        }
    )
    data["action-publish"] = "1"
    return data


def test_every_edit_of_an_actor_keeps_a_revision_and_can_be_reverted(editor):
    actor = ActorFactory(name="Dmitry Peskov", description="Kremlin spokesperson")
    edit_url = reverse("wagtailsnippets_conflicts_actor:edit", args=[actor.pk])

    editor.post(edit_url, actor_form(actor, description="Press secretary of the President"))
    editor.post(edit_url, actor_form(actor, description="Kremlin spokesperson, again"))

    revisions = Revision.objects.for_instance(actor).order_by("created_at")
    assert [r.content["description"] for r in revisions] == [
        "Press secretary of the President",
        "Kremlin spokesperson, again",
    ]
    revisions.first().publish()
    actor.refresh_from_db()
    assert actor.description == "Press secretary of the President"


def test_an_invalid_wikidata_id_is_a_form_error_naming_the_field(editor):
    actor = ActorFactory()

    response = editor.post(
        reverse("wagtailsnippets_conflicts_actor:edit", args=[actor.pk]),
        actor_form(actor, wikidata_id="193645"),
    )

    assert response.status_code == 200
    assert "Enter a Wikidata id: the letter Q followed by digits" in response.content.decode()
    actor.refresh_from_db()
    assert actor.wikidata_id == ""


def test_deleting_an_actor_a_claim_points_to_is_refused_in_the_admin(editor):
    claim = ClaimFactory()
    actor = claim.claimant
    delete_url = reverse("wagtailsnippets_conflicts_actor:delete", args=[actor.pk])

    page = editor.get(delete_url)
    refused = editor.post(delete_url)

    assert page.status_code == 200
    text = " ".join(page.content.decode().split())
    assert "This actor is referenced 1 time." in text
    assert "One or more references to this actor prevent it from being deleted." in text
    assert (refused.status_code, refused.url) == (302, "/admin/")  # Wagtail's "permission denied"
    assert Actor.objects.filter(pk=actor.pk).exists()


def test_the_actor_list_searches_names_and_aliases(editor):
    ActorFactory(name="Collective Security Treaty Organization", aliases="CSTO\nОДКБ")
    ActorFactory(name="Dmitry Peskov")

    response = editor.get(reverse("wagtailsnippets_conflicts_actor:list"), {"q": "CSTO"})

    body = response.content.decode()
    assert "Collective Security Treaty Organization" in body
    assert "Dmitry Peskov" not in body
