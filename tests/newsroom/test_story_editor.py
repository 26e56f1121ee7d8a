"""The story editor's own fields: tags pasted with commas, and the headline box."""

from bs4 import BeautifulSoup

from newsroom.stories.models import ArticlePage
from tests.factories import ArticlePageFactory
from tests.newsroom.admin_forms import edit_form, edit_url


def save(client, story, **fields):
    data = edit_form(client, story)
    for key, value in fields.items():
        data[key] = value
    return client.post(edit_url(story), data)


def test_tags_pasted_with_commas_save_as_separate_tags(editor, site_tree):
    """The tag widget keeps pasted "Armenia, Russia, border" as one token and, since it holds
    spaces, posts it quoted: what it posts, beside a tag picked before."""
    story = ArticlePageFactory(parent=site_tree.news, live=False)

    response = save(editor, story, tags='peacekeepers,"Armenia, Russia, border"')

    assert response.status_code == 302
    saved = ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object()
    assert sorted(tag.name for tag in saved.tags.all()) == [
        "Armenia",
        "Russia",
        "border",
        "peacekeepers",
    ]


def test_a_multi_word_tag_stays_one_tag(editor, site_tree):
    story = ArticlePageFactory(parent=site_tree.news, live=False)

    save(editor, story, tags='"Lachin corridor",Armenia')

    saved = ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object()
    assert sorted(tag.name for tag in saved.tags.all()) == ["Armenia", "Lachin corridor"]


def test_the_headline_is_a_growing_box_labelled_headline(editor, site_tree):
    story = ArticlePageFactory(parent=site_tree.news)

    page = BeautifulSoup(editor.get(edit_url(story)).content, "html.parser")

    box = page.select_one("#id_title")
    assert box.name == "textarea"
    assert "w-autosize" in box["data-controller"]
    assert box["placeholder"] == "Headline"
    assert page.select_one("label[for=id_title]").get_text(strip=True) == "Headline*"
    assert "Page title" not in page.decode()


def test_a_headline_with_newlines_is_saved_on_one_line(editor, site_tree):
    story = ArticlePageFactory(parent=site_tree.news, live=False)
    headline = "Armenia removes Russian border guards\r\nfrom Yerevan airport"

    response = save(editor, story, title=headline)

    assert response.status_code == 302
    saved = ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object()
    assert saved.title == "Armenia removes Russian border guards from Yerevan airport"
