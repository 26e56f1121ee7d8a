"""The partner API reads the sidebar cache (conflicts/sidebar/cache.py): a warm list skips
building related context, and a change shows in the next response."""

import pytest

from conflicts.models import Verdict
from newsroom.stories.models import ArticleByline
from tests.api.conftest import make_article
from tests.api.test_queries_and_formats import AUTH, LIST_QUERIES
from tests.factories import ActorFactory, AuthorFactory, ClaimFactory, SectionPageFactory
from tests.pages import warm_site_caches

RELATED_CONTEXT_QUERIES = 8  # conflicts.sidebar.build_sidebars, for any number of pages
# (8 since one query reads the stories' languages and the naming rules)


@pytest.fixture(autouse=True)
def sidebar_cache(settings):
    settings.CONFLICTS_SIDEBAR_CACHE_SECONDS = 300


@pytest.fixture
def stories(site_tree, explainer):
    peskov = ActorFactory(name="Dmitry Peskov")
    claim = ClaimFactory(claimant=peskov, statement="The withdrawal is under way")
    return [
        make_article(
            site_tree, slug=f"story-{i}", explainer=explainer, actors=[peskov], claims=[claim]
        )
        for i in range(3)
    ]


def verdicts(api) -> list[str]:
    results = api.get("/api/v1/articles/").json()["results"]
    return [a["related_context"]["claims"][0]["verdict"] for a in results]


def test_a_warm_list_skips_building_related_context(api, stories, django_assert_num_queries):
    warm_site_caches()
    with django_assert_num_queries(LIST_QUERIES):
        cold = api.get("/api/v1/articles/").json()
    # Warm, each article comes as it was serialized (newsroom/partners/api/article_cache.py):
    # view restrictions and the page's keys, then nothing of any article is read again.
    with django_assert_num_queries(AUTH + 2):
        warm = api.get("/api/v1/articles/").json()

    assert warm == cold


def test_a_new_verdict_reaches_the_list_and_the_detail(
    api, stories, django_capture_on_commit_callbacks
):
    assert verdicts(api) == ["reported"] * 3
    claim = stories[0].claim_links.get().claim
    claim.verdict = Verdict.CONFIRMED
    claim.verdict_explanation = "The defence ministry's footage shows the convoys leaving."
    with django_capture_on_commit_callbacks(execute=True):
        claim.save_revision().publish()

    assert verdicts(api) == ["confirmed"] * 3
    detail = api.get("/api/v1/articles/slug/story-1/").json()
    assert detail["related_context"]["claims"][0]["verdict"] == "confirmed"


def test_a_list_mixes_cached_and_new_articles(api, site_tree, explainer, stories):
    assert len(verdicts(api)) == 3
    peskov = stories[0].actor_links.get().actor
    make_article(site_tree, slug="story-new", explainer=explainer, actors=[peskov])

    results = api.get("/api/v1/articles/").json()["results"]
    by_slug = {a["slug"]: a["related_context"] for a in results}
    assert set(by_slug) == {"story-0", "story-1", "story-2", "story-new"}
    assert [a["name"] for a in by_slug["story-new"]["actors"]] == ["Dmitry Peskov"]
    assert by_slug["story-new"]["claims"] == []
    assert len(by_slug["story-0"]["claims"]) == 1


@pytest.fixture
def list_cache(settings):
    settings.API_CACHE_SECONDS = 300


def test_a_cached_list_costs_only_authentication(
    api, stories, list_cache, django_assert_num_queries
):
    warm_site_caches()
    first = api.get("/api/v1/articles/?page_size=2")
    with django_assert_num_queries(AUTH):
        again = api.get("/api/v1/articles/?page_size=2")

    assert again.json() == first.json()
    assert len(first.json()["results"]) == 2


def test_a_renamed_author_reaches_a_cached_list(
    api, stories, list_cache, django_capture_on_commit_callbacks
):
    author = AuthorFactory(name="Ani Avetisyan", slug="ani-avetisyan")
    ArticleByline.objects.create(page=stories[0], author=author, sort_order=0)
    assert "Ani Avetisyan" in str(api.get("/api/v1/articles/").json())
    with django_capture_on_commit_callbacks(execute=True):
        author.name = "Ani Mejlumyan"
        author.save()

    listed = str(api.get("/api/v1/articles/").json())
    assert "Ani Mejlumyan" in listed
    assert "Ani Avetisyan" not in listed


def test_a_renamed_section_reaches_the_articles_kept_in_the_cache(
    api, site_tree, stories, django_capture_on_commit_callbacks
):
    """An article's representation is kept by its own version: its section's new title (the
    same address) still shows at once."""
    assert {a["section"]["title"] for a in api.get("/api/v1/articles/").json()["results"]} == {
        site_tree.news.title
    }
    news = site_tree.news.specific
    news.title = "World news"
    with django_capture_on_commit_callbacks(execute=True):
        news.save_revision().publish()

    sections = {a["section"]["title"] for a in api.get("/api/v1/articles/").json()["results"]}
    assert sections == {"World news"}


def test_bad_parameters_and_bad_keys_are_refused_before_the_cache(api, stories, list_cache):
    assert api.get("/api/v1/articles/").status_code == 200
    assert api.get("/api/v1/articles/?colour=red").status_code == 400
    api.credentials(HTTP_AUTHORIZATION="Api-Key nope.nope")
    assert api.get("/api/v1/articles/").status_code == 401


def test_partners_with_other_scopes_get_their_own_lists(
    api, site_tree, stories, list_cache, partner
):
    assert len(api.get("/api/v1/articles/").json()["results"]) == 3
    analysis = SectionPageFactory(parent=site_tree.home, title="Analysis", slug="analysis")
    partner.sections.add(analysis)  # a scope that holds none of the stories

    assert api.get("/api/v1/articles/").json()["results"] == []


def test_a_cached_list_still_answers_304_to_a_matching_etag(api, stories, list_cache):
    first = api.get("/api/v1/articles/")
    again = api.get("/api/v1/articles/")

    assert again["ETag"] == first["ETag"]
    assert again["Content-Type"] == "application/json"
    assert api.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
