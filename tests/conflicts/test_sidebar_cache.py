"""The sidebar cache: a warm sidebar costs no query, and every change readers should see
shows on the next request (conflicts/sidebar/cache.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from conflicts.models import Verdict
from conflicts.sidebar import sidebars_for
from tests.conflicts.factories import ActorFactory, ClaimFactory, ConflictExplainerPageFactory
from tests.conflicts.host.factories import StoryPageFactory
from tests.conflicts.pages import read_cold_then_warm, warm_site_caches
from tests.pages import get_page, text_of

# conflicts.sidebar.build, uncached (test_context.py). The test host caches nothing of its
# own beside it; a host that keeps a story's rows under the same scopes (the newsroom's
# bylines, say: declared in its AppConfig.ready()) skips their queries too.
SIDEBAR_QUERIES = 8  # tests/conflicts/test_context.py says which


pytestmark = pytest.mark.usefixtures("sidebar_cache_on")


@pytest.fixture
def story(site_tree):
    explainer = ConflictExplainerPageFactory(parent=site_tree.conflicts, title="Karabakh")
    peskov = ActorFactory(name="Dmitry Peskov")
    claim = ClaimFactory(claimant=peskov, statement="The withdrawal is under way")
    return StoryPageFactory(
        parent=site_tree.news, slug="story", explainer=explainer, actors=[peskov], claims=[claim]
    )


def sidebar(client):
    return get_page(client, "/news/story/").select_one(".related-context")


def test_a_warm_sidebar_costs_no_query(client, story, settings):
    (cold_text, cold), (warm_text, warm) = read_cold_then_warm(
        client, settings, "/news/story/", lambda: text_of(sidebar(client))
    )

    assert "Dmitry Peskov" in cold_text
    assert "Dmitry Peskov" in warm_text
    assert warm == cold - SIDEBAR_QUERIES


def test_a_new_verdict_shows_at_once(client, story, django_capture_on_commit_callbacks):
    assert "Confirmed" not in text_of(sidebar(client))
    claim = story.claim_links.get().claim
    claim.verdict = Verdict.CONFIRMED
    claim.verdict_explanation = "The defence ministry's footage shows the convoys leaving."
    with django_capture_on_commit_callbacks(execute=True):
        claim.save_revision().publish()

    assert "Confirmed" in text_of(sidebar(client))


def test_an_unpublished_actor_leaves_at_once(client, story, django_capture_on_commit_callbacks):
    assert "Dmitry Peskov" in text_of(sidebar(client))
    actor = story.actor_links.get().actor
    with django_capture_on_commit_callbacks(execute=True):
        actor.unpublish()

    assert "Dmitry Peskov" not in text_of(sidebar(client))


def test_a_new_story_on_the_conflict_joins_more_stories(
    client, site_tree, story, django_capture_on_commit_callbacks
):
    assert "Convoys reach the border" not in text_of(sidebar(client))
    with django_capture_on_commit_callbacks(execute=True):
        StoryPageFactory(
            parent=site_tree.news, title="Convoys reach the border", explainer=story.explainer
        )

    assert "Convoys reach the border" in text_of(sidebar(client))


def test_a_restricted_explainer_leaves_at_once(client, story, django_capture_on_commit_callbacks):
    assert sidebar(client).select_one(".explainer-card")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=story.explainer, restriction_type=PageViewRestriction.LOGIN
        )

    assert sidebar(client).select_one(".explainer-card") is None


def test_nothing_is_cached_when_it_is_off(client, story, settings):
    settings.CONFLICTS_SIDEBAR_CACHE_SECONDS = 0
    warm_site_caches()
    client.get("/news/story/")
    with CaptureQueriesContext(connection) as first:
        client.get("/news/story/")
    with CaptureQueriesContext(connection) as second:
        client.get("/news/story/")

    assert len(second) == len(first)


def test_editors_drafts_locks_and_new_draft_stories_keep_readers_sidebars_cached(
    client, site_tree, story, django_capture_on_commit_callbacks
):
    """Editors save drafts all day: readers keep the cached sidebar until something
    they can see changes (then the tests above apply)."""
    warm_site_caches()
    sidebar(client)  # built and cached
    with CaptureQueriesContext(connection) as before:
        sidebar(client)
    claim = story.claim_links.get().claim
    actor = story.actor_links.get().actor

    with django_capture_on_commit_callbacks(execute=True):
        story.title = "A draft headline"
        story.save_revision()
        claim.statement = "A draft statement nobody has checked"
        claim.save_revision()
        actor.save_revision()
        story.locked = True
        story.save(update_fields=["locked", "locked_by", "locked_at"])
        StoryPageFactory(
            parent=site_tree.news, live=False, explainer=story.explainer, actors=[actor]
        )

    with CaptureQueriesContext(connection) as after:
        shown = text_of(sidebar(client))
    assert len(after) == len(before)
    assert "A draft statement nobody has checked" not in shown
    assert "The withdrawal is under way" in shown


def test_publishing_the_draft_statement_shows_it_at_once(
    client, story, django_capture_on_commit_callbacks
):
    claim = story.claim_links.get().claim
    claim.statement = "A checked statement"
    with django_capture_on_commit_callbacks(execute=True):
        revision = claim.save_revision()
    assert "A checked statement" not in text_of(sidebar(client))
    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()

    assert "A checked statement" in text_of(sidebar(client))


def test_a_story_published_on_another_conflict_keeps_this_sidebar_cached(
    client, site_tree, story, django_capture_on_commit_callbacks
):
    """Publishing a story rebuilds the sidebars of its own conflict only, not the site's."""
    ukraine = ConflictExplainerPageFactory(parent=site_tree.conflicts, title="Ukraine")
    elsewhere = StoryPageFactory(parent=site_tree.news, explainer=ukraine, live=False)
    warm_site_caches()
    sidebar(client)
    with CaptureQueriesContext(connection) as warm:
        sidebar(client)

    with django_capture_on_commit_callbacks(execute=True):
        elsewhere.save_revision().publish()
    with CaptureQueriesContext(connection) as after:
        sidebar(client)
    with django_capture_on_commit_callbacks(execute=True):
        StoryPageFactory(parent=site_tree.news, title="Convoys", explainer=story.explainer)
    with CaptureQueriesContext(connection) as same_conflict:
        shown = text_of(sidebar(client))

    assert len(after) == len(warm)
    assert len(same_conflict) == len(warm) + SIDEBAR_QUERIES
    assert "Convoys" in shown


def test_a_story_moved_to_another_conflict_leaves_the_old_ones_sidebars_at_once(
    client, site_tree, story, django_capture_on_commit_callbacks
):
    convoys = StoryPageFactory(parent=site_tree.news, title="Convoys", explainer=story.explainer)
    ukraine = ConflictExplainerPageFactory(parent=site_tree.conflicts, title="Ukraine")
    assert "Convoys" in text_of(sidebar(client))

    convoys.explainer = ukraine
    with django_capture_on_commit_callbacks(execute=True):
        convoys.save_revision().publish()

    assert "Convoys" not in text_of(sidebar(client))


def test_the_apis_contexts_of_other_conflicts_stories_stay_cached(
    site_tree, story, django_capture_on_commit_callbacks
):
    """A partner's list after a story is published elsewhere rebuilds no other context."""
    ukraine = ConflictExplainerPageFactory(parent=site_tree.conflicts, title="Ukraine")
    sidebars_for([story])

    with django_capture_on_commit_callbacks(execute=True):
        StoryPageFactory(parent=site_tree.news, explainer=ukraine)
    with CaptureQueriesContext(connection) as rebuilt:
        contexts = sidebars_for([story])

    assert len(rebuilt) == 0
    assert [card.name for card in contexts[story.pk].actors] == ["Dmitry Peskov"]
