"""Mention cards: the fragments a mention shows on hover or focus, and how a page loads them."""

import pytest

from conflicts.models import Verdict
from tests.conflicts.factories import ActorFactory, ClaimFactory
from tests.conflicts.host.factories import StoryPageFactory
from tests.pages import get_page, soup_of, text_of


@pytest.fixture
def peskov(db):
    return ActorFactory(name="Dmitry Peskov", slug="peskov", description="Kremlin spokesperson")


@pytest.fixture
def claim(peskov):
    return ClaimFactory(
        statement="Russian peacekeepers are leaving Nagorno-Karabakh",
        slug="they-leave",
        claimant=peskov,
        verdict=Verdict.DISPUTED,
        verdict_explanation="Armenia disputes it.",
    )


def test_an_actor_card_says_who_it_is_in_a_cacheable_fragment(client, peskov):
    response = client.get("/actors/peskov/card/")

    assert response.status_code == 200
    card = soup_of(response)
    assert card.find("html") is None  # a fragment, not a page
    assert [text_of(p) for p in card.find_all("p")] == [
        "Dmitry Peskov",
        "Person",
        "Kremlin spokesperson",
    ]
    assert card.find("a") is None  # the mention itself is the link
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=600"
    assert response["X-Robots-Tag"] == "noindex"


def test_a_claim_card_names_the_claimant_and_the_verdict_in_words(client, claim):
    response = client.get("/claims/they-leave/card/")

    assert response.status_code == 200
    assert [text_of(p) for p in soup_of(response).find_all("p")] == [
        "Russian peacekeepers are leaving Nagorno-Karabakh",
        "Claimed by Dmitry Peskov, 17 April 2024",
        "Verdict: Disputed",
    ]
    assert "public" in response["Cache-Control"]


def test_cards_of_what_is_not_live_answer_404(client, peskov):
    ActorFactory(slug="draft", live=False)
    ClaimFactory(slug="draft-claim", live=False)
    ClaimFactory(slug="by-a-draft", claimant=ActorFactory(live=False))

    for url in [
        "/actors/draft/card/",
        "/actors/nobody/card/",
        "/claims/draft-claim/card/",
        "/claims/by-a-draft/card/",
        "/claims/nothing/card/",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        # Never kept as public; the host's default for its 404s (no-store) does the rest.
        assert "public" not in response.get("Cache-Control", ""), url


def test_a_story_links_each_mention_to_a_card_that_answers(client, site_tree, peskov, claim):
    StoryPageFactory(
        parent=site_tree.news,
        slug="story",
        body=[
            (
                "paragraph",
                f'<p><a linktype="actor" id="{peskov.pk}">Peskov</a> said '
                f'<a linktype="claim" id="{claim.pk}">they are leaving</a>.</p>',
            )
        ],
    )

    page = get_page(client, "/news/story/")

    mentions = page.select(".story-body a.mention")
    assert [(a["href"], a["data-card-url"]) for a in mentions] == [
        ("/actors/peskov/", "/actors/peskov/card/"),
        ("/claims/they-leave/", "/claims/they-leave/card/"),
    ]
    for link in mentions:
        assert client.get(link["data-card-url"]).status_code == 200
    scripts = page.find_all("script")
    assert "/static/conflicts/js/mention-cards.js" in [s.get("src") for s in scripts]
    for script in scripts:  # nothing inline that a strict CSP would block: only data
        assert script.get("src") or script.get("type") == "application/ld+json"
