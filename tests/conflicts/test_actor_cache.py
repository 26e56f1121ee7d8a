"""An actor page's affiliations, claims and stories are kept in the sidebar cache under the
generation of lists (conflicts/sidebar/cache.py): a warm page skips their queries, and every
change readers should see shows on the next request."""

import pytest

from conflicts.models import ActorAffiliation
from tests.conflicts.factories import ActorFactory, ClaimFactory, ConflictExplainerPageFactory
from tests.conflicts.host.factories import StoryPageFactory
from tests.conflicts.host.models import StoryPage
from tests.conflicts.pages import read_cold_then_warm
from tests.pages import get_page, text_of

# conflicts.profiles.actor_profile: affiliations, members, claims, their sources, view
# restrictions and the stories that link the actor.
PROFILE_QUERIES = 6

pytestmark = pytest.mark.usefixtures("sidebar_cache_on")


@pytest.fixture
def peskov(site_tree):
    actor = ActorFactory(name="Dmitry Peskov", slug="dmitry-peskov")
    kremlin = ActorFactory(name="The Kremlin")
    ActorAffiliation.objects.create(actor=actor, organisation=kremlin, role="Spokesperson")
    ClaimFactory(claimant=actor, statement="The contingent leaves on schedule")
    StoryPageFactory(parent=site_tree.news, title="Peacekeepers leave", actors=[actor])
    return actor


def actor_page(client):
    return text_of(get_page(client, "/actors/dmitry-peskov/").select_one("main"))


def test_a_warm_actor_page_skips_its_profile_queries(client, peskov, settings):
    (cold_text, cold), (warm_text, warm) = read_cold_then_warm(
        client, settings, "/actors/dmitry-peskov/", lambda: actor_page(client)
    )

    assert warm_text == cold_text
    for shown in ["The Kremlin", "The contingent leaves on schedule", "Peacekeepers leave"]:
        assert shown in warm_text
    assert warm == cold - PROFILE_QUERIES


def test_a_new_story_linking_the_actor_shows_at_once(
    client, site_tree, peskov, django_capture_on_commit_callbacks
):
    karabakh = ConflictExplainerPageFactory(parent=site_tree.conflicts, title="Karabakh")
    assert "Convoys reach the border" not in actor_page(client)
    with django_capture_on_commit_callbacks(execute=True):
        StoryPageFactory(
            parent=site_tree.news,
            title="Convoys reach the border",
            actors=[peskov],
            explainer=karabakh,  # a story on any conflict: the actor page lists them all
        )

    assert "Convoys reach the border" in actor_page(client)


def test_an_unpublished_story_and_claim_leave_at_once(
    client, peskov, django_capture_on_commit_callbacks
):
    assert "Peacekeepers leave" in actor_page(client)
    with django_capture_on_commit_callbacks(execute=True):
        StoryPage.objects.get(title="Peacekeepers leave").unpublish()
        peskov.claims.get().unpublish()

    text = actor_page(client)
    assert "Peacekeepers leave" not in text
    assert "The contingent leaves on schedule" not in text


def test_an_unpublished_actor_is_gone_at_once(client, peskov, django_capture_on_commit_callbacks):
    assert "Dmitry Peskov" in actor_page(client)
    with django_capture_on_commit_callbacks(execute=True):
        peskov.unpublish()

    assert client.get("/actors/dmitry-peskov/").status_code == 404
