"""An editor gives a partner access in the Wagtail admin, and takes it away; scope holds."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from rest_framework.test import APIClient

from newsroom.partners.models import Partner, PartnerAPIKey
from tests.api.conftest import make_article, published
from tests.factories import ClaimFactory, ConflictExplainerPageFactory, SectionPageFactory


def messages(response) -> str:
    return " ".join(
        m.get_text(" ", strip=True)
        for m in BeautifulSoup(response.content, "html.parser").select(".messages li")
    )


def add_partner(editor, **fields) -> Partner:
    data = {"name": "OC Media", "contact_email": "api@ocmedia.example", "active": "on"}
    response = editor.post(reverse("partner:add"), {**data, **fields})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Partner.objects.get(name=data["name"])


def add_key(editor, partner) -> str:
    """Create a key in the admin; return the key as the confirmation shows it."""
    response = editor.post(
        reverse("partnerapikey:add"),
        {"partner": partner.pk, "name": "production", "expiry_date": "", "revoked": ""},
        follow=True,
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    [code] = soup.select(".messages code")
    assert "will not be shown again" in messages(response)
    return code.get_text()


def client_with(key) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return client


def test_a_key_made_in_the_admin_works_is_shown_once_and_revoking_it_locks_the_partner_out(
    editor, site_tree
):
    make_article(site_tree, title="A story")
    partner = add_partner(editor)

    key = add_key(editor, partner)

    stored = PartnerAPIKey.objects.get(partner=partner)
    prefix, secret = key.split(".")
    assert stored.prefix == prefix
    assert secret not in stored.hashed_key  # only a hash is kept
    index = editor.get(reverse("partnerapikey:index"))
    edit = editor.get(reverse("partnerapikey:edit", args=[stored.pk]))
    assert index.status_code == edit.status_code == 200
    assert prefix in index.content.decode()  # the list names the key by its prefix
    assert secret not in index.content.decode() + edit.content.decode()
    api = client_with(key)
    assert [a["headline"] for a in api.get("/api/v1/articles/").json()["results"]] == ["A story"]

    revoke = editor.post(
        reverse("partnerapikey:edit", args=[stored.pk]),
        {"partner": partner.pk, "name": "production", "expiry_date": "", "revoked": "on"},
    )

    assert revoke.status_code == 302
    response = api.get("/api/v1/articles/")
    assert response.status_code == 401
    assert response.json() == {"detail": "This API key has been revoked."}
    assert api.get("/api/v1/actors/").status_code == 401  # every endpoint


def test_a_revoked_key_cannot_be_restored_in_the_admin(editor, site_tree):
    partner = add_partner(editor)
    key = add_key(editor, partner)
    stored = PartnerAPIKey.objects.get(partner=partner)
    stored.revoked = True
    stored.save()

    response = editor.post(
        reverse("partnerapikey:edit", args=[stored.pk]),
        {"partner": partner.pk, "name": "production", "expiry_date": "", "revoked": ""},
    )

    assert response.status_code == 200  # the form again, with the reason
    assert "cannot be undone" in response.content.decode()
    assert PartnerAPIKey.objects.get(pk=stored.pk).revoked
    assert client_with(key).get("/api/v1/articles/").status_code == 401


def test_suspending_the_partner_refuses_all_its_keys(editor, site_tree):
    partner = add_partner(editor)
    key = add_key(editor, partner)

    response = editor.post(
        reverse("partner:edit", args=[partner.pk]),
        {"name": "OC Media", "contact_email": "api@ocmedia.example", "active": ""},
    )

    assert response.status_code == 302
    refused = client_with(key).get("/api/v1/articles/")
    assert refused.status_code == 401
    assert refused.json() == {"detail": "This partner's access is suspended."}


def test_a_bad_rate_is_a_form_error_naming_the_field(editor, site_tree):
    response = editor.post(
        reverse("partner:add"), {"name": "OC Media", "active": "on", "throttle_rate": "lots"}
    )

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert "1000/hour" in soup.get_text()
    assert not Partner.objects.exists()


@pytest.fixture
def two_of_everything(site_tree, explainer):
    """Stories in two sections on two conflicts, and a claim on each conflict."""
    other = ConflictExplainerPageFactory(parent=site_tree.conflicts, slug="other", **published())
    analysis = SectionPageFactory(parent=site_tree.home, slug="analysis", title="Analysis")
    stories = {
        "news-on-it": make_article(site_tree, slug="news-on-it", explainer=explainer),
        "news-on-other": make_article(site_tree, slug="news-on-other", explainer=other),
        "analysis-on-it": make_article(
            site_tree, parent=analysis, slug="analysis-on-it", explainer=explainer
        ),
    }
    claims = {
        "claim-on-it": ClaimFactory(slug="claim-on-it", conflict=explainer),
        "claim-on-other": ClaimFactory(slug="claim-on-other", conflict=other),
    }
    return {"analysis": analysis, "other": other, "stories": stories, "claims": claims}


@pytest.mark.parametrize(
    ("scope", "articles", "claims", "explainers"),
    [
        ({}, ["analysis-on-it", "news-on-it", "news-on-other"], 2, 2),
        ({"sections": "news"}, ["news-on-it", "news-on-other"], 2, 2),
        ({"conflicts": "it"}, ["analysis-on-it", "news-on-it"], 1, 1),
        ({"sections": "news", "conflicts": "it"}, ["news-on-it"], 1, 1),
    ],
)
def test_scope_set_in_the_admin_holds_in_lists_and_details(
    editor, site_tree, explainer, two_of_everything, scope, articles, claims, explainers
):
    fields = {}
    if "sections" in scope:
        fields["sections"] = [site_tree.news.pk]
    if "conflicts" in scope:
        fields["conflicts"] = [explainer.pk]
    api = client_with(add_key(editor, add_partner(editor, **fields)))

    listed = api.get("/api/v1/articles/").json()["results"]
    assert sorted(a["slug"] for a in listed) == articles
    for slug, story in two_of_everything["stories"].items():
        expected = 200 if slug in articles else 404
        assert api.get(f"/api/v1/articles/{story.pk}/").status_code == expected, slug
        assert api.get(f"/api/v1/articles/slug/{slug}/").status_code == expected, slug
    assert len(api.get("/api/v1/claims/").json()["results"]) == claims
    assert len(api.get("/api/v1/explainers/").json()["results"]) == explainers
    other_claim = two_of_everything["claims"]["claim-on-other"]
    other = two_of_everything["other"]
    outside = 404 if "conflicts" in scope else 200
    assert api.get(f"/api/v1/claims/{other_claim.pk}/").status_code == outside
    assert api.get(f"/api/v1/explainers/{other.pk}/").status_code == outside
    assert api.get("/api/v1/explainers/slug/other/").status_code == outside
