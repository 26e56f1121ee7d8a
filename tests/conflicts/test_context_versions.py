"""Context versions on a host with its own story model (conflicts/context_versions.py): a change
readers see moves `context_updated_at` of exactly the live stories whose sidebar shows it,
once each, and `context_changed` says which; a draft, or a publish that changes nothing shown,
moves none.

"Exactly" is checked against the sidebar itself: every live story's sidebar is built before
and after the change, and the stories moved are those whose sidebar differs.
"""

import datetime

import pytest
from django.utils import timezone

from conflicts.models import ClaimSource, Verdict
from conflicts.sidebar.build import build_sidebar
from conflicts.signals import context_changed
from tests.conflicts.factories import (
    ActorFactory,
    ClaimFactory,
    ConflictExplainerPageFactory,
    SourceFactory,
    TimelineEventFactory,
)
from tests.conflicts.host.factories import StoryPageFactory
from tests.conflicts.host.models import StoryPage

LONG_AGO = timezone.now() - datetime.timedelta(days=30)
DAY = datetime.timedelta(days=1)


def published(page):
    """Publish a page (the reference index records its mentions) and return it fresh."""
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def world(site_tree):
    karabakh = published(ConflictExplainerPageFactory(parent=site_tree.conflicts, slug="karabakh"))
    ukraine = published(
        ConflictExplainerPageFactory(parent=site_tree.conflicts, slug="ukraine", title="Ukraine")
    )
    TimelineEventFactory(page=karabakh, date=datetime.date(2023, 9, 19), title="Offensive")
    peskov = ActorFactory(name="Dmitry Peskov", slug="peskov")
    kremlin = ActorFactory(name="The Kremlin", slug="kremlin")
    claim = ClaimFactory(claimant=peskov, slug="they-leave", conflict=karabakh)
    other_claim = ClaimFactory(claimant=kremlin, slug="other", conflict=karabakh)
    story = lambda **kwargs: StoryPageFactory(parent=site_tree.news, **kwargs)  # noqa: E731
    now = timezone.now()
    mention = f'<p>He <a linktype="claim" id="{claim.pk}">said so</a>.</p>'
    stories = {
        "links-claim": story(slug="links-claim", explainer=karabakh, claims=[claim]),
        "mentions-claim": published(
            story(slug="mentions-claim", body=[("paragraph", mention)], display_date=now - DAY)
        ),
        "links-actor": story(slug="links-actor", actors=[peskov], display_date=now - 2 * DAY),
        "other-claim": story(slug="other-claim", explainer=ukraine, claims=[other_claim]),
        "quiet": story(slug="quiet", explainer=karabakh, display_date=now - 3 * DAY),
        "draft": story(slug="draft", explainer=karabakh, claims=[claim], live=False),
    }
    return {
        "karabakh": karabakh,
        "ukraine": ukraine,
        "peskov": peskov,
        "claim": claim,
        "stories": stories,
    }


@pytest.fixture
def sent():
    """Every context_changed sent, as (sender, sorted pks, reason)."""
    calls = []

    def receiver(sender, pks, changed_at, reason, instance, **kwargs):
        assert timezone.is_aware(changed_at)
        calls.append((sender, sorted(pks), reason))

    context_changed.connect(receiver, dispatch_uid="test-context-versions")
    yield calls
    context_changed.disconnect(dispatch_uid="test-context-versions")


def sidebars() -> dict[int, dict]:
    return {story.pk: build_sidebar(story).as_dict() for story in StoryPage.objects.live()}


def context_times() -> dict[int, datetime.datetime]:
    """Of the live stories: only theirs reach partners."""
    return dict(StoryPage.objects.live().values_list("pk", "context_updated_at"))


class Watch:
    """Sidebars and context times of every story before a change, to compare after."""

    def __init__(self):
        StoryPage.objects.update(context_updated_at=LONG_AGO)
        self.sidebars = sidebars()
        self.started = timezone.now()

    def moved(self) -> set[int]:
        return {pk for pk, when in context_times().items() if when != LONG_AGO}

    def sidebar_changed(self) -> set[int]:
        after = sidebars()
        return {pk for pk, sidebar in after.items() if self.sidebars.get(pk) != sidebar}


def ids(world, *slugs) -> list[int]:
    return sorted(world["stories"][slug].pk for slug in slugs)


def test_a_verdict_change_moves_exactly_the_stories_that_show_the_claim(world, sent):
    watch = Watch()
    claim = world["claim"]
    claim.verdict = Verdict.CONFIRMED
    claim.verdict_explanation = "The contingent left by June 2024."
    claim.save_revision().publish()

    assert (
        watch.moved() == watch.sidebar_changed() == set(ids(world, "links-claim", "mentions-claim"))
    )
    assert sent == [(StoryPage, ids(world, "links-claim", "mentions-claim"), "claim")]
    moved = StoryPage.objects.get(pk=world["stories"]["links-claim"].pk).context_updated_at
    assert moved >= watch.started


def test_a_draft_of_the_claim_moves_nothing(world, sent):
    watch = Watch()
    claim = world["claim"]
    claim.verdict = Verdict.FALSE
    claim.verdict_explanation = "Not so."
    claim.save_revision()  # not published

    assert watch.moved() == watch.sidebar_changed() == set()
    assert sent == []


def test_republishing_with_nothing_shown_changed_moves_nothing(world, sent):
    watch = Watch()
    world["claim"].save_revision().publish()
    world["peskov"].save_revision().publish()

    assert watch.moved() == set()
    assert sent == []


def test_a_claims_sources_changing_moves_the_stories_that_show_it(world, sent):
    watch = Watch()
    claim = world["claim"]
    claim.claim_sources.add(ClaimSource(source=SourceFactory(title="Briefing"), sort_order=5))
    claim.save_revision().publish()

    assert (
        watch.moved() == watch.sidebar_changed() == set(ids(world, "links-claim", "mentions-claim"))
    )
    assert [reason for *_, reason in sent] == ["claim"]


def test_a_source_renamed_moves_the_stories_showing_a_claim_that_cites_it(world, sent):
    watch = Watch()
    source = world["claim"].claim_sources.get().source
    source.title = "A corrected title"
    source.save()

    assert (
        watch.moved() == watch.sidebar_changed() == set(ids(world, "links-claim", "mentions-claim"))
    )


def test_an_actor_renamed_reaches_the_stories_showing_it_or_its_claims(world, sent):
    watch = Watch()
    peskov = world["peskov"]
    peskov.name = "Dmitri Peskov"
    peskov.save_revision().publish()

    expected = ids(world, "links-claim", "mentions-claim", "links-actor")
    assert watch.moved() == watch.sidebar_changed() == set(expected)
    assert sent == [(StoryPage, expected, "actor")]


def test_a_claim_unpublished_leaves_the_sidebars_that_showed_it(world, sent):
    watch = Watch()
    world["claim"].unpublish()

    assert (
        watch.moved() == watch.sidebar_changed() == set(ids(world, "links-claim", "mentions-claim"))
    )


def test_an_explainers_card_changing_reaches_the_stories_on_its_conflict(world, sent):
    watch = Watch()
    karabakh = world["karabakh"]
    karabakh.summary = "The conflict ended in 2023."
    karabakh.save_revision().publish()

    assert watch.moved() == watch.sidebar_changed() == set(ids(world, "links-claim", "quiet"))
    assert sent == [(StoryPage, ids(world, "links-claim", "quiet"), "explainer")]


def test_an_explainers_timeline_changing_reaches_its_stories(world, sent):
    watch = Watch()
    karabakh = world["karabakh"]
    [event] = karabakh.timeline_events.all()
    event.title = "The one-day offensive"
    karabakh.timeline_events = [event]
    karabakh.save_revision().publish()

    assert watch.moved() == watch.sidebar_changed() == set(ids(world, "links-claim", "quiet"))


def test_an_explainers_review_note_alone_moves_nothing(world, sent):
    watch = Watch()
    karabakh = world["karabakh"]
    karabakh.review_note = "Checked the dates."  # on its own page, not on any sidebar
    karabakh.save_revision().publish()

    assert watch.moved() == watch.sidebar_changed() == set()
    assert sent == []


def test_a_new_story_reaches_the_stories_whose_more_stories_list_it(site_tree, world, sent):
    watch = Watch()
    new = StoryPageFactory(
        parent=site_tree.news, slug="new", explainer=world["karabakh"], live=False
    )
    new.save_revision().publish()

    changed = watch.sidebar_changed() - {new.pk}  # its own sidebar is new
    assert changed == set(ids(world, "links-claim", "quiet"))
    assert watch.moved() - {new.pk} == changed
    assert sent == [(StoryPage, ids(world, "links-claim", "quiet"), "story")]


def test_a_story_older_than_every_list_moves_only_the_stories_it_enters(site_tree, sent):
    karabakh = published(ConflictExplainerPageFactory(parent=site_tree.conflicts, slug="k"))
    now = timezone.now()
    for day in range(1, 8):  # seven stories, the newest first
        StoryPageFactory(parent=site_tree.news, explainer=karabakh, display_date=now - day * DAY)
    watch = Watch()
    sixth = StoryPageFactory(
        parent=site_tree.news,
        explainer=karabakh,
        display_date=now - 5 * DAY - datetime.timedelta(hours=1),
        live=False,
    )
    sixth.save_revision().publish()  # five stories are newer: it enters their lists only

    changed = watch.sidebar_changed() - {sixth.pk}
    assert len(changed) == 5
    assert watch.moved() - {sixth.pk} == changed
    [(_, pks, _)] = sent
    assert set(pks) == changed


def test_a_story_unpublished_leaves_the_lists_it_was_in(world, sent):
    watch = Watch()
    world["stories"]["quiet"].unpublish()

    assert watch.moved() == watch.sidebar_changed() == set(ids(world, "links-claim"))


def test_a_story_edited_in_its_body_only_moves_no_other_story(world, sent):
    watch = Watch()
    quiet = world["stories"]["quiet"]
    quiet.body = [("paragraph", "<p>A new paragraph.</p>")]
    quiet.save_revision().publish()

    assert watch.moved() == {quiet.pk}  # its own context version: it went live again
    assert sent == []
