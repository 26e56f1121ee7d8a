"""The actor, claim and source choosers: a Create tab for those who may add one, drafts with
a first revision, field errors that change nothing, and claim rows that tell claims apart."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.urls import reverse
from wagtail.models import ModelLogEntry

from conflicts.models import Actor, Claim, Source, Verdict
from tests.conflicts.factories import ActorFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db

LONG_STATEMENT = (
    "Russia will withdraw its peacekeeping contingent from Nagorno-Karabakh, which it "
    "deployed in November 2020, by the end of this year"
)


def chooser_url(model, view):
    return reverse(f"wagtailsnippetchoosers_conflicts_{model}:{view}")


@pytest.fixture
def member(client, django_user_model):
    """Signs in a user who may use the admin with only the conflicts permissions named."""

    def sign_in(*codenames):
        user = django_user_model.objects.create_user("member", "m@example.org", "pw")
        user.user_permissions.add(
            *Permission.objects.filter(
                Q(content_type__app_label="wagtailadmin", codename="access_admin")
                | Q(content_type__app_label="conflicts", codename__in=codenames)
            )
        )
        client.force_login(user)
        return user

    return sign_in


def modal(response) -> BeautifulSoup:
    """The chooser modal's HTML (a ModalWorkflow JSON response)."""
    assert response.status_code == 200
    data = response.json()
    return BeautifulSoup(data.get("html") or data["htmlFragment"], "html.parser")


def field_errors(page: BeautifulSoup, name: str) -> str:
    """The errors shown with one field of the creation form."""
    field = page.select_one(f'[data-contentpath="{name}"]')
    return field.select_one("[data-field-errors]").get_text(" ", strip=True)


def rows(page: BeautifulSoup) -> list[list[str]]:
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        for row in page.select("table tbody tr")
    ]


# --- The Create tab ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "tab"), [("actor", "New actor"), ("claim", "New claim"), ("source", "New source")]
)
def test_the_chooser_offers_a_create_tab_to_who_may_add(client, member, model, tab):
    member(f"add_{model}", f"change_{model}")  # a reporter's rights (newsroom roles.py)

    page = modal(client.get(chooser_url(model, "choose")))

    tabs = [link.find(string=True, recursive=False).strip() for link in page.select('[role="tab"]')]
    assert tabs == ["Search", tab]
    assert page.select_one("form[data-chooser-modal-creation-form]")["action"] == chooser_url(
        model, "create"
    )


def test_without_add_permission_there_is_no_create_tab_and_a_post_is_refused(client, member):
    member("change_actor", "publish_actor")  # a fact-checker's rights on actors

    page = modal(client.get(chooser_url("actor", "choose")))
    response = client.post(chooser_url("actor", "create"), {"name": "X", "kind": "person"})

    assert page.select('[role="tab"]') == []
    assert page.select("form[data-chooser-modal-creation-form]") == []
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))  # refused
    assert not Actor.objects.exists()


def test_an_actor_created_in_the_chooser_is_a_draft_with_one_revision_and_is_chosen(client, member):
    user = member("add_actor", "change_actor")

    response = client.post(
        chooser_url("actor", "create"),
        {"name": " Nikol Pashinyan ", "kind": "person", "description": "Prime Minister"},
    )

    actor = Actor.objects.get()
    assert response.json() == {
        "step": "chosen",
        "result": {
            "id": str(actor.pk),
            "string": "Nikol Pashinyan",
            "edit_url": reverse("wagtailsnippets_conflicts_actor:edit", args=[actor.pk]),
        },
    }
    assert (actor.name, actor.slug, actor.live) == ("Nikol Pashinyan", "nikol-pashinyan", False)
    assert [r.user for r in actor.revisions.all()] == [user]
    assert actor.latest_revision == actor.revisions.get()
    assert list(ModelLogEntry.objects.for_instance(actor).values_list("action", flat=True)) == [
        "wagtail.create"
    ]


def test_a_claim_created_in_the_chooser_needs_no_source_and_is_a_draft(client, member):
    member("add_claim", "change_claim")
    pashinyan = ActorFactory(name="Nikol Pashinyan", live=False)  # made a moment ago

    response = client.post(
        chooser_url("claim", "create"),
        {"statement": LONG_STATEMENT, "claimant": pashinyan.pk, "made_on": "2024-04-17"},
    )

    claim = Claim.objects.get()
    assert response.json()["step"] == "chosen"
    assert response.json()["result"]["id"] == str(claim.pk)
    assert (claim.statement, claim.claimant, claim.live) == (LONG_STATEMENT, pashinyan, False)
    assert claim.made_on == datetime.date(2024, 4, 17)
    assert claim.slug  # made by the model's clean()
    assert claim.revisions.count() == 1
    assert list(claim.claim_sources.all()) == []


def test_a_claim_created_with_a_new_source_cites_it_in_its_first_revision(client, member):
    member("add_claim", "change_claim", "add_source")
    mirzoyan = ActorFactory(name="Ararat Mirzoyan", live=False)

    client.post(
        chooser_url("claim", "create"),
        {
            "statement": "Russian border guards will leave Yerevan airport",
            "claimant": mirzoyan.pk,
            "made_on": "2024-03-13",
            "source_url": "https://example.org/border-guards",
            "source_title": "Statement on the border guards",
            "source_publisher": "Armenian Foreign Ministry",
            "source_kind": "official_statement",
        },
    )

    claim, source = Claim.objects.get(), Source.objects.get()
    assert (source.title, source.publisher, source.kind) == (
        "Statement on the border guards",
        "Armenian Foreign Ministry",
        "official_statement",
    )
    assert source.revisions.count() == 1
    assert [(cs.source, cs.shows) for cs in claim.claim_sources.all()] == [(source, "reports")]
    first = claim.revisions.get().as_object()
    assert [cs.source_id for cs in first.claim_sources.all()] == [source.pk]  # publishable


def test_a_source_address_already_recorded_is_cited_not_copied(client, member):
    member("add_claim", "change_claim")  # no add_source needed to cite one
    tass = SourceFactory(url="https://tass.com/politics/1776597")

    client.post(
        chooser_url("claim", "create"),
        {
            "statement": "Peacekeepers leave",
            "claimant": ActorFactory().pk,
            "made_on": "2024-04-17",
            "source_url": "https://tass.com/politics/1776597",
        },
    )

    assert [cs.source for cs in Claim.objects.get().claim_sources.all()] == [tass]
    assert Source.objects.count() == 1


def test_a_half_given_source_names_its_missing_fields_and_nothing_is_made(client, member):
    member("add_claim", "change_claim", "add_source")

    response = client.post(
        chooser_url("claim", "create"),
        {
            "statement": "Peacekeepers leave",
            "claimant": ActorFactory().pk,
            "made_on": "2024-04-17",
            "source_url": "https://example.org/new",
            "source_title": "A statement",
        },
    )

    form = modal(response)
    assert field_errors(form, "source_publisher") == "This field cannot be blank."
    assert field_errors(form, "source_kind") == "This field cannot be blank."
    assert (Claim.objects.count(), Source.objects.count()) == (0, 0)


def test_who_may_not_add_sources_is_told_so_on_the_source_field(client, member):
    member("add_claim", "change_claim")

    response = client.post(
        chooser_url("claim", "create"),
        {
            "statement": "Peacekeepers leave",
            "claimant": ActorFactory().pk,
            "made_on": "2024-04-17",
            "source_url": "https://example.org/new",
            "source_title": "A statement",
            "source_publisher": "TASS",
            "source_kind": "news_report",
        },
    )

    assert field_errors(modal(response), "source_url") == (
        "You may not add sources: give the address of one already recorded."
    )
    assert (Claim.objects.count(), Source.objects.count()) == (0, 0)


def test_the_claim_form_lists_every_actor_as_claimant_including_drafts(client, member):
    member("add_claim", "change_claim")
    ActorFactory(name="Nikol Pashinyan", live=False)
    ActorFactory(name="Dmitry Peskov")

    page = modal(client.get(chooser_url("claim", "choose")))

    options = [o.get_text(strip=True) for o in page.select("#tab-create select#id_claimant option")]
    assert options == ["Choose the claimant", "Dmitry Peskov", "Nikol Pashinyan"]


def test_a_claim_without_a_claimant_is_shown_again_with_that_fields_error(client, member):
    member("add_claim", "change_claim")

    response = client.post(
        chooser_url("claim", "create"), {"statement": "Peacekeepers leave", "made_on": ""}
    )

    assert response.json()["step"] == "reshow_creation_form"
    form = modal(response)
    assert field_errors(form, "claimant") == "This field is required."
    assert field_errors(form, "made_on") == "This field is required."
    assert field_errors(form, "statement") == ""
    assert form.select_one("#id_statement").get_text().strip() == "Peacekeepers leave"  # kept
    assert not Claim.objects.exists()


def test_a_source_already_recorded_is_refused_by_the_models_rule_and_nothing_is_made(
    client, member
):
    member("add_source", "change_source")
    SourceFactory(url="https://tass.com/politics/1776597")

    response = client.post(
        chooser_url("source", "create"),
        {
            "title": "Kremlin confirms withdrawal",
            "publisher": "TASS",
            "url": "https://tass.com/politics/1776597",
            "kind": "news_report",
        },
    )

    assert field_errors(modal(response), "url") == (
        "A source with this web address already exists: choose it."
    )
    assert Source.objects.count() == 1


def test_a_source_created_in_the_chooser_keeps_a_first_revision(client, member):
    member("add_source", "change_source")

    response = client.post(
        chooser_url("source", "create"),
        {
            "title": "Kremlin confirms withdrawal",
            "publisher": "TASS",
            "url": "https://tass.com/politics/1776597",
            "published_on": "2024-04-17",
            "kind": "news_report",
        },
    )

    source = Source.objects.get()
    assert response.json()["result"]["string"] == "TASS: Kremlin confirms withdrawal"
    assert source.revisions.count() == 1


# --- Searching for the selected words (the Mention button) ---------------------------------


def test_the_actor_chooser_opens_on_the_words_searched_for_and_offers_to_create_them(
    client, member
):
    member("add_actor", "change_actor")
    ActorFactory(name="Nikol Pashinyan", description="Prime Minister of Armenia")
    ActorFactory(name="Dmitry Peskov")

    page = modal(client.get(chooser_url("actor", "choose"), {"q": "Nikol Pashinyan"}))

    assert page.select_one("#id_q")["value"] == "Nikol Pashinyan"
    assert rows(page) == [["Nikol Pashinyan", "Prime Minister of Armenia", "Person", "live"]]
    assert page.select_one("#tab-create #id_name")["value"] == "Nikol Pashinyan"


# --- Claim rows ---------------------------------------------------------------------------


@pytest.fixture
def russia_claims(db):
    peskov = ActorFactory(name="Dmitry Peskov", aliases="Peskov")
    mfa = ActorFactory(name="Armenian Foreign Ministry")
    ClaimFactory(
        statement=LONG_STATEMENT,
        claimant=peskov,
        made_on=datetime.date(2024, 4, 17),
        verdict=Verdict.CONFIRMED,
    )
    ClaimFactory(
        statement="Russia failed to keep the Lachin corridor open during the blockade",
        claimant=mfa,
        made_on=datetime.date(2023, 6, 2),
        verdict="",
        verdict_explanation="",
        live=False,
    )
    return peskov, mfa


def test_claim_rows_show_the_whole_statement_claimant_date_and_verdict(editor, russia_claims):
    page = modal(editor.get(chooser_url("claim", "choose")))

    headers = [th.get_text(" ", strip=True) for th in page.select("#search-results thead th")]
    assert headers == ["Statement", "Claimant", "Date made", "Verdict", "Status"]
    assert rows(page) == [
        [LONG_STATEMENT, "Dmitry Peskov", "April 17, 2024", "Confirmed", "live"],
        [
            "Russia failed to keep the Lachin corridor open during the blockade",
            "Armenian Foreign Ministry",
            "June 2, 2023",
            "Not checked yet",
            "draft",
        ],
    ]


@pytest.mark.parametrize(
    ("search", "claimants"),
    [
        ("Peskov", ["Dmitry Peskov"]),  # by the claimant's alias
        ("russia armenian", ["Armenian Foreign Ministry"]),  # statement and claimant
        ("Russia", ["Dmitry Peskov", "Armenian Foreign Ministry"]),
        ("Erdogan", []),
    ],
)
def test_claims_are_found_by_statement_and_claimant(editor, russia_claims, search, claimants):
    page = BeautifulSoup(
        editor.get(chooser_url("claim", "choose_results"), {"q": search}).content, "html.parser"
    )

    assert [row[1] for row in rows(page)] == claimants


@pytest.mark.parametrize("claims", [1, 8])
def test_the_claim_chooser_reads_the_same_number_of_queries_however_many_claims(
    editor, django_assert_num_queries, claims
):
    ClaimFactory.create_batch(claims, sources=0)
    editor.get(chooser_url("claim", "choose"))  # the session and user, loaded once

    with django_assert_num_queries(6):
        page = modal(editor.get(chooser_url("claim", "choose")))

    assert len(rows(page)) == claims
