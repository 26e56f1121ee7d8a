"""/api/v1/corrections/: public corrections and verdict changes, newest first, with a cursor,
filters that refuse bad values, the partner's scope, and a fixed number of queries."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from conflicts.models import VerdictChange
from newsroom.stories.models import ArticleCorrection
from tests.api.conftest import NOW, make_article
from tests.factories import ClaimFactory, SectionPageFactory
from tests.pages import warm_site_caches

pytestmark = pytest.mark.django_db

URL = "/api/v1/corrections/"
DAY = datetime.timedelta(days=1)
AUTH = 3  # key + partner, partner's sections, partner's conflicts


def change(claim, when, old="reported", new="confirmed"):
    return VerdictChange.objects.create(
        claim=claim,
        old_verdict=old,
        new_verdict=new,
        explanation="The MoD said so.",
        changed_at=when,
    )


@pytest.fixture
def notices(site_tree, explainer):
    story = make_article(site_tree, title="Peacekeepers leave", slug="leave", explainer=explainer)
    ArticleCorrection.objects.create(
        page=story, date=NOW - 3 * DAY, text="<p>2,000, not 20,000.</p>"
    )
    ArticleCorrection.objects.create(
        page=story, kind="update", date=NOW - DAY, text="<p>Added the reply.</p>"
    )
    claim = ClaimFactory(statement="They will leave", slug="they-leave", conflict=explainer)
    change(claim, NOW - 2 * DAY)
    draft = make_article(site_tree, title="A draft", live=False)
    ArticleCorrection.objects.create(page=draft, date=NOW, text="<p>Draft fix</p>")
    private = make_article(site_tree, title="Private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    ArticleCorrection.objects.create(page=private, date=NOW, text="<p>Private fix</p>")
    change(ClaimFactory(live=False), NOW)
    return {"story": story, "claim": claim}


def test_the_list_holds_public_corrections_and_verdict_changes_newest_first(api, notices):
    response = api.get(URL)

    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["kind"] for r in results] == ["update", "verdict", "correction"]
    update, verdict, correction = results
    story, claim = notices["story"], notices["claim"]
    assert update["article"] == {"id": story.pk, "slug": "leave", "title": "Peacekeepers leave"}
    assert update["url"] == "http://localhost/news/leave/" and update["claim"] is None
    assert correction["text_html"] == "<p>2,000, not 20,000.</p>"
    assert verdict == {
        "id": f"verdict-{claim.verdict_changes.get().pk}",
        "kind": "verdict",
        "date": (NOW - 2 * DAY).isoformat().replace("+00:00", "Z"),
        "updated_at": (NOW - 2 * DAY).isoformat().replace("+00:00", "Z"),
        "url": "http://testserver/claims/they-leave/",
        "text_html": "<p>The MoD said so.</p>",
        "article": None,
        "claim": {"id": claim.pk, "slug": "they-leave", "statement": "They will leave"},
        "old_verdict": "reported",
        "new_verdict": "confirmed",
    }


def test_filters_choose_the_kind_and_the_time(api, notices):
    kinds = [r["kind"] for r in api.get(URL, {"kind": "verdict"}).json()["results"]]
    recent = api.get(URL, {"since": (NOW - 2 * DAY).isoformat()}).json()["results"]

    assert kinds == ["verdict"]
    assert [r["kind"] for r in api.get(URL, {"kind": "update"}).json()["results"]] == ["update"]
    assert [r["kind"] for r in recent] == ["update", "verdict"]
    assert api.get(URL, {"updated_since": NOW.isoformat()}).json()["results"] == []


@pytest.mark.parametrize(
    "query, parameter",
    [
        ({"kind": "rumour"}, "kind"),
        ({"since": "yesterday"}, "since"),
        ({"cursor": "bm90IGEgY3Vyc29y"}, "cursor"),
        ({"ordering": "title"}, "ordering"),
        ({"verdict": "false"}, "verdict"),
    ],
)
def test_a_bad_parameter_is_a_400_that_names_it(api, notices, query, parameter):
    response = api.get(URL, query)

    assert response.status_code == 400
    assert list(response.json()["parameters"]) == [parameter]


def test_the_cursor_walks_every_item_once_in_either_order(api, notices, site_tree):
    other = make_article(site_tree, title="Same time")
    ArticleCorrection.objects.create(page=other, date=NOW - 2 * DAY, text="<p>Tie</p>")
    for ordering in ("-date", "date"):
        seen, url = [], f"{URL}?page_size=1&ordering={ordering}"
        while url:
            page = api.get(url).json()
            assert page["previous"] is None
            seen += [r["id"] for r in page["results"]]
            url = page["next"]
        assert len(seen) == len(set(seen)) == 4
    assert [r["kind"] for r in api.get(URL, {"ordering": "date"}).json()["results"]] == [
        "correction",
        "verdict",  # at the same time as a correction: verdict changes first, oldest first
        "correction",
        "update",
    ]


def test_a_scoped_partner_sees_only_its_sections_and_conflicts(api, partner, notices, site_tree):
    analysis = SectionPageFactory(parent=site_tree.home, title="Analysis", slug="analysis")
    elsewhere = make_article(site_tree, parent=analysis, title="Elsewhere")
    ArticleCorrection.objects.create(page=elsewhere, date=NOW, text="<p>Out of scope</p>")
    change(ClaimFactory(), NOW)  # a claim on no conflict
    partner.sections.add(site_tree.news)

    sections = [r["kind"] for r in api.get(URL).json()["results"]]
    partner.conflicts.add(notices["claim"].conflict)
    both = api.get(URL).json()["results"]

    assert sections == ["verdict", "update", "verdict", "correction"]  # claims: by conflict only
    assert [r["kind"] for r in both] == ["update", "verdict", "correction"]
    assert all(r["id"] != "Elsewhere" for r in both)


def test_the_list_costs_the_same_queries_however_many_items(
    api, notices, site_tree, django_assert_num_queries
):
    # view restrictions, corrections with their stories, verdict changes with their claims
    warm_site_caches()
    with django_assert_num_queries(AUTH + 3):
        assert len(api.get(URL).json()["results"]) == 3
    for n in range(5):
        story = make_article(site_tree, title=f"Story {n}")
        ArticleCorrection.objects.create(page=story, date=NOW, text=f"<p>Fix {n}</p>")
        change(ClaimFactory(), NOW)
    warm_site_caches()
    with django_assert_num_queries(AUTH + 3):
        assert len(api.get(URL).json()["results"]) == 13


def test_the_schema_documents_the_list(client, db):
    operation = client.get("/api/v1/schema/?format=json").json()["paths"][URL]["get"]

    names = {p["name"] for p in operation["parameters"]}
    assert {"since", "updated_since", "kind", "cursor", "page_size", "ordering"} <= names
    assert "429" in operation["responses"] and "200" in operation["responses"]
