"""The plugin's frontend-cache purges on a host with its own link models (conflicts/purge.py):
every page that shows an actor, a claim or an explainer, and nothing the host adds (its
feeds, say, come through collecting_purge_urls)."""

import pytest

from conflicts.models import ActorAffiliation
from tests.conflicts.factories import ActorFactory, ClaimFactory, ConflictExplainerPageFactory
from tests.conflicts.host.factories import StoryPageFactory

SITE = "http://localhost"


@pytest.fixture
def world(site_tree):
    karabakh = ConflictExplainerPageFactory(parent=site_tree.conflicts, slug="karabakh")
    peskov = ActorFactory(name="Dmitry Peskov", slug="peskov")
    kremlin = ActorFactory(name="The Kremlin", slug="kremlin")
    ActorAffiliation.objects.create(actor=peskov, organisation=kremlin, role="Spokesperson")
    claim = ClaimFactory(claimant=peskov, slug="they-leave", conflict=karabakh)
    StoryPageFactory(parent=site_tree.news, slug="story", explainer=karabakh, claims=[claim])
    mention = f'<p><a linktype="actor" id="{peskov.pk}">Peskov</a> spoke.</p>'
    mentions = StoryPageFactory(
        parent=site_tree.news, slug="mentions", body=[("paragraph", mention)]
    )
    mentions.save_revision().publish()  # the reference index records the mention
    StoryPageFactory(parent=site_tree.news, slug="elsewhere")
    return {"karabakh": karabakh, "peskov": peskov, "claim": claim}


def test_publishing_an_actor_purges_every_page_that_shows_it(world, purged):
    world["peskov"].save_revision().publish()

    assert set(purged) == {
        f"{SITE}/actors/peskov/",
        f"{SITE}/actors/peskov/card/",
        f"{SITE}/actors/kremlin/",  # lists its spokesperson
        f"{SITE}/claims/they-leave/",  # names its claimant
        f"{SITE}/claims/they-leave/card/",
        f"{SITE}/news/story/",  # links his claim
        f"{SITE}/news/mentions/",  # mentions him in the text
        f"{SITE}/conflicts/karabakh/",  # lists his claim
        f"{SITE}/actors/",  # the lists of actors and claims
        f"{SITE}/claims/",
    }


def test_publishing_a_claim_purges_every_page_that_shows_it(world, purged):
    world["claim"].save_revision().publish()

    assert set(purged) == {
        f"{SITE}/claims/they-leave/",
        f"{SITE}/claims/they-leave/card/",
        f"{SITE}/actors/peskov/",  # lists his claims
        f"{SITE}/conflicts/karabakh/",
        f"{SITE}/news/story/",
        f"{SITE}/claims/",  # the list of claims
    }


def test_unpublishing_an_explainer_purges_its_index_stories_and_claims(world, purged):
    world["karabakh"].unpublish()

    assert set(purged) == {
        f"{SITE}/conflicts/karabakh/",
        f"{SITE}/conflicts/",
        f"{SITE}/news/story/",  # its sidebar showed the explainer's card
        f"{SITE}/claims/they-leave/",  # names its conflict
        f"{SITE}/claims/",  # the list of claims names it too
    }
