"""Readers' door, plugin side: the actor page (who the actor is, affiliations both ways,
their claims and the stories that link them), its preview, and no page for a draft."""

from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.test import RequestFactory

from conflicts.models import ActorAffiliation
from tests.conflicts.factories import ClaimFactory
from tests.conflicts.reader_pages import section_titled
from tests.pages import get_page, text_of


def test_actor_page_shows_who_the_actor_is(client, actors):
    page = get_page(client, "/actors/dmitry-peskov/")

    assert [text_of(h) for h in page.find_all("h1")] == ["Dmitry Peskov"]
    assert page.title.string == "Dmitry Peskov | Conflicts test host"  # the host's suffix
    profile = page.find("article", class_="actor-profile")
    assert text_of(profile.find(class_="actor-kind")) == "Person"
    assert "Kremlin spokesperson" in text_of(profile.header)
    assert profile.find(class_="actor-image").img["alt"] == "Dmitry Peskov"
    bio = profile.find(class_="bio")
    assert text_of(bio) == "Press secretary of the President of Russia."
    assert text_of(bio.b) == "President of Russia"  # rich text stays rich
    assert text_of(profile.find(class_="aliases")) == "Also known as: Dmitri Peskov, Peskov"
    wikidata = profile.find(class_="wikidata").a
    assert wikidata["href"] == "https://www.wikidata.org/wiki/Q193645"
    assert page.find("link", rel="alternate") is None  # feeds are the host's to offer


def test_actor_page_shows_affiliations_and_members_both_ways(client, actors):
    ActorAffiliation.objects.create(
        actor=actors["draft"], organisation=actors["kremlin"], role="Hidden adviser"
    )
    ActorAffiliation.objects.create(
        actor=actors["peskov"], organisation=actors["draft"], role="Secret role"
    )

    peskov = get_page(client, "/actors/dmitry-peskov/")
    kremlin = get_page(client, "/actors/the-kremlin/")

    affiliations = section_titled(peskov, "Affiliations")
    assert [text_of(li) for li in affiliations.find_all("li")] == [
        "Spokesperson, The Kremlin (since 2012)"
    ]
    assert affiliations.a["href"] == "/actors/the-kremlin/"
    members = section_titled(kremlin, "Members and people")
    assert [text_of(li) for li in members.find_all("li")] == [
        "Dmitry Peskov: Spokesperson (since 2012)"
    ]
    assert members.a["href"] == "/actors/dmitry-peskov/"
    assert "Unpublished Actor" not in text_of(peskov) + text_of(kremlin)


def test_actor_page_shows_their_live_claims_and_the_stories_that_link_them(client, stories, claim):
    ClaimFactory(
        statement="A claim Peskov made that is still a draft", claimant=claim.claimant, live=False
    )

    page = get_page(client, "/actors/dmitry-peskov/")

    claims = section_titled(page, "Claims by Dmitry Peskov")
    [card] = claims.find_all(class_="claim-card")
    assert text_of(card.find(class_="claim-statement")) == claim.statement
    assert text_of(card.find(class_="verdict")) == "Verdict: Confirmed"
    assert "Supports the claim: TASS, Kremlin confirms withdrawal" in text_of(card)
    listed = section_titled(page, "Stories that involve Dmitry Peskov").find_all("a")
    assert [text_of(a) for a in listed] == [
        "Russian peacekeepers leave Karabakh",
        "Armenia freezes its CSTO participation",
    ]
    assert "still a draft" not in text_of(page)
    assert "An embargoed story" not in text_of(page)


def test_an_actor_with_no_record_says_so(client, actors):
    page = get_page(client, "/actors/armenian-mfa/")

    assert "No claims recorded." in text_of(
        section_titled(page, "Claims by Armenian Foreign Ministry")
    )
    assert page.find(class_="wikidata") is None
    assert page.find(class_="bio") is None
    assert page.find("h2", string="Affiliations") is None


def test_a_draft_actor_has_no_page(client, actors):
    response = client.get("/actors/unpublished-actor/")

    assert response.status_code == 404
    assert "Unpublished Actor" not in response.content.decode()


def test_the_actor_preview_renders(rf: RequestFactory, actors):
    request = rf.get("/")
    actor = actors["peskov"]

    html = render_to_string(
        actor.get_preview_template(request, ""),
        actor.get_preview_context(request, ""),
        request=request,
    )

    assert text_of(BeautifulSoup(html, "html.parser").h1) == "Dmitry Peskov"
