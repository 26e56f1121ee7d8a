"""Under `make run` the site answers on 127.0.0.1:$PORT, and `load_demo --address` points
the Wagtail site there: the absolute URLs that Wagtail builds from the site (canonical link,
JSON-LD, sitemap, API) name that address, not http://localhost/."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient
from wagtail.models import Site

from newsroom.partners.models import Partner, PartnerAPIKey
from newsroom.stories.models import ArticlePage
from tests.newsroom.test_structured_data import jsonld_of

pytestmark = pytest.mark.django_db

ROOT = "http://127.0.0.1:8000"
STORY = "/news/russian-peacekeepers-leave-karabakh/"


@pytest.fixture
def served(client):
    call_command("load_demo", "--address", "127.0.0.1:8000", verbosity=0)
    client.defaults["HTTP_HOST"] = "127.0.0.1:8000"
    return client


def test_the_canonical_link_and_json_ld_follow_the_served_address(served):
    page = served.get(STORY).content.decode()
    data = jsonld_of(served, STORY)

    assert f'<link rel="canonical" href="{ROOT}{STORY}">' in page
    assert data["NewsArticle"]["url"] == f"{ROOT}{STORY}"
    assert data["NewsArticle"]["publisher"]["url"] == f"{ROOT}/"
    crumbs = [c["item"] for c in data["BreadcrumbList"]["itemListElement"]]
    assert crumbs == [f"{ROOT}/", f"{ROOT}/news/", f"{ROOT}{STORY}"]
    assert "localhost" not in page


def test_the_sitemap_follows_the_served_address(served):
    body = served.get("/sitemap.xml").content.decode()

    assert f"<loc>{ROOT}{STORY}</loc>" in body
    assert f"<loc>{ROOT}/actors/dmitry-peskov/</loc>" in body
    assert f"<loc>{ROOT}/claims/russia-failed-to-support-armenia/</loc>" in body
    assert "localhost" not in body


def test_the_api_follows_the_served_address(served):
    _, key = PartnerAPIKey.objects.create_key(partner=Partner.objects.create(name="P"), name="k")
    api = APIClient(HTTP_HOST="127.0.0.1:8000")
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")

    response = api.get("/api/v1/articles/")

    assert response.status_code == 200
    [article] = response.json()["results"]
    assert article["url"] == f"{ROOT}{STORY}"
    assert "localhost" not in json.dumps(response.json())


def test_a_second_load_at_the_same_address_changes_nothing_and_a_new_port_moves_the_site():
    call_command("load_demo", "--address", "127.0.0.1:8000", verbosity=0)
    call_command("load_demo", "--address", "127.0.0.1:8000", verbosity=0)
    assert [(s.hostname, s.port) for s in Site.objects.all()] == [("127.0.0.1", 8000)]

    call_command("load_demo", "--address", "127.0.0.1:8123", verbosity=0)

    assert [(s.hostname, s.port) for s in Site.objects.all()] == [("127.0.0.1", 8123)]


def test_an_address_that_is_not_host_and_port_is_refused_and_loads_nothing():
    with pytest.raises(CommandError) as raised:
        call_command("load_demo", "--address", "127.0.0.1", stdout=io.StringIO())

    assert str(raised.value) == (
        '--address: "127.0.0.1" is not a host and port (e.g. 127.0.0.1:8000). Nothing was loaded.'
    )
    assert not Site.objects.filter(hostname="127.0.0.1").exists()
    assert not ArticlePage.objects.exists()
