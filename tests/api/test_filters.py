"""Every documented filter of actors, claims, explainers and sources narrows the list; an
unknown parameter or a malformed value is a 400 that names it."""

import datetime

import pytest
from django.utils import timezone

from conflicts.models import ClaimSource, ConflictParty, Source, Verdict
from tests.api.conftest import published
from tests.factories import (
    ActorFactory,
    ClaimFactory,
    ConflictExplainerPageFactory,
    SourceFactory,
)

LONG_AGO = timezone.make_aware(datetime.datetime(2020, 1, 1))
RECENTLY = timezone.make_aware(datetime.datetime(2024, 5, 1))


@pytest.fixture
def world(site_tree):
    """Two conflicts, their parties, claims and sources: each filter has something to leave out."""
    peskov = ActorFactory(
        name="Dmitry Peskov",
        slug="peskov",
        aliases="Peskov\nDmitri Peskov",
        description="Kremlin spokesperson",
        last_published_at=RECENTLY,
    )
    aliyev = ActorFactory(
        name="Ilham Aliyev",
        slug="aliyev",
        description="President of Azerbaijan",
        last_published_at=LONG_AGO,
    )
    csto = ActorFactory(
        name="CSTO",
        slug="csto",
        kind="alliance",
        description="Military alliance",
        last_published_at=LONG_AGO,
    )
    karabakh = ConflictExplainerPageFactory(
        parent=site_tree.conflicts,
        slug="nagorno-karabakh",
        title="Nagorno-Karabakh conflict",
        region="South Caucasus",
        status="ended",
        **published(when=RECENTLY),
    )
    other = ConflictExplainerPageFactory(
        parent=site_tree.conflicts,
        slug="other-conflict",
        title="Other conflict",
        summary="Somewhere else entirely.",
        region="Elsewhere",
        status="active",
        **published(when=LONG_AGO),
    )
    ConflictParty.objects.create(page=karabakh, actor=aliyev, role="Belligerent")
    ConflictParty.objects.create(page=other, actor=csto, role="Observer")
    tass = SourceFactory(
        title="Peskov on the withdrawal",
        publisher="TASS",
        kind=Source.Kind.BRIEFING,
        published_on=datetime.date(2024, 4, 17),
    )
    civilnet = SourceFactory(
        title="Story on civilnet",
        publisher="CivilNet",
        kind=Source.Kind.NEWS_REPORT,
        published_on=datetime.date(2023, 9, 20),
    )
    leave = ClaimFactory(
        statement="Russian peacekeepers will leave",
        slug="peacekeepers-leave",
        claimant=peskov,
        conflict=karabakh,
        verdict=Verdict.CONFIRMED,
        verdict_explanation="They left by June.",
        made_on=datetime.date(2024, 4, 17),
        sources=0,
        last_published_at=RECENTLY,
    )
    ClaimSource.objects.create(claim=leave, source=tass, shows="supports")
    old = ClaimFactory(
        statement="An older statement",
        slug="older",
        claimant=aliyev,
        conflict=other,
        made_on=datetime.date(2023, 9, 20),
        sources=0,
        last_published_at=LONG_AGO,
    )
    ClaimSource.objects.create(claim=old, source=civilnet, shows="reports")
    tass.save_revision()  # saved recently; civilnet has no revision: updated at the epoch
    return {"karabakh": karabakh, "other": other, "peskov": peskov, "leave": leave}


def names(api, url, key):
    response = api.get(url)
    assert response.status_code == 200, response.json()
    return sorted(item[key] for item in response.json()["results"])


ACTOR_FILTERS = [
    ("", ["CSTO", "Dmitry Peskov", "Ilham Aliyev"]),
    ("kind=alliance", ["CSTO"]),
    ("conflict=nagorno-karabakh", ["Dmitry Peskov", "Ilham Aliyev"]),  # claimant, party
    ("conflict=other-conflict", ["CSTO", "Ilham Aliyev"]),
    ("updated_since=2024-01-01T00:00:00Z", ["Dmitry Peskov"]),
    ("q=dmitri", ["Dmitry Peskov"]),  # an alias
    ("q=president azerbaijan", ["Ilham Aliyev"]),  # every word, in the description
]


def test_actor_filters(api, world):
    for query, expected in ACTOR_FILTERS:
        assert names(api, f"/api/v1/actors/?{query}", "name") == expected, query


def test_actor_conflict_filter_takes_an_id(api, world):
    url = f"/api/v1/actors/?conflict={world['other'].pk}"
    assert names(api, url, "name") == ["CSTO", "Ilham Aliyev"]


CLAIM_FILTERS = [
    ("", ["older", "peacekeepers-leave"]),
    ("conflict=nagorno-karabakh", ["peacekeepers-leave"]),
    ("actor=peskov", ["peacekeepers-leave"]),
    ("verdict=confirmed", ["peacekeepers-leave"]),
    ("verdict=reported", ["older"]),
    ("made_after=2024-01-01", ["peacekeepers-leave"]),
    ("made_before=2023-12-31", ["older"]),
    ("updated_since=2024-01-01T00:00:00Z", ["peacekeepers-leave"]),
    ("q=peacekeepers", ["peacekeepers-leave"]),
    ("q=left june", ["peacekeepers-leave"]),  # the verdict explanation
]


def test_claim_filters(api, world):
    for query, expected in CLAIM_FILTERS:
        assert names(api, f"/api/v1/claims/?{query}", "slug") == expected, query


def test_claim_filters_take_ids(api, world):
    by_ids = f"/api/v1/claims/?conflict={world['karabakh'].pk}&actor={world['peskov'].pk}"
    assert names(api, by_ids, "slug") == ["peacekeepers-leave"]


EXPLAINER_FILTERS = [
    ("", ["nagorno-karabakh", "other-conflict"]),
    ("status=ended", ["nagorno-karabakh"]),
    ("actor=csto", ["other-conflict"]),
    ("updated_since=2024-01-01T00:00:00Z", ["nagorno-karabakh"]),
    ("q=elsewhere", ["other-conflict"]),
    ("q=caucasus", ["nagorno-karabakh"]),
]


def test_explainer_filters(api, world):
    for query, expected in EXPLAINER_FILTERS:
        assert names(api, f"/api/v1/explainers/?{query}", "slug") == expected, query


SOURCE_FILTERS = [
    ("", ["CivilNet", "TASS"]),
    ("kind=briefing", ["TASS"]),
    ("publisher=civilnet", ["CivilNet"]),  # exactly, in any case
    ("claim=older", ["CivilNet"]),
    ("published_after=2024-01-01", ["TASS"]),
    ("published_before=2023-12-31", ["CivilNet"]),
    ("updated_since=2024-01-01T00:00:00Z", ["TASS"]),
    ("q=withdrawal", ["TASS"]),
]


def test_source_filters(api, world):
    for query, expected in SOURCE_FILTERS:
        assert names(api, f"/api/v1/sources/?{query}", "publisher") == expected, query


def test_sources_sync_in_order_of_change_and_say_when(api, world):
    results = api.get("/api/v1/sources/?ordering=updated_at").json()["results"]

    assert [(s["publisher"], s["updated_at"][:4]) for s in results] == [
        ("CivilNet", "1970"),  # never revised: as old as can be
        ("TASS", str(timezone.now().year)),
    ]


def test_sources_have_no_slug_route(api, world):
    source = Source.objects.get(publisher="TASS")

    assert api.get(f"/api/v1/sources/{source.pk}/").status_code == 200
    response = api.get("/api/v1/sources/slug/tass/")
    assert response.status_code == 404
    assert "detail" in response.json()


BAD_QUERIES = [
    ("actors", "colour=red", "colour"),
    ("actors", "kind=wizard", "kind"),
    ("actors", "updated_since=last-week", "updated_since"),
    ("actors", "conflict=", "conflict"),
    ("actors", "ordering=made_on", "ordering"),
    ("claims", "verdict=maybe", "verdict"),
    ("claims", "made_after=2024-02-30", "made_after"),
    ("claims", "made_before=17/04/2024", "made_before"),
    ("claims", "updated_since=2024-04-17T00:00:00+23:00", "updated_since"),
    ("claims", "q=" + "x" * 201, "q"),
    ("explainers", "status=over", "status"),
    ("explainers", "region=caucasus", "region"),
    ("explainers", "page_size=0", "page_size"),
    ("sources", "kind=rumour", "kind"),
    ("sources", "published_after=soon", "published_after"),
    ("sources", "updated_since=0001-01-01T00:00:00+01:00", "updated_since"),
    ("sources", "slug=tass", "slug"),
]


def test_bad_query_is_a_400_naming_the_parameter(api, world):
    for endpoint, query, parameter in BAD_QUERIES:
        response = api.get(f"/api/v1/{endpoint}/?{query}")

        assert response.status_code == 400, query
        body = response.json()
        assert list(body["parameters"]) == [parameter], query
        assert parameter in body["detail"]
        assert body["parameters"][parameter][0]  # and says why


@pytest.mark.parametrize("endpoint", ["actors", "claims", "explainers", "sources", "articles"])
def test_a_parameter_given_twice_is_a_400_saying_so(api, world, endpoint):
    response = api.get(f"/api/v1/{endpoint}/?q=peskov&q=aliyev")

    assert response.status_code == 400
    assert response.json()["parameters"] == {"q": ["Given 2 times: give it once."]}


@pytest.mark.parametrize("endpoint", ["actors", "claims", "explainers", "sources"])
def test_a_detail_takes_no_filters(api, world, endpoint):
    first = api.get(f"/api/v1/{endpoint}/").json()["results"][0]

    response = api.get(f"/api/v1/{endpoint}/{first['id']}/?q=peskov")

    assert response.status_code == 400
    assert list(response.json()["parameters"]) == ["q"]
