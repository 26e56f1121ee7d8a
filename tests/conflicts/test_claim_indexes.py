"""Readers' door, plugin side: the list of claims (/claims/: public only, newest first,
filtered by a plain GET form, paginated) and of actors (/actors/: by kind, alphabetical), in
fixed queries, cached where the purge can reach them and purged when what they show changes."""

import datetime

import pytest

from conflicts.models import Verdict
from tests.conflicts.factories import ActorFactory, ClaimFactory, ConflictExplainerPageFactory
from tests.conflicts.reader_pages import EXPLAINER_URL
from tests.pages import get_page, soup_of, text_of

SITE = "http://localhost"
NEVER_KEPT = "max-age=0, no-cache, no-store, must-revalidate, private"


@pytest.fixture
def claims(actors, explainer, claim):
    """Peskov's Confirmed claim (17 April 2024, on the conflict) and three more: the
    ministry's Disputed one (newest), an unchecked one, and two no reader may see."""
    disputed = ClaimFactory(
        statement="Russia is shifting the blame onto Armenia",
        slug="shifting-blame",
        claimant=actors["mfa"],
        made_on=datetime.date(2024, 4, 20),
        verdict=Verdict.DISPUTED,
        verdict_explanation="Moscow rejected the accusation the same day.",
    )
    unchecked = ClaimFactory(
        statement="The contingent will be gone by June",
        slug="gone-by-june",
        claimant=actors["peskov"],
        made_on=datetime.date(2024, 4, 1),
        verdict="",
        verdict_explanation="",
    )
    ClaimFactory(statement="A draft claim", claimant=actors["peskov"], live=False)
    ClaimFactory(statement="By a draft actor", claimant=actors["draft"])
    return {"confirmed": claim, "disputed": disputed, "unchecked": unchecked}


def listed(page) -> list[str]:
    return [text_of(row.find(class_="claim-row-title")) for row in page.select(".claim-row")]


def options(page, name) -> list[tuple[str, str]]:
    return [(o["value"], text_of(o)) for o in page.select(f"select[name={name}] option")]


def test_the_claims_list_shows_public_claims_newest_first_attributed_with_verdicts(client, claims):
    page = get_page(client, "/claims/")

    assert listed(page) == [
        "Claim by Armenian Foreign Ministry: Russia is shifting the blame onto Armenia",
        "Claim by Dmitry Peskov: Russian peacekeepers are leaving Nagorno-Karabakh",
        "Claim by Dmitry Peskov: The contingent will be gone by June",
    ]
    rows = page.select(".claim-row")
    assert [text_of(row.find(class_="verdict")) for row in rows] == [
        "Disputed",
        "Confirmed",
        "Not yet checked",
    ]
    assert text_of(rows[1].find(class_="claim-meta")) == "17 April 2024 · Nagorno-Karabakh conflict"
    assert rows[1].find(class_="claim-meta").a["href"] == EXPLAINER_URL
    assert rows[1].h2.a["href"] == "/claims/peacekeepers-are-leaving/"
    assert text_of(page.find(class_="filter-count")) == "3 claims"
    assert page.find("a", string="How we rate claims")["href"] == "/claims/verdicts/"


def test_the_filter_form_offers_every_verdict_and_only_public_claimants_and_conflicts(
    client, claims
):
    page = get_page(client, "/claims/")

    form = page.find("form", class_="filter-form")
    assert form["method"] == "get"
    assert form["action"] == "/claims/"
    assert [label.get_text() for label in form.find_all("label")] == [
        "Verdict",
        "Said by",
        "Conflict",
    ]
    assert options(page, "verdict") == [
        ("", "All verdicts"),
        *((value, str(label)) for value, label in Verdict.choices),
        ("unchecked", "Not yet checked"),
    ]
    assert options(page, "actor") == [
        ("", "Anyone"),
        ("armenian-mfa", "Armenian Foreign Ministry"),
        ("dmitry-peskov", "Dmitry Peskov"),
    ]
    assert options(page, "conflict") == [
        ("", "All conflicts"),
        ("nagorno-karabakh", "Nagorno-Karabakh conflict"),
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("verdict=disputed", ["Russia is shifting the blame onto Armenia"]),
        ("verdict=unchecked", ["The contingent will be gone by June"]),
        (
            "actor=dmitry-peskov",
            [
                "Russian peacekeepers are leaving Nagorno-Karabakh",
                "The contingent will be gone by June",
            ],
        ),
        ("conflict=nagorno-karabakh", ["Russian peacekeepers are leaving Nagorno-Karabakh"]),
        ("verdict=confirmed&actor=armenian-mfa", []),
        # What a plain form sends when a select is left at "all": empty values filter nothing
        (
            "verdict=&actor=dmitry-peskov&conflict=",
            [
                "Russian peacekeepers are leaving Nagorno-Karabakh",
                "The contingent will be gone by June",
            ],
        ),
    ],
)
def test_filters_narrow_the_list_and_the_form_keeps_them(client, claims, query, expected):
    response = client.get(f"/claims/?{query}")
    page = soup_of(response)

    assert response.status_code == 200
    assert [title.split(": ", 1)[1] for title in listed(page)] == expected
    for pair in query.split("&"):
        name, value = pair.split("=")
        chosen = page.select_one(f"select[name={name}] option[selected]")
        assert (chosen["value"] if chosen else "") == value
    if not expected:
        assert text_of(page.find(class_="empty")) == "No claims match these filters."
    # A filtered list is not kept by shared caches: the purge names only the bare list.
    assert response["Cache-Control"] == NEVER_KEPT


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("verdict=true", "verdict", "Verdict: “true” is not one of our verdicts."),
        ("actor=unpublished-actor", "actor", "Said by: we list no one as “unpublished-actor”."),
        ("conflict=atlantis", "conflict", "Conflict: we list no conflict as “atlantis”."),
    ],
)
def test_a_filter_that_names_nothing_we_list_is_refused_naming_the_field(
    client, claims, query, field, message
):
    response = client.get(f"/claims/?{query}")
    page = soup_of(response)

    assert response.status_code == 400
    error = page.find(class_="filter-error")
    assert text_of(error).startswith(message)
    assert error["role"] == "alert"
    select = page.find("select", attrs={"name": field})
    assert select["aria-invalid"] == "true"
    assert select["aria-describedby"] == error["id"]
    assert page.select(".claim-row") == []  # no list under a refused filter
    assert options(page, "actor")[1:] == [
        ("armenian-mfa", "Armenian Foreign Ministry"),
        ("dmitry-peskov", "Dmitry Peskov"),
    ]  # the choices are offered again
    assert response["Cache-Control"] == NEVER_KEPT


def test_a_claim_on_an_unpublished_conflict_does_not_name_it_and_cannot_be_filtered_by_it(
    client, claims, explainer
):
    explainer.unpublish()

    page = get_page(client, "/claims/")

    assert EXPLAINER_URL not in str(page)
    assert options(page, "conflict") == [("", "All conflicts")]
    assert client.get("/claims/?conflict=nagorno-karabakh").status_code == 400


def test_the_claims_list_pages_by_twenty_and_its_page_links_keep_the_filters(client, actors):
    for n in range(23):
        ClaimFactory(
            statement=f"Claim {n:02}",
            claimant=actors["peskov"],
            made_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
        )

    first = get_page(client, "/claims/?actor=dmitry-peskov")
    second = get_page(client, "/claims/?actor=dmitry-peskov&page=2")

    assert len(first.select(".claim-row")) == 20
    assert [t.split(": ")[1] for t in listed(second)] == ["Claim 02", "Claim 01", "Claim 00"]
    nav = second.find("nav", class_="pagination")
    assert nav["aria-label"] == "Claim pages"
    assert text_of(nav.find(class_="pagination-status")) == "Page 2 of 2"
    assert nav.find("a", rel="prev")["href"] == "?actor=dmitry-peskov&page=1"
    assert nav.find("a", attrs={"aria-current": "page"})["href"] == "?actor=dmitry-peskov&page=2"
    assert client.get("/claims/?page=3").status_code == 404
    assert client.get("/claims/?page=two").status_code == 404


@pytest.mark.parametrize("n", [3, 30])
def test_the_claims_list_costs_fixed_queries(
    client, explainer, actors, n, django_assert_num_queries
):
    for i in range(n):
        claimant = ActorFactory(name=f"Speaker {i}")
        ClaimFactory(statement=f"Claim {i}", claimant=claimant, conflict=explainer)
    client.get("/claims/")  # fills the site-root cache

    # claimants; conflicts (restrictions, pages); the count and the page of claims; the
    # request's site for {% pageurl %} (the newsroom host caches it)
    with django_assert_num_queries(6):
        page = get_page(client, "/claims/")

    assert len(page.select(".claim-row")) == min(n, 20)
    assert len(options(page, "actor")) == n + 1
    assert page.select(".claim-row .claim-meta a")[0]["href"] == EXPLAINER_URL


def test_the_bare_claims_list_is_kept_by_shared_caches(client, claims):
    response = client.get("/claims/")

    assert response["Cache-Control"] == "public, max-age=60, s-maxage=600"


# --- /actors/ ---------------------------------------------------------------------------


def test_the_actors_list_groups_public_actors_by_kind_alphabetically(client, actors):
    ActorFactory(name="Nikol Pashinyan", slug="pashinyan", kind="person", description="")
    ActorFactory(name="Azerbaijan", slug="azerbaijan", kind="state")

    page = get_page(client, "/actors/")

    groups = {
        text_of(section.h2): [text_of(a) for a in section.select("li > a")]
        for section in page.select(".actor-group")
    }
    assert groups == {
        "Person": ["Dmitry Peskov", "Nikol Pashinyan"],
        "State": ["Armenian Foreign Ministry", "Azerbaijan"],
        "Government body": ["The Kremlin"],
    }
    assert list(groups) == ["Person", "State", "Government body"]  # Actor.Kind's order
    peskov = page.find("a", string="Dmitry Peskov")
    assert peskov["href"] == "/actors/dmitry-peskov/"
    assert text_of(peskov.find_next_sibling(class_="actor-description")) == "Kremlin spokesperson"
    assert "Unpublished Actor" not in text_of(page)
    jumps = page.find("nav", class_="kind-nav")
    assert [(a["href"], text_of(a)) for a in jumps.find_all("a")] == [
        ("#kind-person", "Person"),
        ("#kind-state", "State"),
        ("#kind-government_body", "Government body"),
    ]
    assert page.find(id="kind-state").name == "h2"


def test_the_actor_page_links_the_list_of_actors(client, actors):
    page = get_page(client, "/actors/dmitry-peskov/")

    assert page.find(class_="kicker").a["href"] == "/actors/"


@pytest.mark.parametrize("n", [3, 30])
def test_the_actors_list_costs_one_query(client, db, n, django_assert_num_queries):
    for i in range(n):
        ActorFactory(name=f"Actor {i:02}", kind=["person", "state", "alliance"][i % 3])
    client.get("/actors/")

    with django_assert_num_queries(1):
        response = client.get("/actors/")

    assert soup_of(response).select(".actor-group li").__len__() == n
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=600"


# --- Purges -----------------------------------------------------------------------------


def test_publishing_or_unpublishing_a_claim_purges_the_claims_list(claims, purged):
    claims["disputed"].save_revision().publish()
    assert f"{SITE}/claims/" in purged
    assert f"{SITE}/actors/" not in purged  # the actors list names no claim

    purged.clear()
    claims["disputed"].unpublish()
    assert f"{SITE}/claims/" in purged


def test_a_changed_verdict_purges_the_claims_list(claims, purged):
    claim = claims["confirmed"]
    claim.verdict = Verdict.FALSE
    claim.save_revision().publish()

    assert f"{SITE}/claims/" in purged


def test_publishing_an_actor_purges_both_lists(actors, purged):
    actors["peskov"].save_revision().publish()

    assert {f"{SITE}/actors/", f"{SITE}/claims/"} <= set(purged)


def test_an_explainer_going_off_purges_the_claims_list(site_tree, purged):
    page = ConflictExplainerPageFactory(parent=site_tree.conflicts, slug="elsewhere")
    purged.clear()

    page.unpublish()

    assert f"{SITE}/claims/" in purged
