"""Keys, throttling, scope, query errors, conditional requests, CORS and the withdrawn feed."""

import io

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from newsroom.partners.models import PartnerAPIKey, Withdrawal
from tests.api.conftest import make_article
from tests.factories import ConflictExplainerPageFactory, SectionPageFactory


def test_no_key_is_a_401_that_says_how_to_send_one(site_tree):
    response = APIClient().get("/api/v1/articles/")

    assert response.status_code == 401
    assert "Api-Key" in response.json()["detail"]
    assert response["WWW-Authenticate"] == "Api-Key"


@pytest.mark.parametrize("header", ["Api-Key nonsense", "Api-Key abcdefgh.wrongsecret"])
def test_an_invalid_key_is_refused(site_tree, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)

    response = client.get("/api/v1/articles/")

    assert response.status_code == 401
    assert response.json() == {"detail": "This API key is not valid."}


def test_a_revoked_key_is_refused(api, api_key, site_tree):
    PartnerAPIKey.objects.get_from_key(api_key)
    PartnerAPIKey.objects.update(revoked=True)

    response = api.get("/api/v1/articles/")

    assert response.status_code == 401
    assert response.json() == {"detail": "This API key has been revoked."}


def test_create_partner_key_prints_a_working_key_once(site_tree):
    out = io.StringIO()
    call_command("create_partner_key", "OC Media", stdout=out, stderr=io.StringIO())
    key = out.getvalue().strip()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")

    assert client.get("/api/v1/articles/").status_code == 200
    assert not PartnerAPIKey.objects.filter(hashed_key__contains=key.split(".")[1]).exists()


def test_over_the_rate_is_a_429_with_retry_after(api, partner, site_tree):
    partner.throttle_rate = "2/minute"
    partner.save()

    statuses = [api.get("/api/v1/actors/").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    response = api.get("/api/v1/actors/")
    assert int(response["Retry-After"]) > 0
    assert "detail" in response.json()


def test_a_partner_scoped_to_a_conflict_sees_only_its_stories(api, partner, site_tree, explainer):
    other = ConflictExplainerPageFactory(parent=site_tree.conflicts, slug="other")
    make_article(site_tree, title="On it", explainer=explainer)
    make_article(site_tree, title="On the other", explainer=other)
    analysis = SectionPageFactory(parent=site_tree.home, slug="analysis", title="Analysis")
    make_article(site_tree, parent=analysis, title="On it, in analysis", explainer=explainer)
    partner.conflicts.add(explainer)
    partner.sections.add(site_tree.news)

    titles = [a["headline"] for a in api.get("/api/v1/articles/").json()["results"]]
    explainers = [e["slug"] for e in api.get("/api/v1/explainers/").json()["results"]]

    assert titles == ["On it"]
    assert explainers == ["nagorno-karabakh"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("colour=red", "colour"),
        ("published_after=yesterday", "published_after"),
        ("updated_since=2024-13-01", "updated_since"),
        ("verdict=maybe", "verdict"),
        ("page_size=1000", "page_size"),
        ("ordering=random", "ordering"),
        ("cursor=notacursor", "cursor"),
        ("format=xml", "format"),
    ],
)
def test_bad_query_is_a_400_naming_the_parameter(api, site_tree, query, parameter):
    response = api.get(f"/api/v1/articles/?{query}")

    assert response.status_code == 400
    body = response.json()
    assert list(body["parameters"]) == [parameter]
    assert parameter in body["detail"]


def test_filters_narrow_the_list(api, site_tree, explainer):
    make_article(site_tree, title="Karabakh story", explainer=explainer)
    make_article(site_tree, title="Other story")

    def titles(query):
        response = api.get(f"/api/v1/articles/?{query}")
        assert response.status_code == 200, response.json()
        return [a["headline"] for a in response.json()["results"]]

    assert titles("conflict=nagorno-karabakh") == ["Karabakh story"]
    assert titles(f"conflict={explainer.pk}") == ["Karabakh story"]
    assert titles("q=other") == ["Other story"]
    assert titles("section=news") == ["Karabakh story", "Other story"] or titles(
        "section=news"
    ) == ["Other story", "Karabakh story"]
    assert titles("published_after=2100-01-01T00:00:00Z") == []


def test_cursor_pages_through_everything_once(api, site_tree):
    for i in range(5):
        make_article(site_tree, title=f"Story {i}")

    seen, url = [], "/api/v1/articles/?page_size=2&ordering=updated_at"
    while url:
        page = api.get(url).json()
        seen += [a["id"] for a in page["results"]]
        url = page["next"]

    assert len(seen) == len(set(seen)) == 5


def test_etag_and_last_modified_answer_304(api, site_tree):
    story = make_article(site_tree, title="Story")
    first = api.get(f"/api/v1/articles/{story.pk}/")

    again = api.get(f"/api/v1/articles/{story.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])
    since = api.get(f"/api/v1/articles/{story.pk}/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    listed = api.get("/api/v1/articles/")
    listed_again = api.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=listed["ETag"])

    assert (again.status_code, since.status_code, listed_again.status_code) == (304, 304, 304)


def test_head_carries_the_get_etag_and_a_matching_one_answers_304(api, site_tree):
    story = make_article(site_tree, title="Story")
    url = f"/api/v1/articles/{story.pk}/"
    etag = api.get(url)["ETag"]

    head = api.head(url)
    matching = api.head(url, HTTP_IF_NONE_MATCH=etag)
    stale = api.head(url, HTTP_IF_NONE_MATCH='"not-the-etag"')

    assert (head.status_code, head["ETag"]) == (200, etag)
    assert (matching.status_code, stale.status_code) == (304, 200)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("query", ["", "?q=story", "?unknown=1", "?format=xml", "?q=a&q=b"])
def test_a_method_the_api_does_not_offer_is_a_405_whatever_the_parameters(
    api, site_tree, method, query
):
    story = make_article(site_tree, title="Story")
    for path in ("/api/v1/articles/", f"/api/v1/articles/{story.pk}/", "/api/v1/claims/"):
        response = getattr(api, method)(path + query)

        assert response.status_code == 405, (method, path + query)
        assert response.json()["detail"].startswith("Method ")


def test_cors_allows_get_from_any_origin_on_the_api_only(api, site_tree):
    api_response = api.get("/api/v1/articles/", HTTP_ORIGIN="https://partner.example")
    site_response = api.get("/", HTTP_ORIGIN="https://partner.example")

    assert api_response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in site_response


def test_withdrawn_feed_lists_unpublished_and_deleted_since_a_time(api, site_tree):
    from tests.factories import ActorFactory, ClaimFactory

    story = make_article(site_tree, title="Withdrawn story", slug="withdrawn-story")
    gone = make_article(site_tree, title="Deleted story", slug="deleted-story")
    draft = make_article(site_tree, title="Never public", slug="never-public", live=False)
    actor = ActorFactory(slug="peskov")
    claim = ClaimFactory(claimant=actor, slug="his-claim")
    story.unpublish()
    gone.delete()
    draft.delete()
    actor.latest_revision = actor.save_revision()
    from wagtail.actions.unpublish import UnpublishAction

    UnpublishAction(actor).execute(skip_permission_checks=True)

    feed = api.get("/api/v1/withdrawn/?since=2000-01-01T00:00:00Z").json()["results"]

    assert [(w["kind"], w["slug"], w["reason"]) for w in feed] == [
        ("article", "withdrawn-story", "unpublished"),
        ("article", "deleted-story", "deleted"),
        ("actor", "peskov", "unpublished"),
        ("claim", "his-claim", "unpublished"),
    ]
    assert claim.pk in [w["id"] for w in feed]
    story.save_revision().publish()
    assert not Withdrawal.objects.filter(slug="withdrawn-story").exists()


def test_wagtail_admin_api_still_works_for_editors(editor, site_tree):
    response = editor.get("/admin/api/main/pages/?child_of=root")

    assert response.status_code == 200
