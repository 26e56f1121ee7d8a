"""Readers' door, plugin side: the claim page (statement, quote, claimant, verdict, sources,
related claims and stories), its preview, and no page for a draft."""

from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.test import RequestFactory

from conflicts.models import ClaimRelation
from tests.conflicts.factories import ClaimFactory
from tests.conflicts.reader_pages import EXPLAINER_URL, section_titled
from tests.pages import get_page, soup_of, text_of


def test_claim_page_shows_statement_quote_claimant_and_verdict(client, claim, explainer):
    page = get_page(client, "/claims/peacekeepers-are-leaving/")

    assert [text_of(h) for h in page.find_all("h1")] == [claim.statement]
    meta = page.find(class_="claim-meta")
    assert text_of(meta) == (
        "Claimed by Dmitry Peskov on 17 April 2024, in the Nagorno-Karabakh conflict"
    )
    assert [a["href"] for a in meta.find_all("a")] == ["/actors/dmitry-peskov/", EXPLAINER_URL]
    assert meta.time["datetime"] == "2024-04-17"
    assert text_of(page.blockquote) == "Yes, it is true."
    verdict = section_titled(page, "Verdict")
    assert text_of(verdict.find(class_="verdict")) == "Verdict: Confirmed"
    assert "The defence ministry announced the withdrawal the same week." in text_of(verdict)


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

    verdict = section_titled(get_page(client, "/claims/unchecked/"), "Verdict")

    assert text_of(verdict.find(class_="verdict")) == "Verdict: not yet checked"


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
    assert text_of(page.h1) == claim.statement
    assert "Supports the claim: TASS" in text_of(section_titled(page, "Sources"))
    assert page.find("h2", string="Related claims") is None
    assert page.find("h2", string="Stories with this claim") is None
