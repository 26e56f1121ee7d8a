"""Editors translate sections, stories and explainers with the page's "Translate" action
(wagtail.contrib.simple_translation): the copy is a draft in the other language's tree, with
its own revisions, and a language desk may also write a story of its own there."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page

from conflicts.models import ConflictExplainerPage, ConflictIndexPage
from newsroom.stories.models import ArticlePage, HomePage, SectionPage
from tests.factories import ArticlePageFactory, ConflictExplainerPageFactory
from tests.newsroom.languages import edition, locale


@pytest.fixture
def russian_desk(site_tree):
    edition(site_tree.home, "ru", "Главная")
    return edition(site_tree.news, "ru", "Новости")


def translate(editor, page, code) -> Page:
    """The page's "Translate" action, as an editor submits it; the copy made."""
    url = f"/admin/translation/submit/page/{page.pk}/"
    assert editor.get(url).status_code == 200
    response = editor.post(url, {"locales": [locale(code).pk]})
    copy = page.get_translation(locale(code))
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{copy.pk}/edit/"
    return copy.specific


def test_a_story_is_translated_into_a_draft_under_the_russian_section(
    editor, site_tree, russian_desk
):
    story = ArticlePageFactory(parent=site_tree.news, slug="leave", title="Peacekeepers leave")
    story.save_revision().publish()

    copy = translate(editor, story, "ru")

    assert isinstance(copy, ArticlePage)
    assert copy.get_parent().pk == russian_desk.pk
    # A draft: the desk writes its edition, then publishes it.
    assert (copy.locale.language_code, copy.live) == ("ru", False)
    assert editor.get(f"/admin/pages/{copy.pk}/edit/").status_code == 200
    assert [byline.author for byline in copy.bylines.all()] == [
        byline.author for byline in story.bylines.all()
    ]


def test_the_page_header_offers_translate(editor, site_tree, russian_desk):
    page = editor.get(f"/admin/pages/{site_tree.news.pk}/edit/").content.decode()

    assert f"/admin/translation/submit/page/{site_tree.news.pk}/" in page


def test_an_explainer_is_translated_once_its_index_is(editor, site_tree, russian_desk):
    explainer = ConflictExplainerPageFactory(parent=site_tree.conflicts, slug="karabakh")
    edition(site_tree.conflicts, "ru", "Конфликты")

    copy = translate(editor, explainer, "ru")

    assert isinstance(copy, ConflictExplainerPage)
    assert copy.get_parent().specific.locale.language_code == "ru"


def test_the_russian_desk_can_add_a_story_of_its_own(editor, site_tree, russian_desk):
    assert ArticlePage.can_create_at(russian_desk)
    assert SectionPage.can_create_at(HomePage.objects.get(locale__language_code="ru"))
    assert ConflictIndexPage.can_create_at(HomePage.objects.get(locale__language_code="ru"))

    response = editor.get(f"/admin/pages/add/newsroom/articlepage/{russian_desk.pk}/")

    assert response.status_code == 200


def test_editors_may_start_a_translation(db):
    editors = Group.objects.get(name="Editors")

    assert editors.permissions.filter(codename="submit_translation").exists()
