"""Readers' door, plugin side: the explainer (the conflict in brief, its parties, key facts,
timeline, claims and stories), the conflict index, and editor-typed markup never coming
through on any plugin page."""

import datetime

from conflicts.models import Claim, ConflictParty
from tests.conflicts.factories import (
    ActorFactory,
    ClaimFactory,
    ConflictExplainerPageFactory,
    SourceFactory,
    TimelineEventFactory,
)
from tests.conflicts.reader_pages import EXPLAINER_URL, section_titled
from tests.pages import get_page, text_of


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
    assert text_of(facts.a) == "Armenia emergency"
    assert text_of(facts.find(class_="fact-source")) == "(Source: UNHCR, Armenia emergency)"
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


def test_a_month_or_a_year_comes_after_the_days_inside_it(client, explainer):
    """Sorted by the end of each date's period, not its first day: "September 2023" is not the
    1st, so the day events of September come first, then the month, then the year."""
    for date, precision, title in [
        (datetime.date(2023, 9, 1), "month", "Exodus"),
        (datetime.date(2023, 9, 28), "day", "Dissolution decreed"),
        (datetime.date(2023, 1, 1), "year", "A year of blockade"),
        (datetime.date(2023, 10, 2), "day", "First October event"),
    ]:
        TimelineEventFactory(page=explainer, date=date, date_precision=precision, title=title)

    timeline = section_titled(get_page(client, EXPLAINER_URL), "Timeline")

    events = timeline.find("ol").find_all("li", recursive=False)
    assert [(text_of(e.time), text_of(e.strong)) for e in events] == [
        ("September 2020", "War begins"),
        ("19 September 2023", "One-day offensive"),
        ("28 September 2023", "Dissolution decreed"),
        ("September 2023", "Exodus"),
        ("2 October 2023", "First October event"),
        ("2023", "A year of blockade"),
    ]


def test_an_event_source_without_a_web_address_says_so(client, explainer):
    event = TimelineEventFactory(page=explainer, date=datetime.date(2024, 4, 17), title="Leaving")
    event.sources.set([SourceFactory(publisher="CIVILNET", title="Peacekeepers leave", url=None)])
    event.save()  # a ParentalManyToManyField writes its rows on save

    timeline = section_titled(get_page(client, EXPLAINER_URL), "Timeline")

    last = timeline.find("ol").find_all("li", recursive=False)[-1]
    sources = last.find(class_="event-sources")
    assert text_of(sources) == ("Sources: CIVILNET, Peacekeepers leave (no web address recorded)")
    assert sources.a is None
