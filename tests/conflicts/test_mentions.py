"""Actor mentions and claim references inside an article's text."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.models import ReferenceIndex

from conflicts.models import Actor, FactCheckTask
from tests.conflicts.factories import ActorFactory, ClaimFactory
from tests.conflicts.host.factories import StoryPageFactory
from tests.pages import get_page, text_of


def mention(kind, obj, words):
    return f'<a linktype="{kind}" id="{obj.pk}">{words}</a>'


@pytest.fixture
def kremlin(db):
    return ActorFactory(name="Kremlin", slug="kremlin", kind=Actor.Kind.GOVERNMENT_BODY)


def test_a_mention_renders_as_a_link_to_the_actor_and_follows_a_rename(client, site_tree, kremlin):
    StoryPageFactory(
        parent=site_tree.news,
        slug="story",
        body=[("paragraph", f"<p>Talks with {mention('actor', kremlin, 'Moscow')} ended.</p>")],
    )

    link = get_page(client, "/news/story/").select_one("article a.mention")
    assert link["href"] == "/actors/kremlin/"
    assert link["data-mention"] == "actor"
    assert text_of(link) == "Moscow"  # the editor's words stay

    kremlin.slug = "the-kremlin"
    kremlin.save()
    link = get_page(client, "/news/story/").select_one("article a.mention")
    assert link["href"] == "/actors/the-kremlin/"


def test_a_claim_reference_links_to_the_claim_page(client, site_tree, kremlin):
    claim = ClaimFactory(claimant=kremlin, slug="peacekeepers-leave")
    StoryPageFactory(
        parent=site_tree.news,
        slug="story",
        body=[("paragraph", f"<p>As {mention('claim', claim, 'Moscow said')}.</p>")],
    )

    link = get_page(client, "/news/story/").select_one("article a.mention")
    assert link["href"] == "/claims/peacekeepers-leave/"
    assert link["data-mention"] == "claim"


def test_a_mention_of_a_draft_actor_or_claim_keeps_the_words_without_a_link(
    client, site_tree, kremlin
):
    draft = ActorFactory(name="Secret envoy", slug="secret-envoy", live=False)
    draft_claim = ClaimFactory(claimant=kremlin, slug="unpublished-claim", live=False)
    StoryPageFactory(
        parent=site_tree.news,
        slug="story",
        body=[
            (
                "paragraph",
                f"<p>{mention('actor', draft, 'An envoy')} and "
                f"{mention('claim', draft_claim, 'a claim')}.</p>",
            )
        ],
    )

    page = get_page(client, "/news/story/")
    assert "An envoy and a claim." in text_of(page.select_one("article"))
    assert page.select("article a.mention") == []
    html = str(page)
    assert "secret-envoy" not in html
    assert "unpublished-claim" not in html


def test_mentions_are_counted_by_the_reference_index(site_tree, kremlin):
    claim = ClaimFactory(claimant=ActorFactory())
    story = StoryPageFactory(
        parent=site_tree.news,
        body=[
            (
                "paragraph",
                f"<p>{mention('actor', kremlin, 'Moscow')} {mention('claim', claim, 'said')}</p>",
            )
        ],
    )
    story.save_revision().publish()

    assert ReferenceIndex.get_references_to(kremlin).filter(object_id=str(story.pk)).exists()
    assert ReferenceIndex.get_references_to(claim).filter(object_id=str(story.pk)).exists()


def test_mentioned_actors_join_the_sidebar_after_the_linked_ones(client, site_tree, kremlin):
    linked = ActorFactory(name="Linked by hand")
    hidden = ActorFactory(name="Hidden by the editor")
    draft = ActorFactory(name="Draft person", live=False)
    second = ActorFactory(name="Mentioned second")
    story = StoryPageFactory(
        parent=site_tree.news,
        slug="story",
        actors=[linked, hidden],
        body=[
            (
                "paragraph",
                f"<p>{mention('actor', kremlin, 'Moscow')} and "
                f"{mention('actor', linked, 'the linked one')} and "
                f"{mention('actor', hidden, 'the hidden one')} and "
                f"{mention('actor', draft, 'a draft')}.</p>",
            ),
            (
                "paragraph",
                f"<p>{mention('actor', second, 'Another')} and again "
                f"{mention('actor', kremlin, 'Moscow')}.</p>",
            ),
        ],
    )
    story.actor_links.filter(actor=hidden).update(show_in_sidebar=False)

    page = get_page(client, "/news/story/")
    names = [text_of(h) for h in page.select(".related-context .actor-list li > a")]
    assert names == ["Linked by hand", "Kremlin", "Mentioned second"]


def test_the_article_costs_the_same_queries_for_1_or_12_paragraphs_with_mentions(
    client, site_tree, django_assert_num_queries
):
    def story_with(paragraphs, slug):
        body = []
        for _ in range(paragraphs):
            actor = ActorFactory()
            claim = ClaimFactory(claimant=actor)
            body.append(
                (
                    "paragraph",
                    f"<p>{mention('actor', actor, 'Someone')} "
                    f"{mention('claim', claim, 'said')}</p>",
                )
            )
        StoryPageFactory(parent=site_tree.news, slug=slug, body=body)

    story_with(1, "one")
    story_with(12, "twelve")
    client.get("/news/one/")  # warm the caches a first request fills

    with CaptureQueriesContext(connection) as one:
        assert client.get("/news/one/").status_code == 200
    with django_assert_num_queries(len(one)):
        page = client.get("/news/twelve/")
    assert page.content.decode().count('class="mention"') == 24


def test_the_editor_round_trip_keeps_only_the_id(kremlin):
    """What Draftail sends is stored as the id alone; reopening shows the actor's name."""
    converter = ContentstateConverter(features=["actor-mention", "claim-reference"])
    contentstate = {
        "blocks": [
            {
                "key": "a1",
                "type": "unstyled",
                "text": "Talks with Moscow",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 11, "length": 6, "key": 0}],
            }
        ],
        "entityMap": {
            "0": {
                "type": "ACTOR",
                "mutability": "MUTABLE",
                "data": {"id": kremlin.pk, "label": "Kremlin"},
            }
        },
    }

    stored = converter.to_database_format(json.dumps(contentstate))
    assert (
        stored
        == f'<p data-block-key="a1">Talks with <a linktype="actor" id="{kremlin.pk}">Moscow</a></p>'
    )

    reopened = json.loads(converter.from_database_format(stored))
    entity = reopened["entityMap"]["0"]
    assert entity["type"] == "ACTOR"
    assert entity["data"]["id"] == kremlin.pk
    assert entity["data"]["label"] == "Kremlin"


def test_claims_referred_to_in_the_text_join_the_sidebar_with_their_sources(
    client, site_tree, kremlin
):
    linked = ClaimFactory(claimant=kremlin, statement="Linked by hand")
    referred = ClaimFactory(claimant=kremlin, statement="Referred to in the text", sources=2)
    StoryPageFactory(
        parent=site_tree.news,
        slug="story",
        claims=[linked],
        body=[
            (
                "paragraph",
                f"<p>{mention('claim', referred, 'They said so')}, "
                f"{mention('claim', linked, 'as before')}.</p>",
            )
        ],
    )

    page = get_page(client, "/news/story/")
    cards = page.select(".related-context .claim-card")
    assert [text_of(c.select_one(".claim-statement")) for c in cards] == [
        "Linked by hand",
        "Referred to in the text",
    ]
    assert len(cards[1].select("ul.sources li")) == 2


def test_the_fact_check_step_checks_claims_referred_to_in_the_text(site_tree, kremlin):
    unsourced = ClaimFactory(claimant=kremlin, statement="Nobody showed this", sources=0)
    story = StoryPageFactory(
        parent=site_tree.news,
        body=[("paragraph", f"<p>{mention('claim', unsourced, 'a claim')}</p>")],
    )

    assert FactCheckTask.page_problems(story) == [
        'Claim "Nobody showed this" has no source: add one that shows it.'
    ]


def test_an_explainer_section_links_its_mentions_in_one_query_per_kind(
    client, site_tree, kremlin, django_assert_num_queries
):
    from tests.conflicts.factories import ConflictExplainerPageFactory

    def explainer_with(sections, slug):
        body = []
        for n in range(sections):
            actor = ActorFactory(name=f"Mentioned {slug} {n}")
            text = f"<p>{mention('actor', actor, 'Someone')} and "
            text += f"{mention('actor', kremlin, 'Moscow')}</p>"
            body.append(("section", {"heading": f"Part {n}", "text": text}))
        return ConflictExplainerPageFactory(parent=site_tree.conflicts, slug=slug, body=body)

    explainer_with(1, "one")
    explainer_with(8, "eight")
    client.get("/conflicts/one/")

    with CaptureQueriesContext(connection) as one:
        client.get("/conflicts/one/")
    with django_assert_num_queries(len(one)):
        page = get_page(client, "/conflicts/eight/")
    links = page.select("a.mention")
    assert len(links) == 16
    assert {link["href"] for link in links if text_of(link) == "Moscow"} == {"/actors/kremlin/"}
