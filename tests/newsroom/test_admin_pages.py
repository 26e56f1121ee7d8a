"""Editors' door for pages: forms load, revisions keep the timeline, previews show context."""

import datetime

from django.urls import reverse

from conflicts.models import ConflictExplainerPage, TimelineEvent
from tests.factories import (
    ActorFactory,
    ArticlePageFactory,
    ClaimFactory,
    ConflictExplainerPageFactory,
    SourceFactory,
)


def test_the_article_and_explainer_forms_load(editor, site_tree):
    explainer = ConflictExplainerPageFactory(parent=site_tree.conflicts)
    story = ArticlePageFactory(parent=site_tree.news, explainer=explainer)

    add_article = editor.get(
        reverse("wagtailadmin_pages:add", args=["newsroom", "articlepage", site_tree.news.pk])
    )
    edit_article = editor.get(reverse("wagtailadmin_pages:edit", args=[story.pk]))
    edit_explainer = editor.get(reverse("wagtailadmin_pages:edit", args=[explainer.pk]))

    assert add_article.status_code == 200
    assert "Related context" in add_article.content.decode()
    assert edit_article.status_code == 200
    assert edit_explainer.status_code == 200
    assert "Timeline" in edit_explainer.content.decode()


def test_a_revision_keeps_the_timeline_with_its_sources_and_actors(site_tree):
    explainer = ConflictExplainerPageFactory(parent=site_tree.conflicts)
    source, actor = SourceFactory(), ActorFactory(name="Azerbaijan")
    event = TimelineEvent(
        page=explainer, date=datetime.date(2023, 9, 19), date_precision="day", title="Offensive"
    )
    event.save()
    event.sources.set([source])
    event.actors.set([actor])
    event.save()

    revision = ConflictExplainerPage.objects.get(pk=explainer.pk).save_revision()
    TimelineEvent.objects.all().delete()
    revision.publish()

    [restored] = ConflictExplainerPage.objects.get(pk=explainer.pk).timeline_events.all()
    assert restored.title == "Offensive"
    assert list(restored.sources.all()) == [source]
    assert list(restored.actors.all()) == [actor]


def test_the_preview_shows_the_sidebar_as_readers_will(editor, site_tree):
    peskov = ActorFactory(name="Dmitry Peskov", description="Kremlin spokesperson")
    claim = ClaimFactory(statement="Russian peacekeepers will leave", claimant=peskov)
    story = ArticlePageFactory(parent=site_tree.news, actors=[peskov], claims=[claim])

    response = story.make_preview_request()

    body = response.content.decode()
    assert response.status_code == 200
    assert "Kremlin spokesperson" in body
    assert "Russian peacekeepers will leave" in body


def test_every_editor_form_autosaves_with_the_guard(editor, site_tree):
    """Autosave is on, and every page and snippet editor loads the script that makes a Save
    wait for an autosave still answering (settings/base.py, tests/browser/test_autosave.py)."""
    story = ArticlePageFactory(parent=site_tree.news)
    claim = ClaimFactory()
    forms = [
        reverse("wagtailadmin_pages:add", args=["newsroom", "articlepage", site_tree.news.pk]),
        reverse("wagtailadmin_pages:edit", args=[story.pk]),
        reverse("wagtailsnippets_conflicts_claim:add"),
        reverse("wagtailsnippets_conflicts_claim:edit", args=[claim.pk]),
    ]

    for url in forms:
        response = editor.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert 'data-w-autosave-interval-value="500"' in body, url
        assert "conflicts/js/autosave-guard.js" in body, url
