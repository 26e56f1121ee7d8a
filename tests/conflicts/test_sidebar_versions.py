"""A story's cached sidebar is keyed by its context version (conflicts/sidebar/cache.py): a
change makes cold only the sidebars that show it, and the worker warms them again
(conflicts/sidebar/warm.py); what no version tracks (addresses, view restrictions) still
drops every sidebar (conflicts/sidebar/scopes.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks.signals import task_enqueued
from wagtail.models import PageViewRestriction, Site

from conflicts.models import Verdict
from conflicts.sidebar import sidebars_for
from conflicts.sidebar.warm import warm_sidebars
from tests.conflicts.factories import ActorFactory, ClaimFactory, ConflictExplainerPageFactory
from tests.conflicts.host.factories import SectionPageFactory, StoryPageFactory
from tests.conflicts.host.models import StoryPage
from tests.conflicts.pages import warm_site_caches
from tests.conflicts.test_sidebar_cache import SIDEBAR_QUERIES
from tests.pages import get_page, text_of

pytestmark = pytest.mark.usefixtures("sidebar_cache_on")

EXPLANATION = "The defence ministry's footage shows the convoys leaving."


@pytest.fixture
def claim(db):
    peskov = ActorFactory(name="Dmitry Peskov")
    return ClaimFactory(claimant=peskov, statement="The withdrawal is under way")


@pytest.fixture
def explainer(site_tree):
    return ConflictExplainerPageFactory(parent=site_tree.conflicts, title="Karabakh")


@pytest.fixture
def showing(site_tree, explainer, claim):
    """A story whose sidebar shows the claim's card."""
    return StoryPageFactory(
        parent=site_tree.news, slug="showing", explainer=explainer, claims=[claim]
    )


@pytest.fixture
def other(site_tree, explainer, claim, showing):
    """A story on the same conflict that shows the claimant, not the claim."""
    return StoryPageFactory(
        parent=site_tree.news,
        slug="other",
        title="Convoys reach the border",
        explainer=explainer,
        actors=[claim.claimant],
    )


def read(client, url) -> tuple[str, int, list[str]]:
    """The story page's sidebar text, the queries the page cost and its story links."""
    with CaptureQueriesContext(connection) as queries:
        aside = get_page(client, url).select_one(".related-context")
    return text_of(aside), len(queries), [a["href"] for a in aside.select(".story-links a")]


def warm_costs(client, *urls) -> dict[str, int]:
    """{url: what the page costs with its sidebar cached}."""
    warm_site_caches()
    for url in urls:
        read(client, url)
    return {url: read(client, url)[1] for url in urls}


def publish_verdict(claim, capture, verdict=Verdict.CONFIRMED):
    claim.verdict = verdict
    claim.verdict_explanation = EXPLANATION
    with capture(execute=True):
        claim.save_revision().publish()


def test_a_new_verdict_makes_cold_only_the_sidebars_that_show_the_claim(
    client, settings, showing, other, claim, django_capture_on_commit_callbacks
):
    settings.CONFLICTS_WARM_STORIES = 0  # the worker has not warmed them yet
    warm = warm_costs(client, "/news/showing/", "/news/other/")
    assert "Verdict: Reported" in read(client, "/news/showing/")[0]

    publish_verdict(claim, django_capture_on_commit_callbacks)

    shown, cost, _ = read(client, "/news/showing/")
    assert "Verdict: Confirmed" in shown
    assert EXPLANATION in shown
    assert cost == warm["/news/showing/"] + SIDEBAR_QUERIES
    shown, cost, _ = read(client, "/news/other/")
    assert "Dmitry Peskov" in shown
    assert cost == warm["/news/other/"]  # no sidebar query: still warm


def test_a_partner_list_rebuilds_only_the_context_that_shows_the_claim(
    settings, showing, other, claim, django_capture_on_commit_callbacks
):
    settings.CONFLICTS_WARM_STORIES = 0
    warm_site_caches()
    sidebars_for(StoryPage.objects.filter(pk__in=[showing.pk, other.pk]))

    publish_verdict(claim, django_capture_on_commit_callbacks)
    with CaptureQueriesContext(connection) as just_other:
        contexts = sidebars_for(StoryPage.objects.filter(pk=other.pk))
    with CaptureQueriesContext(connection) as both:
        contexts = sidebars_for(StoryPage.objects.filter(pk__in=[showing.pk, other.pk]))

    assert len(just_other) == 1  # the page alone: its context is read from the cache
    assert len(both) == 1 + SIDEBAR_QUERIES  # one build, for the story showing the claim
    assert [card.verdict for card in contexts[showing.pk].claims] == ["confirmed"]
    assert [card.name for card in contexts[other.pk].actors] == ["Dmitry Peskov"]


def test_a_draft_verdict_makes_nothing_cold(
    client, showing, other, claim, django_capture_on_commit_callbacks
):
    warm = warm_costs(client, "/news/showing/", "/news/other/")

    claim.verdict = Verdict.FALSE
    claim.verdict_explanation = EXPLANATION
    with django_capture_on_commit_callbacks(execute=True):
        claim.save_revision()

    shown, cost, _ = read(client, "/news/showing/")
    assert "Verdict: Reported" in shown
    assert "Verdict: False" not in shown
    assert cost == warm["/news/showing/"]
    assert read(client, "/news/other/")[1] == warm["/news/other/"]


def test_the_worker_warms_the_sidebars_a_new_verdict_made_cold(
    client, showing, other, claim, django_capture_on_commit_callbacks
):
    """The test settings run tasks at once (the immediate backend), after the commit."""
    warm = warm_costs(client, "/news/showing/", "/news/other/")

    publish_verdict(claim, django_capture_on_commit_callbacks)

    shown, cost, _ = read(client, "/news/showing/")
    assert "Verdict: Confirmed" in shown
    assert cost == warm["/news/showing/"]  # no sidebar query: the worker built it


def test_the_warm_up_task_keeps_what_a_partner_list_reads(
    settings, showing, other, claim, django_capture_on_commit_callbacks
):
    settings.CONFLICTS_WARM_STORIES = 0
    warm_site_caches()
    publish_verdict(claim, django_capture_on_commit_callbacks)

    settings.CONFLICTS_WARM_STORIES = 500  # what the worker runs with
    kept = warm_sidebars.call(StoryPage._meta.label, [showing.pk, other.pk])
    with CaptureQueriesContext(connection) as queries:
        contexts = sidebars_for(StoryPage.objects.filter(pk__in=[showing.pk, other.pk]))

    assert kept == 2
    assert len(queries) == 1  # the pages; both contexts from the cache
    assert [card.verdict for card in contexts[showing.pk].claims] == ["confirmed"]


def test_the_worker_warms_only_the_newest_stories_up_to_the_setting(
    client, settings, site_tree, explainer, claim, django_capture_on_commit_callbacks
):
    settings.CONFLICTS_WARM_STORIES = 2
    urls = []
    for slug in ("oldest", "newer", "newest"):
        StoryPageFactory(parent=site_tree.news, slug=slug, explainer=explainer, claims=[claim])
        urls.append(f"/news/{slug}/")
    warm = warm_costs(client, *urls)

    publish_verdict(claim, django_capture_on_commit_callbacks)

    costs = {url: read(client, url)[1] - warm[url] for url in urls}
    assert costs == {"/news/oldest/": SIDEBAR_QUERIES, "/news/newer/": 0, "/news/newest/": 0}


def test_a_warm_up_leaves_out_a_story_whose_context_changed_again_since(
    settings, showing, other, claim, django_capture_on_commit_callbacks
):
    settings.CONFLICTS_WARM_STORIES = 0  # the warm-ups are run by hand below
    publish_verdict(claim, django_capture_on_commit_callbacks)
    first_change = StoryPage.objects.get(pk=showing.pk).context_updated_at
    publish_verdict(claim, django_capture_on_commit_callbacks, Verdict.FALSE)  # moves showing's
    settings.CONFLICTS_WARM_STORIES = 500

    label = StoryPage._meta.label
    # The first change's warm-up, run after the second: only `other`, which it did not move.
    assert warm_sidebars.call(label, [showing.pk, other.pk], first_change.isoformat()) == 1
    with CaptureQueriesContext(connection) as queries:
        sidebars_for(StoryPage.objects.filter(pk=other.pk))
    assert len(queries) == 1  # the page; its sidebar was kept
    # The second change's own warm-up builds the story it moved.
    second_change = StoryPage.objects.get(pk=showing.pk).context_updated_at
    assert warm_sidebars.call(label, [showing.pk], second_change.isoformat()) == 1
    contexts = sidebars_for(StoryPage.objects.filter(pk=showing.pk))
    assert [card.verdict for card in contexts[showing.pk].claims] == ["false"]


def test_the_warm_up_is_enqueued_on_the_queue_the_host_names(
    settings, showing, claim, django_capture_on_commit_callbacks
):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "background"],
        }
    }
    settings.CONFLICTS_WARM_QUEUE = "background"
    enqueued = []

    def note(sender, task_result, **kwargs):
        enqueued.append((task_result.task.name, task_result.task.queue_name))

    task_enqueued.connect(note)
    try:
        publish_verdict(claim, django_capture_on_commit_callbacks)
    finally:
        task_enqueued.disconnect(note)

    assert (warm_sidebars.name, "background") in enqueued
    assert [queue for name, queue in enqueued if name == warm_sidebars.name] == ["background"]


def test_nothing_is_warmed_when_the_sidebar_cache_is_off(
    settings, showing, claim, django_capture_on_commit_callbacks
):
    settings.CONFLICTS_SIDEBAR_CACHE_SECONDS = 0
    enqueued = []

    def note(sender, task_result, **kwargs):
        enqueued.append(task_result.task.name)

    task_enqueued.connect(note)
    try:
        publish_verdict(claim, django_capture_on_commit_callbacks)
        settings.CONFLICTS_SIDEBAR_CACHE_SECONDS = 300
        publish_verdict(claim, django_capture_on_commit_callbacks, Verdict.FALSE)
    finally:
        task_enqueued.disconnect(note)

    assert enqueued.count(warm_sidebars.name) == 1  # the second change's only
    settings.CONFLICTS_SIDEBAR_CACHE_SECONDS = 0
    assert warm_sidebars.call(StoryPage._meta.label, [showing.pk]) == 0


def test_with_several_sites_the_worker_warms_nothing_and_readers_get_their_sites_urls(
    client, site_tree, showing, other, claim, django_capture_on_commit_callbacks
):
    Site.objects.create(hostname="partner.example", port=80, root_page=site_tree.news)
    warm = warm_costs(client, "/news/showing/")

    publish_verdict(claim, django_capture_on_commit_callbacks)

    shown, cost, links = read(client, "/news/showing/")
    assert "Verdict: Confirmed" in shown
    assert cost == warm["/news/showing/"] + SIDEBAR_QUERIES
    assert "/news/other/" in links
    assert warm_sidebars.call(StoryPage._meta.label, [showing.pk]) == 0


def test_a_story_moved_shows_its_new_address_at_once(
    client, site_tree, showing, other, django_capture_on_commit_callbacks
):
    analysis = SectionPageFactory(parent=site_tree.home, slug="analysis")
    warm_costs(client, "/news/showing/")
    assert read(client, "/news/showing/")[2] == ["/news/other/"]

    with django_capture_on_commit_callbacks(execute=True):
        other.move(analysis, pos="last-child")

    assert read(client, "/news/showing/")[2] == ["/analysis/other/"]


def test_a_section_with_a_new_slug_readdresses_its_stories_at_once(
    client, site_tree, explainer, showing, django_capture_on_commit_callbacks
):
    analysis = SectionPageFactory(parent=site_tree.home, slug="analysis")
    StoryPageFactory(parent=analysis, slug="other", explainer=explainer)
    warm_costs(client, "/news/showing/")
    assert read(client, "/news/showing/")[2] == ["/analysis/other/"]

    analysis.slug = "opinion"
    with django_capture_on_commit_callbacks(execute=True):
        analysis.save_revision().publish()

    assert read(client, "/news/showing/")[2] == ["/opinion/other/"]


def test_a_section_republished_at_the_same_address_keeps_every_sidebar_warm(
    client, site_tree, showing, other, django_capture_on_commit_callbacks
):
    warm = warm_costs(client, "/news/showing/", "/news/other/")

    site_tree.news.title = "World news"
    with django_capture_on_commit_callbacks(execute=True):
        site_tree.news.save_revision().publish()

    assert read(client, "/news/showing/")[1] == warm["/news/showing/"]
    assert read(client, "/news/other/")[1] == warm["/news/other/"]


def test_a_view_restriction_takes_a_story_out_of_every_sidebar_at_once(
    client, showing, other, django_capture_on_commit_callbacks
):
    warm_costs(client, "/news/showing/")
    assert read(client, "/news/showing/")[2] == ["/news/other/"]

    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=other, restriction_type=PageViewRestriction.LOGIN
        )
    assert read(client, "/news/showing/")[2] == []

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert read(client, "/news/showing/")[2] == ["/news/other/"]
