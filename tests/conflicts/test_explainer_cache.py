"""An explainer page's content is kept with the sidebars (conflicts/sidebar/cache.py): a
warm page skips its queries, and every change readers should see shows on the next
request."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conflicts.models import ConflictParty
from tests.conflicts.factories import (
    ActorFactory,
    ClaimFactory,
    ConflictExplainerPageFactory,
    TimelineEventFactory,
)
from tests.conflicts.host.factories import StoryPageFactory
from tests.conflicts.pages import read_cold_then_warm, warm_site_caches
from tests.pages import get_page, text_of

# conflicts.profiles.explainer_profile: parties, key facts, timeline events, their sources
# and actors, claims, their sources, view restrictions and stories.
CONTENT_QUERIES = 9

pytestmark = pytest.mark.usefixtures("sidebar_cache_on")


@pytest.fixture
def explainer(site_tree):
    page = ConflictExplainerPageFactory(
        parent=site_tree.conflicts, slug="karabakh", title="Nagorno-Karabakh"
    )
    pashinyan = ActorFactory(name="Nikol Pashinyan")
    ConflictParty.objects.create(page=page, actor=pashinyan, role="Party", sort_order=0)
    event = TimelineEventFactory(page=page, title="Ceasefire signed")
    event.actors.add(pashinyan)
    ClaimFactory(claimant=pashinyan, conflict=page, statement="The corridor stays open")
    StoryPageFactory(parent=site_tree.news, title="Peacekeepers leave", explainer=page)
    return page


def content(client):
    return text_of(get_page(client, "/conflicts/karabakh/").select_one("article.explainer"))


def test_a_warm_explainer_skips_its_content_queries(client, explainer, settings):
    (cold_text, cold), (warm_text, warm) = read_cold_then_warm(
        client, settings, "/conflicts/karabakh/", lambda: content(client)
    )

    assert warm_text == cold_text
    for shown in ["Nikol Pashinyan", "Ceasefire signed", "The corridor stays open"]:
        assert shown in warm_text
    assert "Peacekeepers leave" in warm_text
    assert warm == cold - CONTENT_QUERIES


def test_a_new_story_on_the_conflict_shows_at_once(
    client, site_tree, explainer, django_capture_on_commit_callbacks
):
    assert "Convoys reach the border" not in content(client)
    with django_capture_on_commit_callbacks(execute=True):
        StoryPageFactory(
            parent=site_tree.news, title="Convoys reach the border", explainer=explainer
        )

    assert "Convoys reach the border" in content(client)


def test_a_story_on_another_conflict_keeps_the_page_warm(
    client, site_tree, explainer, django_capture_on_commit_callbacks
):
    elsewhere = ConflictExplainerPageFactory(parent=site_tree.conflicts, title="Sudan")
    warm_site_caches()
    content(client)
    with CaptureQueriesContext(connection) as warm:
        content(client)
    with django_capture_on_commit_callbacks(execute=True):
        StoryPageFactory(parent=site_tree.news, title="Khartoum talks", explainer=elsewhere)

    with CaptureQueriesContext(connection) as after:
        assert "Khartoum talks" not in content(client)
    assert len(after) == len(warm)


def test_a_renamed_actor_and_a_new_event_show_at_once(
    client, explainer, django_capture_on_commit_callbacks
):
    assert "Ceasefire signed" in content(client)
    actor = explainer.parties.get().actor
    actor.name = "Prime Minister Nikol Pashinyan"
    with django_capture_on_commit_callbacks(execute=True):
        actor.save_revision().publish()
    assert "Prime Minister Nikol Pashinyan" in content(client)

    with django_capture_on_commit_callbacks(execute=True):
        TimelineEventFactory(
            page=explainer, title="Withdrawal completed", date=datetime.date(2024, 6, 12)
        )
    assert "Withdrawal completed" in content(client)


def test_an_unpublished_claim_leaves_at_once(client, explainer, django_capture_on_commit_callbacks):
    assert "The corridor stays open" in content(client)
    claim = explainer.claims.get()
    with django_capture_on_commit_callbacks(execute=True):
        claim.unpublish()

    assert "The corridor stays open" not in content(client)
