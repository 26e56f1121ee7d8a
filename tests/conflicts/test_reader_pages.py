"""Readers' door, plugin side: explainers, the conflict index, actor and claim pages.

Each test reads the page as a reader gets it and checks what it shows, and that drafts and
editor-typed markup never come through.
"""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone
from wagtail_factories import ImageFactory

from conflicts.models import (
    ActorAffiliation,
    Claim,
    ClaimRelation,
    ClaimSource,
    ConflictParty,
    KeyFact,
    Verdict,
)
from tests.conflicts.factories import (
    ActorFactory,
    ClaimFactory,
    ConflictExplainerPageFactory,
    SourceFactory,
    TimelineEventFactory,
)
from tests.conflicts.host.factories import StoryPageFactory
from tests.pages import get_page, soup_of, text_of

STORY_DATE = timezone.make_aware(datetime.datetime(2024, 4, 17, 12, 0))
EXPLAINER_URL = "/conflicts/nagorno-karabakh/"


def section_titled(page, heading):
    h2 = page.find("h2", string=heading)
    assert h2 is not None, f"no section {heading!r}"
    return h2.find_parent("section")


@pytest.fixture
def actors(db):
    kremlin = ActorFactory(
        name="The Kremlin", slug="the-kremlin", kind="government_body", description=""
    )
    peskov = ActorFactory(
        name="Dmitry Peskov",
        slug="dmitry-peskov",
        description="Kremlin spokesperson",
        bio="<p>Press secretary of the <b>President of Russia</b>.</p>",
        aliases="Dmitri Peskov\nPeskov",
        wikidata_id="Q193645",
        image=ImageFactory(title="Portrait"),
    )
    ActorAffiliation.objects.create(
        actor=peskov,
        organisation=kremlin,
        role="Spokesperson",
        start_date=datetime.date(2012, 5, 22),
    )
    mfa = ActorFactory(name="Armenian Foreign Ministry", slug="armenian-mfa", kind="state")
    draft = ActorFactory(name="Unpublished Actor", slug="unpublished-actor", live=False)
    return {"kremlin": kremlin, "peskov": peskov, "mfa": mfa, "draft": draft}


@pytest.fixture
def explainer(site_tree, actors):
    page = ConflictExplainerPageFactory(
        parent=site_tree.conflicts,
        slug="nagorno-karabakh",
        status="ended",
        last_reviewed=datetime.date(2024, 6, 14),
        review_note="Added the peacekeepers' withdrawal.",
        body=json.dumps(
            [
                {
                    "type": "section",
                    "value": {
                        "heading": "How the war ended",
                        "text": "<p>In September 2023 Azerbaijan took the region in a day.</p>",
                    },
                }
            ]
        ),
    )
    ConflictParty.objects.create(page=page, actor=actors["kremlin"], role="Mediator", sort_order=0)
    ConflictParty.objects.create(
        page=page, actor=actors["draft"], role="Secret party", sort_order=1
    )
    KeyFact.objects.create(
        page=page,
        text="About 100,000 people left in a week.",
        source=SourceFactory(
            publisher="UNHCR", title="Armenia emergency", url="https://unhcr.org/am"
        ),
    )
    offensive = TimelineEventFactory(
        page=page, date=datetime.date(2023, 9, 19), title="One-day offensive"
    )
    offensive.actors.set([actors["peskov"], actors["draft"]])
    offensive.sources.set(
        [SourceFactory(publisher="Reuters", title="Azerbaijan launches", url="https://reut.rs/1")]
    )
    offensive.save()
    TimelineEventFactory(
        page=page, date=datetime.date(2020, 9, 1), date_precision="month", title="War begins"
    )
    return page


@pytest.fixture
def claim(actors, explainer):
    """Peskov's claim, on the conflict, with a supporting TASS source."""
    claim = ClaimFactory(
        statement="Russian peacekeepers are leaving Nagorno-Karabakh",
        slug="peacekeepers-are-leaving",
        quote="Yes, it is true.",
        claimant=actors["peskov"],
        conflict=explainer,
        made_on=datetime.date(2024, 4, 17),
        verdict=Verdict.CONFIRMED,
        verdict_explanation="The defence ministry announced the withdrawal the same week.",
        sources=0,
    )
    tass = SourceFactory(
        publisher="TASS",
        title="Kremlin confirms withdrawal",
        url="https://tass.com/politics/1776597",
        archive_url="https://web.archive.org/web/2024/https://tass.com/politics/1776597",
    )
    ClaimSource.objects.create(claim=claim, source=tass, shows="supports", quote="third paragraph")
    return claim


@pytest.fixture
def stories(site_tree, explainer, actors, claim):
    """Two live stories on the conflict that link Peskov and his claim, and a draft one."""
    older = StoryPageFactory(
        parent=site_tree.news,
        title="Armenia freezes its CSTO participation",
        slug="armenia-freezes-csto",
        explainer=explainer,
        display_date=STORY_DATE - datetime.timedelta(days=50),
        actors=[actors["peskov"]],
    )
    newer = StoryPageFactory(
        parent=site_tree.news,
        title="Russian peacekeepers leave Karabakh",
        slug="peacekeepers-leave-karabakh",
        explainer=explainer,
        display_date=STORY_DATE,
        actors=[actors["peskov"]],
        claims=[claim],
    )
    StoryPageFactory(
        parent=site_tree.news,
        title="An embargoed story",
        explainer=explainer,
        actors=[actors["peskov"]],
        claims=[claim],
        live=False,
    )
    return [newer, older]


# --- Explainer and index ------------------------------------------------------------------


def test_explainer_shows_the_conflict_in_brief_and_its_review(client, explainer):
    page = get_page(client, EXPLAINER_URL)

    assert [text_of(h) for h in page.find_all("h1")] == ["Nagorno-Karabakh conflict"]
    header = page.select_one("article.explainer header")
    assert "Status: Ended · Region: South Caucasus" in text_of(header)
    assert "A conflict between Armenia and Azerbaijan over Nagorno-Karabakh." in text_of(header)
    reviewed = header.find(class_="reviewed")
    assert text_of(reviewed) == "Last reviewed 14 June 2024: Added the peacekeepers' withdrawal."
    assert reviewed.time["datetime"] == "2024-06-14"


def test_explainer_shows_parties_key_facts_and_body(client, explainer):
    page = get_page(client, EXPLAINER_URL)

    parties = section_titled(page, "Parties")
    assert [text_of(li) for li in parties.find_all("li")] == ["The Kremlin: Mediator"]
    assert parties.a["href"] == "/actors/the-kremlin/"
    facts = section_titled(page, "Key facts")
    assert "About 100,000 people left in a week." in text_of(facts)
    assert facts.a["href"] == "https://unhcr.org/am"
    assert text_of(facts.a) == "UNHCR, Armenia emergency"
    body = page.find(class_="explainer-body")
    assert text_of(body.h2) == "How the war ended"
    assert "Azerbaijan took the region in a day." in text_of(body)


def test_explainer_shows_the_full_timeline_with_sources_and_actors(client, explainer):
    timeline = section_titled(get_page(client, EXPLAINER_URL), "Timeline")

    events = timeline.find("ol").find_all("li", recursive=False)
    assert [text_of(e.strong) for e in events] == [
        "War begins",
        "One-day offensive",
    ]
    assert (events[0].time["datetime"], text_of(events[0].time)) == ("2020-09", "September 2020")
    assert (events[1].time["datetime"], text_of(events[1].time)) == (
        "2023-09-19",
        "19 September 2023",
    )
    offensive = events[1]
    assert [
        (text_of(a), a["href"]) for a in offensive.find(class_="event-actors").find_all("a")
    ] == [("Dmitry Peskov", "/actors/dmitry-peskov/")]
    source = offensive.find(class_="event-sources")
    assert "Reuters" in text_of(source)
    assert source.a["href"] == "https://reut.rs/1"


def test_explainer_shows_its_claims_and_live_stories_newest_first(client, stories, claim):
    page = get_page(client, EXPLAINER_URL)

    [card] = section_titled(page, "Claims on this conflict").find_all(class_="claim-card")
    assert card.find(class_="claim-statement").a["href"] == "/claims/peacekeepers-are-leaving/"
    assert text_of(card.find(class_="verdict")) == "Verdict: Confirmed"
    assert "Claimed by Dmitry Peskov, 17 April 2024" in text_of(card)
    assert "TASS" in text_of(card.find(class_="sources"))
    listed = section_titled(page, "Stories on this conflict").find_all("a")
    assert [(text_of(a), a["href"]) for a in listed] == [
        ("Russian peacekeepers leave Karabakh", "/news/peacekeepers-leave-karabakh/"),
        ("Armenia freezes its CSTO participation", "/news/armenia-freezes-csto/"),
    ]


def test_explainer_never_shows_drafts(client, stories, actors, explainer):
    ClaimFactory(statement="A draft claim on the conflict", conflict=explainer, live=False)
    ClaimFactory(
        statement="A claim by an unpublished actor", conflict=explainer, claimant=actors["draft"]
    )

    html = client.get(EXPLAINER_URL).content.decode()

    assert "Unpublished Actor" not in html
    assert "Secret party" not in html
    assert "/actors/unpublished-actor/" not in html
    assert "A draft claim on the conflict" not in html
    assert "A claim by an unpublished actor" not in html
    assert "An embargoed story" not in html


def test_conflict_index_lists_live_explainers(client, site_tree, explainer):
    ConflictExplainerPageFactory(parent=site_tree.conflicts, title="A draft explainer", live=False)

    page = get_page(client, "/conflicts/")

    assert [text_of(h) for h in page.find_all("h1")] == ["Conflicts"]
    items = page.select(".explainer-list li")
    assert [(text_of(li.h2), li.a["href"]) for li in items] == [
        ("Nagorno-Karabakh conflict", EXPLAINER_URL)
    ]
    assert "Status: Ended · Region: South Caucasus" in text_of(items[0])
    assert "A draft explainer" not in text_of(page)


# --- Actor ----------------------------------------------------------------------------------


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


# --- Claim ----------------------------------------------------------------------------------


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


def test_the_actor_preview_renders(rf: RequestFactory, actors):
    request = rf.get("/")
    actor = actors["peskov"]

    html = render_to_string(
        actor.get_preview_template(request, ""),
        actor.get_preview_context(request, ""),
        request=request,
    )

    assert text_of(BeautifulSoup(html, "html.parser").h1) == "Dmitry Peskov"


# --- Escaping -------------------------------------------------------------------------------


def test_editor_text_is_escaped_on_actor_claim_and_explainer_pages(client, explainer):
    actor = ActorFactory(
        name="<script>alert(1)</script>",
        slug="script-actor",
        description="<img src=x onerror=alert(2)>",
        aliases="<b>alias</b>",
    )
    claim = ClaimFactory(
        statement="<script>alert(3)</script>",
        slug="script-claim",
        quote="<script>alert(4)</script>",
        claimant=actor,
        conflict=explainer,
        verdict_explanation="<i>why</i>",
    )
    ConflictParty.objects.create(page=explainer, actor=actor, role="<u>role</u>")
    assert Claim.objects.get(pk=claim.pk).statement == "<script>alert(3)</script>"

    for url in ["/actors/script-actor/", "/claims/script-claim/", EXPLAINER_URL]:
        html = client.get(url).content.decode()
        assert "<script>" not in html, url
        assert "<img src=x" not in html, url
        assert "<b>alias</b>" not in html, url
        assert "<i>why</i>" not in html, url
        assert "&lt;script&gt;alert(" in html, url
