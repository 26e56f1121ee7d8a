"""The article list's related contexts, built in bulk, are each story's own sidebar."""

import datetime

from django.utils import timezone
from wagtail.models import PageViewRestriction

from conflicts.sidebar.build import build_sidebar, build_sidebars
from newsroom.stories.models import ArticleActorLink, ArticlePage
from tests.api.conftest import make_article, published
from tests.factories import (
    ActorFactory,
    ClaimFactory,
    ConflictExplainerPageFactory,
    TimelineEventFactory,
)


def day(year, month, d):
    return timezone.make_aware(datetime.datetime(year, month, d, 12))


def test_bulk_context_equals_the_sidebar_for_every_story(site_tree, explainer):
    for when, title in [
        (datetime.date(2020, 9, 27), "War begins"),
        (datetime.date(2020, 11, 10), "Ceasefire"),
        (datetime.date(2022, 12, 12), "Blockade begins"),
        (datetime.date(2023, 9, 19), "Offensive"),
        (datetime.date(2024, 4, 17), "Withdrawal begins"),
        (datetime.date(2024, 6, 12), "Withdrawal completed"),
        (datetime.date(2025, 1, 1), "Later event"),
    ]:
        TimelineEventFactory(page=explainer, date=when, title=title)
    private = ConflictExplainerPageFactory(
        parent=site_tree.conflicts, slug="private", **published()
    )
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft_actor = ActorFactory(name="Draft actor", live=False)
    peskov, pashinyan, kremlin = (ActorFactory(name=n) for n in ("Peskov", "Pashinyan", "Kremlin"))
    claims = [
        ClaimFactory(claimant=peskov, sources=2),
        ClaimFactory(claimant=pashinyan, sources=0, live=False),  # a draft claim
        ClaimFactory(claimant=draft_actor),  # by a draft claimant
        ClaimFactory(claimant=kremlin, sources=3),
    ]
    stories = [
        make_article(
            site_tree,
            explainer=explainer,
            when=day(2024, 4, d),
            actors=[kremlin, draft_actor, peskov, pashinyan][: d % 4 + 1],
            claims=claims[d % 3 :],
        )
        for d in range(1, 10)
    ]
    stories.append(make_article(site_tree, explainer=private, actors=[peskov], claims=claims))
    stories.append(make_article(site_tree, when=day(2019, 1, 1), actors=[pashinyan]))
    stories.append(make_article(site_tree, explainer=explainer, when=day(2026, 1, 1)))
    make_article(site_tree, explainer=explainer, live=False)  # a draft: in no "more stories"
    ArticleActorLink.objects.filter(page=stories[2], actor=kremlin).update(show_in_sidebar=False)
    named = ActorFactory(name="Named in the text")
    for story in stories[1:3]:  # mentions join after the links; a hidden link stays hidden
        story.body = [
            (
                "paragraph",
                f'<p><a linktype="actor" id="{named.pk}">Named</a>, '
                f'<a linktype="actor" id="{kremlin.pk}">the Kremlin</a>, '
                f'<a linktype="actor" id="{draft_actor.pk}">a draft</a> and '
                f'<a linktype="claim" id="{claims[0].pk}">a claim</a>.</p>',
            )
        ]
        story.save()
    pages = list(ArticlePage.objects.filter(pk__in=[s.pk for s in stories]))

    bulk = dict(zip([p.pk for p in pages], build_sidebars(pages), strict=True))

    assert set(bulk) == {p.pk for p in pages}
    for page in pages:
        assert bulk[page.pk] == build_sidebar(page), page.title
    first = bulk[stories[0].pk]  # 1 April 2024
    assert [a.name for a in first.actors] == ["Kremlin"]
    assert [(c.claimant.name, len(c.sources)) for c in first.claims] == [("Kremlin", 3)]
    assert [e.title for e in first.timeline_before] == ["Ceasefire", "Blockade begins", "Offensive"]
    assert [e.title for e in first.timeline_after] == ["Withdrawal begins", "Withdrawal completed"]
    assert [s.date.date() for s in first.more_stories] == [
        datetime.date(2026, 1, 1),
        *(datetime.date(2024, 4, d) for d in (9, 8, 7, 6)),
    ]
    assert [a.name for a in bulk[stories[2].pk].actors] == [
        "Peskov",
        "Pashinyan",
        "Named in the text",
    ]  # the hidden Kremlin link keeps it out, though the text names it
    assert [a.name for a in bulk[stories[1].pk].actors][-1] == "Named in the text"
    assert bulk[stories[-3].pk].explainer is None  # its explainer is private
    assert bulk[stories[-2].pk].explainer is None  # it has none
    assert bulk[stories[-1].pk].timeline_after == []  # 2026: nothing after it


def test_no_pages_no_queries(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert build_sidebars([]) == []


def test_partners_see_what_was_linked_apart_from_what_the_text_only_names(
    api, site_tree, explainer
):
    linked, named, hidden = (ActorFactory(name=n) for n in ("Linked", "Named", "Hidden"))
    linked_claim = ClaimFactory(claimant=linked, statement="Linked claim")
    named_claim = ClaimFactory(claimant=named, statement="Named claim")
    story = make_article(
        site_tree, explainer=explainer, actors=[linked, hidden], claims=[linked_claim]
    )
    ArticleActorLink.objects.filter(page=story, actor=hidden).update(show_in_sidebar=False)
    story.body = [
        (
            "paragraph",
            f'<p><a linktype="actor" id="{named.pk}">Named</a> said '
            f'<a linktype="claim" id="{named_claim.pk}">so</a>.</p>',
        )
    ]
    story.save()

    listed = api.get("/api/v1/articles/").json()["results"][0]
    detail = api.get(f"/api/v1/articles/{story.pk}/").json()

    for article in (listed, detail):
        assert article["context"] == {
            "explainer": {"id": explainer.pk, "slug": "nagorno-karabakh", "title": explainer.title},
            "actors": [{"id": linked.pk, "slug": linked.slug, "name": "Linked"}],
            "claims": [
                {
                    "id": linked_claim.pk,
                    "slug": linked_claim.slug,
                    "statement": "Linked claim",
                    "verdict": linked_claim.verdict,
                }
            ],
        }
        sidebar = article["related_context"]
        assert [(a["id"], a["name"], a["mentioned"]) for a in sidebar["actors"]] == [
            (linked.pk, "Linked", False),
            (named.pk, "Named", True),
        ]
        assert [(c["id"], c["statement"], c["mentioned"]) for c in sidebar["claims"]] == [
            (linked_claim.pk, "Linked claim", False),
            (named_claim.pk, "Named claim", True),
        ]
        assert "mentioned" not in sidebar["claims"][0]["claimant"]
        assert (sidebar["explainer"]["id"], sidebar["explainer"]["slug"]) == (
            explainer.pk,
            "nagorno-karabakh",
        )
