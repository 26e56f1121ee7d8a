"""Nothing that is not live and public leaves through the API: not in a list, not in a detail,
not inside another object's context."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from newsroom.stories.models import ArticleActorLink
from tests.api.conftest import make_article, published
from tests.factories import ActorFactory, ClaimFactory, ConflictExplainerPageFactory


@pytest.fixture
def hidden(site_tree, explainer):
    """A public story that links hidden things, and hidden stories and explainers."""
    draft_actor = ActorFactory(name="Draft actor", slug="draft-actor", live=False)
    draft_claim = ClaimFactory(statement="Draft claim", slug="draft-claim", live=False)
    by_draft = ClaimFactory(statement="By a draft", slug="by-draft", claimant=draft_actor)
    private_explainer = ConflictExplainerPageFactory(
        parent=site_tree.conflicts, title="Private conflict", slug="private-conflict", **published()
    )
    PageViewRestriction.objects.create(
        page=private_explainer, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    scheduled_explainer = ConflictExplainerPageFactory(
        parent=site_tree.conflicts,
        title="Scheduled conflict",
        slug="scheduled-conflict",
        live=False,
        go_live_at=timezone.now() + datetime.timedelta(days=1),
    )
    public = make_article(
        site_tree,
        title="Public story",
        slug="public-story",
        explainer=private_explainer,
        actors=[draft_actor],
        claims=[draft_claim, by_draft],
        body=[("actor_card", {"actor": draft_actor}), ("claim_card", {"claim": draft_claim})],
    )
    make_article(site_tree, title="Draft story", slug="draft-story", live=False)
    make_article(
        site_tree,
        title="Scheduled story",
        slug="scheduled-story",
        live=False,
        go_live_at=timezone.now() + datetime.timedelta(days=1),
    )
    restricted = make_article(site_tree, title="Members story", slug="members-story")
    group = Group.objects.create(name="Members")
    restriction = PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    return {
        "public": public,
        "explainers": [private_explainer, scheduled_explainer],
        "actor": draft_actor,
        "claims": [draft_claim, by_draft],
    }


HIDDEN_WORDS = ["Draft", "draft", "Scheduled", "scheduled", "Private", "private", "Members"]


def assert_nothing_hidden(payload):
    text = str(payload)
    for word in HIDDEN_WORDS:
        assert word not in text, f"{word!r} leaked: {text[:500]}"


@pytest.mark.parametrize("path", ["articles", "explainers", "actors", "claims", "sources"])
def test_lists_hold_only_public_things(api, hidden, path):
    response = api.get(f"/api/v1/{path}/?page_size=100")

    assert response.status_code == 200
    assert_nothing_hidden(response.json())


def test_public_story_shows_none_of_its_hidden_links(api, hidden):
    story = hidden["public"]

    listed = api.get("/api/v1/articles/").json()["results"]
    detail = api.get(f"/api/v1/articles/{story.pk}/").json()
    ninjs = api.get(f"/api/v1/articles/{story.pk}/?format=ninjs").json()

    assert [a["headline"] for a in listed] == ["Public story"]
    assert listed[0]["context"] == {"explainer": None, "actors": [], "claims": []}
    assert detail["body"] == []
    assert detail["related_context"]["explainer"] is None
    assert detail["related_context"]["actors"] == detail["related_context"]["claims"] == []
    for payload in (detail, ninjs):
        assert_nothing_hidden({k: v for k, v in payload.items() if k not in ("headline",)})


@pytest.mark.parametrize("slug", ["draft-story", "scheduled-story", "members-story"])
def test_hidden_stories_have_no_detail(api, hidden, slug):
    from newsroom.stories.models import ArticlePage

    page = ArticlePage.objects.get(slug=slug)

    assert api.get(f"/api/v1/articles/{page.pk}/").status_code == 404
    assert api.get(f"/api/v1/articles/slug/{slug}/").status_code == 404
    assert api.get(f"/api/v1/articles/{page.pk}/?format=ninjs").status_code == 404


def test_hidden_explainers_actors_and_claims_have_no_detail(api, hidden):
    for explainer in hidden["explainers"]:
        assert api.get(f"/api/v1/explainers/{explainer.pk}/").status_code == 404
        assert api.get(f"/api/v1/explainers/slug/{explainer.slug}/").status_code == 404
    assert api.get(f"/api/v1/actors/{hidden['actor'].pk}/").status_code == 404
    assert api.get("/api/v1/actors/slug/draft-actor/").status_code == 404
    for claim in hidden["claims"]:
        assert api.get(f"/api/v1/claims/{claim.pk}/").status_code == 404
        assert api.get(f"/api/v1/claims/slug/{claim.slug}/").status_code == 404


def test_sources_only_a_draft_cites_stay_private(api, hidden):
    draft_source = hidden["claims"][0].claim_sources.get().source

    assert api.get(f"/api/v1/sources/{draft_source.pk}/").status_code == 404


def test_public_objects_name_no_hidden_neighbour(api, site_tree, explainer):
    org = ActorFactory(name="Draft org", live=False)
    actor = ActorFactory(name="Public actor")
    actor.affiliations.create(organisation=org, role="Member")
    actor.save()
    other = ClaimFactory(statement="Draft other claim", live=False)
    claim = ClaimFactory(statement="Public claim", claimant=actor)
    claim.relations.create(kind="disputes", other=other)
    explainer.parties.create(actor=org, role="Belligerent")
    hidden_link = make_article(site_tree, title="Story", slug="story")
    ArticleActorLink.objects.create(page=hidden_link, actor=org, sort_order=1)

    assert api.get(f"/api/v1/actors/{actor.pk}/").json()["affiliations"] == []
    assert api.get(f"/api/v1/claims/{claim.pk}/").json()["related_claims"] == []
    assert api.get(f"/api/v1/explainers/{explainer.pk}/").json()["parties"] == []


@pytest.mark.parametrize("claim", ["by-draft", "draft-claim"])
def test_articles_filtered_by_a_claim_that_is_not_public_find_nothing(api, hidden, claim):
    """A claim by an unpublished claimant is not public: filtering by it must not reveal
    which stories link it (it matched before)."""
    response = api.get(f"/api/v1/articles/?claim={claim}")

    assert response.status_code == 200
    assert response.json()["results"] == []
