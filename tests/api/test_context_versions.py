"""A partner following docs/api.md (list `updated_since`, conditional requests, ninjs) learns
of a change in the context an article shows: a verdict, an actor's name, the explainer's card,
the stories listed beside it. A draft changes no answer."""

import datetime

import pytest
from django.utils import timezone
from django.utils.http import http_date, parse_http_date

from conflicts.models import ActorAffiliation, ConflictParty, Verdict
from tests.api.conftest import NOW, make_article
from tests.factories import ActorFactory, ClaimFactory, ConflictExplainerPageFactory


@pytest.fixture
def world(site_tree, explainer):
    peskov = ActorFactory(name="Dmitry Peskov", slug="peskov")
    claim = ClaimFactory(claimant=peskov, slug="they-leave", conflict=explainer)
    elsewhere = ConflictExplainerPageFactory(parent=site_tree.conflicts, slug="elsewhere")
    return {
        "claim": claim,
        "peskov": peskov,
        "explainer": explainer,
        "shows": make_article(site_tree, slug="shows", explainer=explainer, claims=[claim]),
        "same-conflict": make_article(
            site_tree, slug="same-conflict", explainer=explainer, when=NOW - 2 * DAY
        ),
        "links-actor": make_article(site_tree, slug="links-actor", actors=[peskov]),
        "elsewhere": make_article(
            site_tree, slug="elsewhere", explainer=elsewhere, claims=[ClaimFactory()]
        ),
    }


DAY = datetime.timedelta(days=1)


def since(api, when) -> list[dict]:
    """The documented sync: everything changed at or after when, oldest change first."""
    stamp = when.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
    response = api.get(f"/api/v1/articles/?updated_since={stamp}&ordering=updated_at")
    assert response.status_code == 200
    return response.json()["results"]


def change_verdict(claim, verdict=Verdict.CONFIRMED, publish=True):
    claim.verdict = verdict
    claim.verdict_explanation = "The contingent left by June 2024."
    revision = claim.save_revision()
    if publish:
        revision.publish()


def test_after_a_verdict_change_updated_since_returns_exactly_the_stories_that_show_it(api, world):
    before = timezone.now()
    assert since(api, before) == []

    change_verdict(world["claim"])

    results = since(api, before)
    assert [article["slug"] for article in results] == ["shows"]
    [claim] = results[0]["related_context"]["claims"]
    assert claim["verdict"] == "confirmed"
    assert results[0]["context"]["claims"][0]["verdict"] == "confirmed"
    assert datetime.datetime.fromisoformat(results[0]["updated_at"]) >= before


def test_the_detail_answers_conditional_requests_with_the_new_context(api, world):
    url = f"/api/v1/articles/{world['shows'].pk}/"
    old = api.get(url)
    old_etag, old_modified = old["ETag"], old["Last-Modified"]
    assert api.get(url, HTTP_IF_MODIFIED_SINCE=old_modified).status_code == 304

    change_verdict(world["claim"])

    by_date = api.get(url, HTTP_IF_MODIFIED_SINCE=old_modified)
    assert by_date.status_code == 200
    assert by_date.json()["related_context"]["claims"][0]["verdict"] == "confirmed"
    assert parse_http_date(by_date["Last-Modified"]) > parse_http_date(old_modified)
    by_etag = api.get(url, HTTP_IF_NONE_MATCH=old_etag)
    assert by_etag.status_code == 200
    assert by_etag["ETag"] != old_etag
    assert api.get(url, HTTP_IF_NONE_MATCH=by_etag["ETag"]).status_code == 304


def test_the_ninjs_version_moves_with_the_context(api, world):
    url = f"/api/v1/articles/{world['shows'].pk}/?format=ninjs"
    old = api.get(url).json()

    change_verdict(world["claim"])

    new = api.get(url).json()
    assert new["version"] != old["version"]
    assert new["versionCreated"] > old["versionCreated"]
    assert new["version"].split(".")[0] == old["version"].split(".")[0]  # the same revision


def test_a_draft_of_the_claim_changes_no_answer(api, world):
    url = f"/api/v1/articles/{world['shows'].pk}/"
    old = api.get(url)
    ninjs = api.get(url + "?format=ninjs").json()
    before = timezone.now()

    change_verdict(world["claim"], Verdict.FALSE, publish=False)

    assert since(api, before) == []
    assert api.get(url, HTTP_IF_NONE_MATCH=old["ETag"]).status_code == 304
    assert api.get(url, HTTP_IF_MODIFIED_SINCE=old["Last-Modified"]).status_code == 304
    assert api.get(url + "?format=ninjs").json()["version"] == ninjs["version"]


def test_a_draft_of_the_story_itself_changes_no_answer(api, world):
    story = world["shows"]
    old = api.get(f"/api/v1/articles/{story.pk}/?format=ninjs").json()
    before = timezone.now()
    story.title = "A headline still in draft"
    story.save_revision()

    assert since(api, before) == []
    assert api.get(f"/api/v1/articles/{story.pk}/?format=ninjs").json() == old


def test_an_actor_rename_reaches_the_stories_showing_it_or_its_claims(api, world):
    before = timezone.now()
    peskov = world["peskov"]
    peskov.name = "Dmitri Peskov"
    peskov.save_revision().publish()

    results = {article["slug"]: article for article in since(api, before)}
    assert set(results) == {"shows", "links-actor"}
    claimant = results["shows"]["related_context"]["claims"][0]["claimant"]
    assert claimant["name"] == "Dmitri Peskov"
    assert results["links-actor"]["related_context"]["actors"][0]["name"] == "Dmitri Peskov"


def test_an_explainer_change_reaches_the_stories_on_its_conflict(api, world):
    before = timezone.now()
    explainer = world["explainer"]
    explainer.summary = "The conflict ended in September 2023."
    explainer.save_revision().publish()

    results = since(api, before)
    assert {article["slug"] for article in results} == {"shows", "same-conflict"}
    for article in results:
        assert article["related_context"]["explainer"]["summary"] == explainer.summary


def test_a_new_story_reaches_the_stories_whose_more_stories_list_it(api, site_tree, world):
    before = timezone.now()
    new = make_article(site_tree, slug="new", explainer=world["explainer"], live=False)
    new.save_revision().publish()

    results = {article["slug"]: article for article in since(api, before)}
    assert set(results) == {"new", "shows", "same-conflict"}
    for slug in ("shows", "same-conflict"):
        listed = [story["slug"] for story in results[slug]["related_context"]["more_stories"]]
        assert "new" in listed


def test_ordering_by_updated_at_puts_a_changed_context_last(api, world):
    change_verdict(world["claim"])

    results = api.get("/api/v1/articles/?ordering=updated_at").json()["results"]
    assert results[-1]["slug"] == "shows"
    times = [article["updated_at"] for article in results]
    assert times == sorted(times)


def test_last_modified_is_the_articles_updated_at(api, world):
    change_verdict(world["claim"])

    response = api.get(f"/api/v1/articles/{world['shows'].pk}/")
    updated = datetime.datetime.fromisoformat(response.json()["updated_at"])
    assert response["Last-Modified"] == http_date(updated.timestamp())


def listed_since(api, endpoint, when) -> list[dict]:
    stamp = when.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
    response = api.get(f"/api/v1/{endpoint}/?updated_since={stamp}&ordering=updated_at")
    assert response.status_code == 200
    return response.json()["results"]


def test_a_claimant_renamed_brings_the_claim_back_in_the_claims_sync(api, world):
    before = timezone.now()
    assert listed_since(api, "claims", before) == []
    peskov = world["peskov"]
    peskov.name = "Dmitri Peskov"
    peskov.save_revision().publish()

    [claim] = listed_since(api, "claims", before)
    assert claim["slug"] == "they-leave"
    assert claim["claimant"]["name"] == "Dmitri Peskov"
    assert datetime.datetime.fromisoformat(claim["updated_at"]) >= before


def test_an_organisation_renamed_brings_its_members_back_in_the_actors_sync(api, world):
    kremlin = ActorFactory(name="The Kremlin", slug="kremlin")
    ActorAffiliation.objects.create(
        actor=world["peskov"], organisation=kremlin, role="Spokesperson"
    )
    before = timezone.now()
    kremlin.name = "Kremlin"
    kremlin.save_revision().publish()

    actors = {actor["slug"]: actor for actor in listed_since(api, "actors", before)}
    assert set(actors) == {"kremlin", "peskov"}
    assert actors["peskov"]["affiliations"][0]["organisation"]["name"] == "Kremlin"


def test_a_partys_rename_brings_the_explainer_back_in_the_explainers_sync(api, world):
    ConflictParty.objects.create(page=world["explainer"], actor=world["peskov"], role="Mediator")
    before = timezone.now()
    world["peskov"].name = "Dmitri Peskov"
    world["peskov"].save_revision().publish()

    [explainer] = listed_since(api, "explainers", before)
    assert explainer["slug"] == "nagorno-karabakh"
    assert explainer["parties"][0]["actor"]["name"] == "Dmitri Peskov"
