"""Frontend-cache purge: the exact URLs an actor, a claim or an explainer going live,
changing or off purges on the newsroom's pages, and what finding an actor's costs."""

import pytest
from wagtail.models import Site

from conflicts.purge import actor_purge_batch
from tests.factories import ActorFactory, ArticlePageFactory, ClaimFactory
from tests.newsroom.purging import SITE, newest_story_on_the_conflict


def test_publishing_an_actor_purges_every_page_that_shows_it(world, purged):
    world["peskov"].save_revision().publish()

    assert set(purged) == {
        f"{SITE}/actors/peskov/",
        f"{SITE}/actors/peskov/card/",
        f"{SITE}/actors/kremlin/",  # lists its spokesperson
        f"{SITE}/claims/they-leave/",  # names its claimant
        f"{SITE}/claims/they-leave/card/",
        f"{SITE}/news/story/",  # links Peskov and his claim
        f"{SITE}/news/mentions/",  # mentions him in the text
        f"{SITE}/conflicts/karabakh/",  # lists his claim
        f"{SITE}/feeds/actors/peskov/rss/",
        f"{SITE}/feeds/actors/peskov/atom/",
        f"{SITE}/actors/",  # the lists of actors and claims
        f"{SITE}/claims/",
    }


def test_unpublishing_an_actor_purges_the_explainer_that_lists_it_as_a_party(world, purged):
    world["kremlin"].unpublish()

    assert set(purged) == {
        f"{SITE}/actors/kremlin/",
        f"{SITE}/actors/kremlin/card/",
        f"{SITE}/actors/peskov/",  # lists his organisation
        f"{SITE}/claims/they-stay/",
        f"{SITE}/claims/they-stay/card/",
        f"{SITE}/conflicts/karabakh/",
        f"{SITE}/feeds/actors/kremlin/rss/",
        f"{SITE}/feeds/actors/kremlin/atom/",
        f"{SITE}/actors/",
        f"{SITE}/claims/",
    }


def test_publishing_a_claim_purges_every_page_that_shows_it(world, purged):
    world["claim"].save_revision().publish()

    assert set(purged) == {
        f"{SITE}/claims/they-leave/",
        f"{SITE}/claims/they-leave/card/",
        f"{SITE}/claims/they-stay/",  # disputes it
        f"{SITE}/actors/peskov/",  # lists his claims
        f"{SITE}/conflicts/karabakh/",
        f"{SITE}/news/story/",
        f"{SITE}/news/mentions/",
        f"{SITE}/claims/",  # the list of claims
    }


def test_deleting_a_claim_purges_its_pages_once_the_deletion_is_committed(
    world, purged, django_capture_on_commit_callbacks
):
    lone = ClaimFactory(claimant=world["kremlin"], slug="lone", conflict=world["explainer"])

    with django_capture_on_commit_callbacks(execute=True):
        lone.delete()

    assert set(purged) == {
        f"{SITE}/claims/lone/",
        f"{SITE}/claims/lone/card/",
        f"{SITE}/actors/kremlin/",
        f"{SITE}/conflicts/karabakh/",
        f"{SITE}/claims/",
    }


EXPLAINER_URLS = {
    f"{SITE}/conflicts/karabakh/",
    f"{SITE}/conflicts/",  # the index lists it
    f"{SITE}/news/story/",  # the sidebar shows its card
    f"{SITE}/news/other-story/",
    f"{SITE}/claims/they-leave/",  # names its conflict
    f"{SITE}/feeds/conflicts/karabakh/rss/",
    f"{SITE}/feeds/conflicts/karabakh/atom/",
    f"{SITE}/claims/",  # the list of claims names it
}


def test_publishing_an_explainer_purges_the_stories_and_claims_that_show_it(world, purged):
    world["explainer"].save_revision().publish()

    assert set(purged) == EXPLAINER_URLS


def test_unpublishing_an_explainer_purges_the_same_pages(world, purged):
    world["explainer"].unpublish()

    assert set(purged) == EXPLAINER_URLS


def test_an_explainer_change_purges_only_its_newest_stories_and_going_off_purges_all(
    world, purged, settings
):
    settings.CONFLICTS_PURGE_EXPLAINER_STORIES = 1
    newest_story_on_the_conflict(world)
    ArticlePageFactory(  # newer still, but a draft: it must not take the one place
        parent=world["story"].get_parent(),
        slug="newer-draft",
        explainer=world["explainer"],
        display_date="2031-01-01T12:00:00Z",
        live=False,
    )

    world["explainer"].save_revision().publish()
    changed = set(purged)
    purged.clear()
    world["explainer"].unpublish()

    assert f"{SITE}/news/newest/" in changed
    assert f"{SITE}/news/story/" not in changed  # older: its copy expires instead
    assert f"{SITE}/news/other-story/" not in changed
    assert {f"{SITE}/news/newest/", f"{SITE}/news/story/", f"{SITE}/news/other-story/"} <= set(
        purged
    )  # gone: no cached page may keep showing its card


@pytest.mark.parametrize("stories", [3, 30])
def test_finding_the_pages_of_an_actor_costs_fixed_queries(
    site_tree, stories, django_assert_num_queries
):
    actor = ActorFactory(slug="busy")
    for i in range(stories):
        ArticlePageFactory(parent=site_tree.news, slug=f"s{i}", actors=[actor])

    Site.get_site_root_paths()  # cached for the process after the first request

    # pages (one query for every kind of link), affiliations, claims
    with django_assert_num_queries(3):
        batch = actor_purge_batch(actor)

    # the stories, the actor's page, card and feeds, and the lists of actors and claims
    assert len(batch.urls) == stories + 6
