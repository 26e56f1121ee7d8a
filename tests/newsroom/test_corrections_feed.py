"""Corrections: a story going live with a correction readers have not seen tells the site once
(correction_added); the corrections feed (RSS and Atom) lists public corrections and verdict
changes, newest first, and is purged when one lands."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.models import PageViewRestriction

from conflicts.models import Verdict, VerdictChange
from newsroom.stories.models import ArticleCorrection, ArticlePage
from newsroom.stories.signals import correction_added
from tests.factories import ArticlePageFactory, ClaimFactory
from tests.newsroom.purging import SITE

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DAY = datetime.timedelta(days=1)
WHEN = timezone.make_aware(datetime.datetime(2024, 5, 1, 9, 30))
RSS = "/feeds/corrections/rss/"
SERVER = "http://testserver"  # feed links are absolute, on the host asked


@pytest.fixture
def sent():
    """What correction_added carried, each time, and whether inside a transaction."""
    calls = []

    def receiver(sender, **kwargs):
        calls.append({"sender": sender, "atomic": connection.in_atomic_block, **kwargs})

    correction_added.connect(receiver, dispatch_uid="test-correction-added")
    yield calls
    correction_added.disconnect(dispatch_uid="test-correction-added")


@pytest.fixture
def live_story(site_tree):
    page = ArticlePageFactory(parent=site_tree.news, title="Peacekeepers leave", live=False)
    page.save_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)


def add_correction(page, text, date=WHEN, kind=ArticleCorrection.Kind.CORRECTION):
    """As the editor does: the correction goes in a draft (the live row is left as it is)."""
    page.corrections.add(ArticleCorrection(kind=kind, date=date, text=f"<p>{text}</p>"))
    return page.save_revision()


def latest_draft(page) -> ArticlePage:
    return ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()


# --- correction_added ---------------------------------------------------------------


def test_a_live_story_republished_with_new_corrections_announces_each_once(live_story, sent):
    add_correction(live_story, "The contingent numbered 2,000, not 20,000.")
    revision = add_correction(live_story, "Added the Kremlin's reply.", WHEN + DAY, "update")

    assert sent == []  # a draft tells no one
    revision.publish()

    article = ArticlePage.objects.get(pk=live_story.pk)
    assert [(c["correction"].kind, c["correction"].text) for c in sent] == [
        ("correction", "<p>The contingent numbered 2,000, not 20,000.</p>"),
        ("update", "<p>Added the Kremlin's reply.</p>"),
    ]
    assert {c["correction"].pk for c in sent} == set(
        article.corrections.values_list("pk", flat=True)
    )
    assert all(
        c["sender"] is ArticlePage
        and c["article"].pk == article.pk
        and c["changed_at"] == article.last_published_at
        and c["atomic"]
        for c in sent
    )


def test_republishing_or_rewording_a_correction_announces_nothing_more(live_story, sent):
    add_correction(live_story, "The contingent numbered 2,000.").publish()
    sent.clear()

    latest_draft(live_story).save_revision().publish()
    draft = latest_draft(live_story)
    [correction] = draft.corrections.all()
    correction.text = "<p>The contingent numbered about 2,000.</p>"
    draft.corrections = [correction]
    draft.save_revision().publish()

    assert sent == []
    assert ArticleCorrection.objects.get(page=live_story).text == (
        "<p>The contingent numbered about 2,000.</p>"
    )


def test_a_first_publish_with_corrections_announces_nothing(site_tree, sent):
    page = ArticlePageFactory(parent=site_tree.news, live=False)
    add_correction(page, "Fixed before anyone read it.").publish()

    assert ArticlePage.objects.get(pk=page.pk).live
    assert sent == []


def test_a_story_back_on_the_site_announces_what_readers_have_not_seen(live_story, sent):
    add_correction(live_story, "Seen by readers.").publish()
    sent.clear()
    ArticlePage.objects.get(pk=live_story.pk).unpublish()
    page = latest_draft(live_story)
    page.live = False
    add_correction(page, "Added while off the site.", WHEN + DAY).publish()

    assert [c["correction"].text for c in sent] == ["<p>Added while off the site.</p>"]


# --- The feed ------------------------------------------------------------------------


@pytest.fixture
def notices(site_tree):
    """Two public corrections, a public verdict change, and what must never show."""
    story = ArticlePageFactory(
        parent=site_tree.news, title="Peacekeepers leave", slug="peacekeepers-leave"
    )
    ArticleCorrection.objects.create(
        page=story, date=WHEN, text="<p>The contingent numbered <b>2,000</b>.</p>"
    )
    ArticleCorrection.objects.create(
        page=story, kind="update", date=WHEN + 2 * DAY, text="<p>Added the Kremlin's reply.</p>"
    )
    claim = ClaimFactory(
        statement="The peacekeepers will leave", slug="they-leave", verdict=Verdict.CONFIRMED
    )
    VerdictChange.objects.create(
        claim=claim,
        old_verdict=Verdict.REPORTED,
        new_verdict=Verdict.CONFIRMED,
        explanation="Moscow's defence ministry confirmed it.",
        changed_at=WHEN + DAY,
    )
    draft = ArticlePageFactory(parent=site_tree.news, title="A draft", live=False)
    ArticleCorrection.objects.create(page=draft, date=WHEN, text="<p>Draft fix</p>")
    private = ArticlePageFactory(parent=site_tree.news, title="A private story")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    ArticleCorrection.objects.create(page=private, date=WHEN, text="<p>Private fix</p>")
    hidden = ClaimFactory(statement="An unpublished claim", live=False)
    VerdictChange.objects.create(
        claim=hidden, old_verdict="", new_verdict="false", explanation="x", changed_at=WHEN
    )
    return story


def rss_items(client, url=RSS):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content).findall("./channel/item")


def test_the_feed_lists_public_corrections_and_verdict_changes_newest_first(client, notices):
    items = rss_items(client)

    assert [item.findtext("title") for item in items] == [
        "Update: Peacekeepers leave",
        "Verdict changed: The peacekeepers will leave",
        "Correction: Peacekeepers leave",
    ]
    update, verdict, correction = items
    assert update.findtext("link") == f"{SERVER}/news/peacekeepers-leave/"
    assert update.findtext("pubDate") == "Fri, 03 May 2024 09:30:00 +0000"
    assert correction.findtext("description") == "<p>The contingent numbered <b>2,000</b>.</p>"
    assert verdict.findtext("link") == f"{SERVER}/claims/they-leave/"
    assert verdict.findtext("description") == (
        "Reported → Confirmed. Moscow&#x27;s defence ministry confirmed it."
    )
    guids = [item.findtext("guid") for item in items]
    assert len(set(guids)) == 3 and guids[0].startswith(f"{SERVER}/news/peacekeepers-leave/#")


def test_the_atom_feed_is_atom(client, notices):
    response = client.get("/feeds/corrections/atom/")

    assert response["Content-Type"].startswith("application/atom+xml")
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries][1] == (
        "Verdict changed: The peacekeepers will leave"
    )
    assert entries[0].findtext(f"{ATOM}published") == "2024-05-03T09:30:00+00:00"


def test_a_correction_shows_only_while_its_story_is_live(client, notices):
    ArticlePage.objects.get(pk=notices.pk).unpublish()

    assert [i.findtext("title") for i in rss_items(client)] == [
        "Verdict changed: The peacekeepers will leave"
    ]


def test_the_feed_costs_the_same_queries_however_many_items(
    client, notices, site_tree, django_assert_num_queries
):
    client.get(RSS)  # the site's root paths are cached after the first request
    with django_assert_num_queries(3) as few:
        client.get(RSS)
    for n in range(6):
        story = ArticlePageFactory(parent=site_tree.news, title=f"Story {n}")
        ArticleCorrection.objects.create(page=story, date=WHEN, text=f"<p>Fix {n}</p>")
        VerdictChange.objects.create(
            claim=ClaimFactory(),
            old_verdict="reported",
            new_verdict="false",
            explanation="x",
            changed_at=WHEN,
        )
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(rss_items(client)) == 15


def test_pages_offer_the_feed(client, notices):
    html = client.get("/news/peacekeepers-leave/").content.decode()

    assert (
        f'type="application/rss+xml" title="The Newsroom: corrections and verdict changes" '
        f'href="{RSS}"' in html
    )


# --- Purging -------------------------------------------------------------------------


def test_a_new_correction_purges_the_feed(live_story, purged):
    add_correction(live_story, "The contingent numbered 2,000.").publish()

    assert {f"{SITE}{RSS}", f"{SITE}/feeds/corrections/atom/"} <= set(purged)


def test_a_new_verdict_purges_the_feed(db, purged):
    claim = ClaimFactory(verdict=Verdict.REPORTED)
    claim.verdict = Verdict.FALSE
    claim.verdict_explanation = "The contingent stayed."
    claim.save_revision().publish()

    assert VerdictChange.objects.filter(claim=claim).exists()
    assert {f"{SITE}{RSS}", f"{SITE}/feeds/corrections/atom/"} <= set(purged)
