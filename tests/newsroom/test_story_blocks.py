"""Context inside the story body: actor cards, claim cards, pull quotes attributed to actors."""

from tests.factories import ActorFactory, ArticlePageFactory, ClaimFactory


def body_of(client, story) -> str:
    response = client.get(story.url)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_cards_and_pull_quotes_link_to_live_context(client, site_tree):
    peskov = ActorFactory(name="Dmitry Peskov", description="Kremlin spokesperson")
    claim = ClaimFactory(
        statement="The peacekeepers will leave", claimant=peskov, verdict="disputed"
    )
    story = ArticlePageFactory(
        parent=site_tree.news,
        body=[
            ("actor_card", {"actor": peskov}),
            ("claim_card", {"claim": claim}),
            ("pull_quote", {"quote": "They are leaving.", "actor": peskov}),
        ],
    )

    body = body_of(client, story)

    assert (
        f'<a href="/actors/{peskov.slug}/">Dmitry Peskov</a></p> <p class="actor-description">'
        in body
    )
    assert f'<a href="{claim.get_absolute_url()}">The peacekeepers will leave</a>' in body
    assert "Verdict: Disputed" in body
    assert "<blockquote><p>They are leaving.</p></blockquote>" in body
    assert f'<figcaption><a href="/actors/{peskov.slug}/">Dmitry Peskov</a></figcaption>' in body


def test_blocks_never_show_draft_actors_or_claims(client, site_tree):
    draft_actor = ActorFactory(name="Secret actor", live=False)
    draft_claim = ClaimFactory(statement="Secret claim", live=False)
    story = ArticlePageFactory(
        parent=site_tree.news,
        body=[
            ("actor_card", {"actor": draft_actor}),
            ("claim_card", {"claim": draft_claim}),
            ("pull_quote", {"quote": "Words on the record.", "actor": draft_actor}),
        ],
    )

    body = body_of(client, story)

    assert "Secret actor" not in body
    assert "Secret claim" not in body
    assert "Words on the record." in body
