"""One verdict change, every door: the story pages' sidebars, the API detail and its ninjs,
ETag and Last-Modified, the CDN purge list and the subscribed partner's webhooks each get it,
exactly once for each story that shows the claim; a story that does not show it, and a draft
of the change, reach none of them."""

import json

import pytest

from conflicts.models import Verdict
from tests.api.conftest import make_article
from tests.api.webhooks import subscribe
from tests.factories import ActorFactory, ClaimFactory

pytestmark = pytest.mark.django_db
pytest_plugins = ["tests.api.webhooks"]


@pytest.fixture
def world(site_tree, explainer):
    peskov = ActorFactory(name="Dmitry Peskov", slug="peskov")
    claim = ClaimFactory(
        claimant=peskov,
        slug="they-leave",
        conflict=explainer,
        statement="The peacekeepers are leaving of their own accord.",
        verdict=Verdict.REPORTED,
    )
    return {
        "claim": claim,
        "showing": [
            make_article(site_tree, slug=f"shows-{n}", explainer=explainer, claims=[claim])
            for n in range(2)
        ],
        "other": make_article(site_tree, slug="other", claims=[ClaimFactory(slug="unrelated")]),
    }


def doors(client, api, article) -> dict:
    """What a reader and a partner get for article: sidebar verdict, API verdict, headers."""
    page = client.get(article.url)
    detail = api.get(f"/api/v1/articles/{article.pk}/")
    ninjs = api.get(f"/api/v1/articles/{article.pk}/?format=ninjs")
    claims = detail.json()["related_context"]["claims"]
    return {
        "page": page.content.decode(),
        "api_verdicts": [claim["verdict"] for claim in claims],
        "etag": detail["ETag"],
        "last_modified": detail["Last-Modified"],
        "ninjs_version": ninjs.json()["version"],
    }


def change_verdict(claim, publish=True):
    claim.verdict = Verdict.CONFIRMED
    claim.verdict_explanation = "The last contingent left in June 2024, as Moscow said."
    revision = claim.save_revision()
    if publish:
        revision.publish()


def test_a_verdict_change_reaches_every_door_once_for_each_story_showing_it(
    client, api, world, receiver, purged, django_capture_on_commit_callbacks
):
    subscribe(receiver.url)
    showing, other = world["showing"], world["other"]
    before = {article.pk: doors(client, api, article) for article in [*showing, other]}
    assert all("Confirmed" not in before[a.pk]["page"] for a in showing)
    purged.clear()

    with django_capture_on_commit_callbacks(execute=True):
        change_verdict(world["claim"])

    for article in showing:
        after, old = doors(client, api, article), before[article.pk]
        assert "Confirmed" in after["page"]  # the sidebar's claim card
        assert after["api_verdicts"] == ["confirmed"]
        assert after["etag"] != old["etag"]
        assert after["last_modified"] != old["last_modified"]
        assert after["ninjs_version"] != old["ninjs_version"]
        assert purged.count(article.full_url) == 1
    unchanged = doors(client, api, other)
    assert unchanged == before[other.pk]
    assert other.full_url not in purged

    events = [json.loads(request.body) for request in receiver.requests]
    updated = sorted(e["data"]["id"] for e in events if e["type"] == "article.updated")
    assert updated == sorted(article.pk for article in showing)  # once each, not "other"
    [verdict] = [e for e in events if e["type"] == "claim.verdict_changed"]
    assert (verdict["data"]["old_verdict"], verdict["data"]["new_verdict"]) == (
        "reported",
        "confirmed",
    )
    assert sorted(verdict["data"]["article_ids"]) == sorted(a.pk for a in showing)
    assert len({request.headers["webhook-id"] for request in receiver.requests}) == len(events)


def test_a_draft_of_the_verdict_change_reaches_no_door(
    client, api, world, receiver, purged, django_capture_on_commit_callbacks
):
    subscribe(receiver.url)
    articles = [*world["showing"], world["other"]]
    before = {article.pk: doors(client, api, article) for article in articles}
    purged.clear()

    with django_capture_on_commit_callbacks(execute=True):
        change_verdict(world["claim"], publish=False)

    assert {article.pk: doors(client, api, article) for article in articles} == before
    assert purged == []
    assert receiver.requests == []
