"""Readers' door, plugin side: the claim page (one verdict panel: the claim attributed, who
said it and when, the verdict in words with its explanation; then the sources, related claims
and stories), its preview, and no page for a draft."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from conflicts.models import ClaimRelation, Verdict, VerdictChange
from tests.conflicts.factories import ClaimFactory
from tests.conflicts.reader_pages import EXPLAINER_URL, section_titled
from tests.pages import get_page, soup_of, text_of

CLAIM_URL = "/claims/peacekeepers-are-leaving/"


def panel_rows(page) -> dict[str, str]:
    """The verdict panel's rows as the reader reads them: {label: text}."""
    panel = page.find(class_="verdict-panel")
    return {text_of(row.dt): text_of(row.dd) for row in panel.find_all(class_="verdict-panel-row")}


def test_the_claim_page_attributes_the_claim_in_its_heading_title_and_social_card(
    client, claim, explainer
):
    page = get_page(client, CLAIM_URL)

    assert [text_of(h) for h in page.find_all("h1")] == [
        "Claim by Dmitry Peskov: Russian peacekeepers are leaving Nagorno-Karabakh"
    ]
    assert text_of(page.title) == (
        "Claim by Dmitry Peskov: Russian peacekeepers are leaving Nagorno-Karabakh"
        " | Conflicts test host"
    )
    assert page.find("meta", attrs={"name": "description"})["content"] == (
        "Claim by Dmitry Peskov. Our verdict: Confirmed. "
        "The defence ministry announced the withdrawal the same week."
    )


def test_one_verdict_panel_says_who_said_it_when_and_the_verdict_once_in_words(
    client, claim, explainer
):
    page = get_page(client, CLAIM_URL)

    assert panel_rows(page) == {
        "Said by": (
            "Dmitry Peskov, Kremlin spokesperson, on 17 April 2024,"
            " in the Nagorno-Karabakh conflict"
        ),
        "In their words": "Yes, it is true.",
        "Our verdict": (
            "Confirmed The defence ministry announced the withdrawal the same week. "
            "What this verdict means: The sources we cite show that the claim is accurate."
        ),
    }
    panel = page.find(class_="verdict-panel")
    said_by = panel.find(class_="claim-meta")
    assert [a["href"] for a in said_by.find_all("a")] == ["/actors/dmitry-peskov/", EXPLAINER_URL]
    assert said_by.time["datetime"] == "2024-04-17"
    assert [text_of(v) for v in page.find_all(class_="verdict")] == ["Confirmed"]
    assert "Verdict:" not in text_of(page.main)
    assert page.find("h2", string="Verdict") is None
    method = panel.find("a", string="How we rate claims")
    assert method["href"] == "/claims/verdicts/#verdict-confirmed"
    assert get_page(client, method["href"]).find(id="verdict-confirmed") is not None


def test_a_changed_verdict_says_when_and_what_it_was(client, claim):
    VerdictChange.objects.create(
        claim=claim,
        old_verdict=Verdict.REPORTED,
        new_verdict=Verdict.CONFIRMED,
        explanation=claim.verdict_explanation,
        changed_at=timezone.make_aware(datetime.datetime(2024, 5, 3, 9, 0)),
    )

    history = get_page(client, CLAIM_URL).find(class_="verdict-history")

    assert text_of(history) == "Verdict changed on 3 May 2024; it was Reported."
    assert history.time["datetime"] == "2024-05-03"


def test_an_unchanged_verdict_shows_no_history(client, claim):
    assert get_page(client, CLAIM_URL).find(class_="verdict-history") is None


@pytest.mark.parametrize("related", [1, 10])
def test_the_claim_page_costs_fixed_queries(
    client, claim, stories, related, django_assert_num_queries
):
    for n in range(related):
        other = ClaimFactory(statement=f"Answer {n}", claimant=claim.claimant)
        ClaimRelation.objects.create(claim=other, kind="responds_to", other=claim)
    client.get(CLAIM_URL)  # fills the site-root cache

    # the claim (with the verdict history's annotations), its conflict (restrictions, page),
    # sources, relations both ways, stories (restrictions, pages), and the request's site
    # ({% pageurl %}: the newsroom host caches it, tests/newsroom/test_page_queries.py)
    with django_assert_num_queries(9):
        page = get_page(client, CLAIM_URL)

    assert len(section_titled(page, "Related claims").find_all("li")) == related


def test_claim_page_shows_each_source_and_what_it_shows(client, claim):
    sources = section_titled(get_page(client, "/claims/peacekeepers-are-leaving/"), "Sources")

    [source] = sources.find_all("li")
    assert text_of(source).startswith(
        "Supports the claim: TASS, Kremlin confirms withdrawal, 17 April 2024 (News report)"
    )
    assert "third paragraph" in text_of(source)
    assert [(text_of(a), a["href"]) for a in source.find_all("a")] == [
        ("Kremlin confirms withdrawal", "https://tass.com/politics/1776597"),
        ("archived copy", "https://web.archive.org/web/2024/https://tass.com/politics/1776597"),
    ]


def test_claim_page_shows_related_claims_both_ways_and_stories(client, claim, actors, stories):
    rebuttal = ClaimFactory(
        statement="Russia is shifting the blame onto Armenia",
        slug="shifting-blame",
        claimant=actors["mfa"],
    )
    ClaimRelation.objects.create(claim=rebuttal, kind="disputes", other=claim)
    draft = ClaimFactory(statement="A draft response", live=False)
    ClaimRelation.objects.create(claim=draft, kind="responds_to", other=claim)

    page = get_page(client, "/claims/peacekeepers-are-leaving/")
    other_side = get_page(client, "/claims/shifting-blame/")

    related = section_titled(page, "Related claims")
    assert [text_of(li) for li in related.find_all("li")] == [
        "Russia is shifting the blame onto Armenia (Armenian Foreign Ministry) disputes this claim"
    ]
    assert related.a["href"] == "/claims/shifting-blame/"
    assert [text_of(li) for li in section_titled(other_side, "Related claims").find_all("li")] == [
        "This claim disputes: Russian peacekeepers are leaving Nagorno-Karabakh (Dmitry Peskov)"
    ]
    listed = section_titled(page, "Stories with this claim").find_all("a")
    assert [(text_of(a), a["href"]) for a in listed] == [
        ("Russian peacekeepers leave Karabakh", "/news/peacekeepers-leave-karabakh/")
    ]
    assert "A draft response" not in text_of(page)


def test_a_claim_on_an_unpublished_conflict_does_not_name_it(client, claim, explainer):
    explainer.unpublish()

    page = get_page(client, "/claims/peacekeepers-are-leaving/")

    assert "Nagorno-Karabakh conflict" not in text_of(page)
    assert EXPLAINER_URL not in str(page)


def test_draft_claims_and_claims_by_draft_actors_have_no_page(client, actors):
    ClaimFactory(statement="A draft claim", slug="a-draft-claim", live=False)
    ClaimFactory(statement="By a draft actor", slug="by-a-draft-actor", claimant=actors["draft"])

    for url in ["/claims/a-draft-claim/", "/claims/by-a-draft-actor/"]:
        response = client.get(url)
        assert response.status_code == 404
        assert "draft" not in soup_of(response).main.get_text().lower()


def test_an_unchecked_claim_says_so_in_words(client, actors):
    ClaimFactory(statement="Not checked yet", slug="unchecked", verdict="", verdict_explanation="")

    page = get_page(client, "/claims/unchecked/")

    assert panel_rows(page)["Our verdict"] == (
        "Not yet checked What this verdict means: We have not reviewed the claim yet; it "
        "carries no verdict."
    )
    assert page.find("a", string="How we rate claims")["href"] == (
        "/claims/verdicts/#verdict-unchecked"
    )


def test_a_reported_claim_says_it_is_no_finding(client, actors):
    ClaimFactory(statement="On the record", slug="on-the-record", claimant=actors["peskov"])

    rows = panel_rows(get_page(client, "/claims/on-the-record/"))

    assert rows["Our verdict"].startswith("Reported The statement is on the record; we make no")
    assert "we make no finding" in rows["Our verdict"].split("What this verdict means:")[1]


def test_the_claim_preview_renders_with_only_claim_and_sources(rf: RequestFactory, claim):
    """The admin preview passes no relations or stories: the template must not need them."""
    request = rf.get("/")
    revision = claim.save_revision()
    preview = revision.as_object()

    html = render_to_string(
        preview.get_preview_template(request, ""),
        preview.get_preview_context(request, ""),
        request=request,
    )

    page = BeautifulSoup(html, "html.parser")
    assert text_of(page.h1) == f"Claim by Dmitry Peskov: {claim.statement}"
    assert text_of(page.find(class_="verdict")) == "Confirmed"
    assert "Supports the claim: TASS" in text_of(section_titled(page, "Sources"))
    assert page.find("h2", string="Related claims") is None
    assert page.find("h2", string="Stories with this claim") is None
