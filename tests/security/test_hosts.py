"""A request with a spoofed Host header is refused; a forwarded host is never trusted, so no
link, feed or API answer (which may be cached and served to others) points elsewhere."""

import pytest

from tests.api.conftest import make_article

pytestmark = pytest.mark.django_db

URLS = ["/", "/news/", "/news/story/", "/feeds/rss/", "/sitemap.xml", "/search/?q=x"]


@pytest.fixture
def story(site_tree):
    return make_article(site_tree, slug="story")


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize(
    "host", ["evil.example", "localhost.evil.example", "localhost:80@evil.example", "x" * 300]
)
def test_a_spoofed_host_is_refused(client, story, url, host):
    response = client.get(url, HTTP_HOST=host)

    assert response.status_code == 400
    assert b"evil.example" not in response.content


def test_the_api_refuses_a_spoofed_host(api, story):
    response = api.get("/api/v1/articles/", HTTP_HOST="evil.example")

    assert response.status_code == 400


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/", "/sitemap.xml", "/news/story/"])
def test_a_forwarded_host_is_not_trusted_for_links(client, story, url):
    response = client.get(url, HTTP_X_FORWARDED_HOST="evil.example")

    assert response.status_code == 200
    assert b"evil.example" not in response.content
    assert b"/news/story/" in response.content


def test_api_links_ignore_a_forwarded_host(api, story):
    response = api.get("/api/v1/articles/", HTTP_X_FORWARDED_HOST="evil.example")

    assert response.status_code == 200
    assert "evil.example" not in response.content.decode()
    assert response.json()["results"][0]["url"].endswith("/news/story/")
