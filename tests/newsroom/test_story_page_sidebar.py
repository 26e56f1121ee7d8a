"""Readers' door, host side: the story page's related-context sidebar (the conflict, key
actors, claims with their sources, the timeline, more stories), and never a draft in it."""

from newsroom.stories.models import ArticleActorLink, ArticleClaimLink
from tests.factories import ActorFactory, ClaimFactory
from tests.newsroom.reader_pages import ARTICLE_URL
from tests.pages import get_page, text_of


def sidebar_of(client, url=ARTICLE_URL):
    aside = get_page(client, url).find("aside", attrs={"aria-label": "Related context"})
    assert aside is not None, "no related-context sidebar"
    return aside


def section_titled(aside, heading):
    h2 = aside.find("h2", string=heading)
    assert h2 is not None, f"no sidebar section {heading!r}"
    return h2.find_parent("section")


def test_sidebar_shows_the_explainer_card(client, story):
    card = section_titled(sidebar_of(client), "The conflict")

    assert card.a["href"] == "/conflicts/nagorno-karabakh/"
    assert text_of(card.a) == "Nagorno-Karabakh conflict"
    assert "Status: Active · Region: South Caucasus" in text_of(card)
    assert "A conflict between Armenia and Azerbaijan over Nagorno-Karabakh." in text_of(card)
    assert "Last reviewed 2 May 2024" in text_of(card)


def test_sidebar_shows_key_actors_linked_with_their_description(client, story):
    actors = section_titled(sidebar_of(client), "Key actors in this story")

    assert [(text_of(li.a), li.a["href"]) for li in actors.find_all("li")] == [
        ("Dmitry Peskov", "/actors/dmitry-peskov/"),
        ("Nikol Pashinyan", "/actors/nikol-pashinyan/"),
    ]
    assert "Kremlin spokesperson" in text_of(actors)
    assert "Prime Minister of Armenia" in text_of(actors)


def test_sidebar_shows_claims_with_claimant_verdict_in_words_and_sources(client, story):
    claims = section_titled(sidebar_of(client), "Claims in this story")
    [card] = claims.find_all(class_="claim-card")

    statement = card.find(class_="claim-statement").a
    assert text_of(statement) == "Russian peacekeepers are leaving Nagorno-Karabakh"
    assert statement["href"] == "/claims/peacekeepers-are-leaving/"
    claimant = card.find(class_="claim-meta").a
    assert (text_of(claimant), claimant["href"]) == ("Dmitry Peskov", "/actors/dmitry-peskov/")
    assert text_of(card.find(class_="verdict")) == "Verdict: Confirmed"
    # In brief: statement, claimant and verdict show; the quote, the finding and the sources
    # are one click away, in the card's disclosure.
    details = card.find("details", class_="claim-details")
    assert [
        p.find_parent("details") for p in card.select(".claim-statement, .claim-meta, .verdict")
    ] == [None] * 3
    assert text_of(details.summary) == "Quote, finding and sources"
    assert "The Russian defence ministry announced the withdrawal." in text_of(details)
    assert text_of(details.blockquote) == "Yes, it is true."
    [source] = details.select(".sources li")
    assert text_of(source).startswith("Supports the claim: TASS, Kremlin confirms withdrawal")
    assert "17 April 2024" in text_of(source)
    assert "third paragraph" in text_of(source)
    links = {text_of(a): a["href"] for a in source.find_all("a")}
    assert links == {
        "Kremlin confirms withdrawal of peacekeepers": "https://tass.com/politics/1776597",
        "archived copy": "https://web.archive.org/web/2024/https://tass.com/politics/1776597",
    }
    assert all("nofollow" in a["rel"] for a in source.find_all("a"))


def test_sidebar_shows_the_timeline_around_the_story(client, story):
    timeline = section_titled(sidebar_of(client), "Timeline")

    entries = [text_of(li) for li in timeline.find_all("li")]
    assert entries == [
        "27 September 2020 War begins",
        "19 September 2023 One-day offensive",
        "This story",
        "12 June 2024 Withdrawal completed",
    ]
    assert timeline.time["datetime"] == "2020-09-27"


def test_sidebar_shows_more_stories_on_the_conflict(client, story):
    more = section_titled(sidebar_of(client), "More on this conflict")

    assert [(text_of(a), a["href"]) for a in more.find_all("a")] == [
        ("Armenia freezes its CSTO participation", "/news/armenia-freezes-csto/")
    ]


def test_draft_actors_and_claims_never_reach_the_sidebar(client, story):
    draft_actor = ActorFactory(name="Secret Draft Actor", slug="secret-draft-actor", live=False)
    draft_claim = ClaimFactory(statement="A claim still in draft", live=False)
    by_draft_actor = ClaimFactory(statement="Claim by an unpublished actor", claimant=draft_actor)
    story.actor_links.create(actor=draft_actor, sort_order=5)
    story.claim_links.create(claim=draft_claim, sort_order=5)
    story.claim_links.create(claim=by_draft_actor, sort_order=6)

    html = client.get(ARTICLE_URL).content.decode()

    assert "Secret Draft Actor" not in html
    assert "/actors/secret-draft-actor/" not in html
    assert "A claim still in draft" not in html
    assert "Claim by an unpublished actor" not in html
    assert "Dmitry Peskov" in html  # the live ones are still there


def test_sidebar_shows_five_actors_and_three_claims_and_the_rest_behind_more(client, story):
    """Every linked actor and claim is in the page; those after the first five actors and the
    first three claims wait in a "more" disclosure (it opens without JavaScript)."""
    for i in range(5):
        ArticleActorLink.objects.create(
            page=story, actor=ActorFactory(name=f"Actor {i}"), sort_order=10 + i
        )
    for i in range(3):
        claim = ClaimFactory(statement=f"Claim {i}")
        ArticleClaimLink.objects.create(page=story, claim=claim, sort_order=10 + i)

    aside = sidebar_of(client)
    actors, claims = (
        section_titled(aside, h) for h in ("Key actors in this story", "Claims in this story")
    )

    shown = [text_of(li.a) for li in actors.find_all("li") if li.find_parent("details") is None]
    assert shown == ["Dmitry Peskov", "Nikol Pashinyan", "Actor 0", "Actor 1", "Actor 2"]
    more = actors.find("details", class_="context-more")
    assert text_of(more.summary) == "2 more actors"
    assert [text_of(li.a) for li in more.find_all("li")] == ["Actor 3", "Actor 4"]

    cards = claims.find_all(class_="claim-card")
    in_brief = [c for c in cards if c.find_parent("details", class_="context-more") is None]
    assert [text_of(c.find(class_="claim-statement")) for c in in_brief] == [
        "Russian peacekeepers are leaving Nagorno-Karabakh",
        "Claim 0",
        "Claim 1",
    ]
    more = claims.find("details", class_="context-more")
    assert text_of(more.summary) == "1 more claim"
    assert [
        text_of(c.find(class_="claim-statement")) for c in more.find_all(class_="claim-card")
    ] == ["Claim 2"]
