"""With Redis (production's shared cache) unreachable, readers and partners are still served:
the sidebar and API caches miss, and the API throttle lets requests through with a log line."""

import logging
import socket

import pytest

from tests.api.conftest import make_article


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    """Production's two Redis caches (newsroom/settings/production.py), at a closed port."""
    location = f"redis://127.0.0.1:{closed_port()}/10"
    options = {"SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.25}
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "OPTIONS": {**options, "IGNORE_EXCEPTIONS": True},
        },
        "throttle": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "OPTIONS": options,
        },
    }
    settings.API_THROTTLE_CACHE = "throttle"
    settings.CONFLICTS_SIDEBAR_CACHE_SECONDS = 300
    settings.API_CACHE_SECONDS = 300


def test_the_api_answers_and_the_throttle_logs_it_is_not_counting(
    redis_down, api, partner, site_tree, explainer, caplog
):
    partner.throttle_rate = "2/minute"
    partner.save()
    make_article(site_tree, slug="story", explainer=explainer)

    with caplog.at_level(logging.WARNING, logger="newsroom.partners.api.throttling"):
        responses = [api.get("/api/v1/articles/") for _ in range(3)]

    assert [r.status_code for r in responses] == [200, 200, 200]  # no 500, none locked out
    assert responses[-1].json()["results"][0]["slug"] == "story"
    warnings = [
        r.getMessage() for r in caplog.records if r.name == "newsroom.partners.api.throttling"
    ]
    assert len(warnings) == 3
    assert warnings[0].startswith("API throttle not counted, cache unavailable")


def test_a_story_with_its_sidebar_is_served(redis_down, client, site_tree, explainer):
    story = make_article(site_tree, slug="story", explainer=explainer, title="Peacekeepers leave")

    response = client.get(story.url)

    assert response.status_code == 200
    assert "Peacekeepers leave" in response.content.decode()
    assert explainer.title in response.content.decode()  # the sidebar's explainer card
