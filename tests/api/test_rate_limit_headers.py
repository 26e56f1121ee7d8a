"""Every answer to a key carries the IETF draft's RateLimit-Limit, -Remaining and -Reset, from
the same count the throttle keeps: 200, 304, 400, 404 and 429 (with Retry-After)."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/claims/"


@pytest.fixture
def rate(settings):
    settings.API_DEFAULT_RATE = "5/minute"


def limits(response) -> tuple:
    return tuple(int(response[f"RateLimit-{name}"]) for name in ("Limit", "Remaining", "Reset"))


def test_each_answer_says_how_many_requests_are_left(api, rate):
    first, second = api.get(URL), api.get(URL)

    assert first.status_code == second.status_code == 200
    assert limits(first)[:2] == (5, 4) and limits(second)[:2] == (5, 3)
    assert 59 <= limits(first)[2] <= 60  # the first request leaves the window in a minute


def test_a_304_a_400_and_a_404_carry_the_count_too(api, rate):
    etag = api.get(URL)["ETag"]
    not_modified = api.get(URL, HTTP_IF_NONE_MATCH=etag)
    bad = api.get(URL, {"verdict": "rumour"})
    missing = api.get(f"{URL}999999/")

    assert [r.status_code for r in (not_modified, bad, missing)] == [304, 400, 404]
    assert [limits(r)[1] for r in (not_modified, bad, missing)] == [3, 2, 1]


def test_over_the_rate_the_429_says_when_to_come_back(api, rate):
    for _ in range(5):
        api.get(URL)

    refused = api.get(URL)

    assert refused.status_code == 429
    assert limits(refused)[:2] == (5, 0)
    assert 0 < limits(refused)[2] <= 60
    assert abs(int(refused["Retry-After"]) - limits(refused)[2]) <= 1


def test_a_partner_with_its_own_rate_sees_it(api, partner, rate):
    partner.throttle_rate = "100/hour"
    partner.save()

    assert limits(api.get(URL))[:2] == (100, 99)


def test_a_request_without_a_key_is_not_counted(client, db, rate):
    response = client.get(URL)

    assert response.status_code == 401
    assert not response.has_header("RateLimit-Remaining")
