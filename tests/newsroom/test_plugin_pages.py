"""The plugin's reader pages inside the newsroom: the newsroom's title and feeds around them,
and its no-store default for their 404s (what they show: tests/conflicts, on the test host)."""

from tests.factories import ActorFactory, ClaimFactory, ConflictExplainerPageFactory
from tests.pages import get_page


def feeds_of(page) -> list[str]:
    # The feeds, not the page's other languages (hreflang alternates: test_languages.py).
    return [link["href"] for link in page.find_all("link", rel="alternate", hreflang=False)]


def test_the_explainer_advertises_its_feed(client, site_tree):
    ConflictExplainerPageFactory(parent=site_tree.conflicts, slug="nagorno-karabakh")

    page = get_page(client, "/conflicts/nagorno-karabakh/")

    assert feeds_of(page) == [
        "/feeds/rss/",
        "/feeds/corrections/rss/",
        "/feeds/conflicts/nagorno-karabakh/rss/",
    ]


def test_the_actor_page_has_the_newsrooms_title_and_advertises_its_feed(client, db):
    ActorFactory(name="Dmitry Peskov", slug="dmitry-peskov")

    page = get_page(client, "/actors/dmitry-peskov/")

    assert page.title.string == "Dmitry Peskov | The Newsroom"
    assert feeds_of(page) == [
        "/feeds/rss/",
        "/feeds/corrections/rss/",
        "/feeds/actors/dmitry-peskov/rss/",
    ]


def test_cards_of_what_is_not_live_answer_404_that_is_not_kept(client, db):
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
        assert "no-store" in response["Cache-Control"], url
