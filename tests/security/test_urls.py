"""javascript:, data: and vbscript: addresses: refused wherever an editor or an import gives
a web address, and never rendered as links from rich text."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from conflicts.models import Actor, ConflictExplainerPage, Source
from conflicts.portable import DataError, load_conflict_data
from conflicts.validators import url_scheme
from newsroom.stories.models import ArticleCorrection, ArticlePage
from tests.factories import ArticlePageFactory
from tests.pages import get_page

pytestmark = pytest.mark.django_db

# (address, the scheme a browser would run) in the disguises browsers see through.
HOSTILE_URLS = [
    ("javascript:alert(1)", "javascript"),
    ("JaVaScRiPt:alert(1)", "javascript"),
    (" javascript:alert(1)", "javascript"),
    ("java\tscript:alert(1)", "javascript"),
    ("java\nscript:alert(1)", "javascript"),
    ("\x01javascript:alert(1)", "javascript"),
    ("jav&#x09;ascript:alert(1)", "javascript"),
    ("data:text/html,<script>alert(1)</script>", "data"),
    ("DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "data"),
    ("vbscript:msgbox(1)", "vbscript"),
    ("VBScript:msgbox(1)", "vbscript"),
]


def refused(scheme) -> str:
    return (
        f"Enter a web address that starts with http:// or https://. {scheme}: addresses are "
        "refused."
    )


def errors_of(obj, **kwargs) -> dict:
    with pytest.raises(ValidationError) as raised:
        obj.full_clean(**kwargs)
    return raised.value.message_dict


@pytest.mark.parametrize(("url", "scheme"), HOSTILE_URLS)
def test_the_scheme_is_read_as_a_browser_reads_it(url, scheme):
    assert url_scheme(url) == scheme


@pytest.mark.parametrize(("url", "scheme"), HOSTILE_URLS)
def test_source_addresses_refuse_hostile_schemes_naming_the_field(url, scheme):
    source = Source(title="T", publisher="P", kind=Source.Kind.DOCUMENT, url=url, archive_url=url)

    errors = errors_of(source)

    assert errors["url"] == [refused(scheme)]
    assert errors["archive_url"] == [refused(scheme)]


@pytest.mark.parametrize(("url", "scheme"), HOSTILE_URLS)
def test_a_syndicated_storys_original_address_refuses_hostile_schemes(site_tree, url, scheme):
    story = ArticlePageFactory(parent=site_tree.news, original_publisher="CIVILNET")
    story.original_url = url

    assert errors_of(story)["original_url"] == [refused(scheme)]


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "vbscript:x"]
)
def test_the_admin_source_form_names_the_field_and_saves_nothing(editor, url):
    data = {
        "title": "T",
        "publisher": "P",
        "url": url,
        "published_on": "",
        "kind": "document",
        "archive_url": url,
    }

    response = editor.post(reverse("wagtailsnippets_conflicts_source:add"), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count(": addresses are refused.") == 2  # under the address and the archive
    assert not Source.objects.exists()


LINKS = [url for url, _ in HOSTILE_URLS]


@pytest.mark.parametrize("url", LINKS)
def test_rich_text_links_with_hostile_schemes_are_refused(url):
    link = f'<p>See <a href="{url.replace(chr(34), "&quot;")}">this</a>.</p>'
    actor = Actor(name="Dmitry Peskov", kind=Actor.Kind.PERSON, bio=link)
    correction = ArticleCorrection(kind="correction", text=link)

    assert "links must go to web addresses" in errors_of(actor)["bio"][0]
    assert "links must go to web addresses" in errors_of(correction, exclude=["page"])["text"][0]
    for model, body in [
        (ArticlePage, [{"type": "paragraph", "value": link}]),
        (ConflictExplainerPage, [{"type": "section", "value": {"heading": "H", "text": link}}]),
    ]:
        stream_block = model._meta.get_field("body").stream_block
        with pytest.raises(ValidationError) as raised:  # what the admin form and imports run
            stream_block.clean(stream_block.to_python(body))
        assert "links must go to web addresses" in str(raised.value.as_json_data())


def test_an_import_with_a_hostile_link_names_the_object_and_field_and_loads_nothing(site_tree):
    data = {
        "actors": [
            {
                "slug": "peskov",
                "name": "Dmitry Peskov",
                "kind": "person",
                "bio": '<p><a href="javascript:alert(1)">x</a></p>',
            }
        ],
        "explainers": [
            {
                "slug": "nk",
                "title": "NK",
                "summary": "S",
                "region": "R",
                "body": [{"heading": "H", "text": '<p><a href="data:text/html,x">x</a></p>'}],
            }
        ],
    }

    with pytest.raises(DataError, match=r'^actor "peskov": bio: .*remove the javascript: link'):
        load_conflict_data(data, explainer_parent=site_tree.conflicts)
    data["actors"] = []
    with pytest.raises(DataError, match=r'^explainer "nk": body: block 1: text: .*data: link'):
        load_conflict_data(data, explainer_parent=site_tree.conflicts)
    assert not Actor.objects.exists()
    assert not ConflictExplainerPage.objects.exists()


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ("<p>x<script>alert(1)</script></p>", "remove the <script> element"),
        ('<p><img src="x" onerror="alert(1)"></p>', "remove the onerror attribute of <img>"),
        ('<p><a href="#" onclick="alert(1)">x</a></p>', "remove the onclick attribute of <a>"),
        ("<p><iframe src='https://example.org'></iframe></p>", "remove the <iframe> element"),
    ],
)
def test_rich_text_with_scripts_or_event_handlers_is_refused_naming_the_problem(html, problem):
    actor = Actor(name="Dmitry Peskov", kind=Actor.Kind.PERSON, bio=html)

    assert problem in errors_of(actor)["bio"][0]


def test_ordinary_links_in_rich_text_are_kept():
    html = (
        '<p><a href="https://example.org/a?b=1&amp;c=2">web</a> <a href="mailto:desk@example.org">'
        'mail</a> <a href="/news/">relative</a> <a href="#notes">anchor</a></p>'
    )
    Actor(name="Dmitry Peskov", kind=Actor.Kind.PERSON, bio=html, slug="p").full_clean()


def actor_form(bio_html):
    data = nested_form_data(
        {
            "name": "Dmitry Peskov",
            "kind": "person",
            "description": "Kremlin spokesperson",
            "bio": rich_text(bio_html, features=["bold", "italic", "link"]),
            "image": "",
            "aliases": "",
            "wikidata_id": "",
            "slug": "dmitry-peskov",
            "affiliations": inline_formset([]),
            "translations": inline_formset([]),
        }
    )
    data["action-publish"] = "1"
    return data


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x"])
def test_a_hostile_link_typed_in_the_admin_editor_is_not_rendered_as_a_link(editor, client, url):
    """Draftail sends the link; what is stored and shown has no link to run."""
    response = editor.post(
        reverse("wagtailsnippets_conflicts_actor:add"),
        actor_form(f'<p>Read <a href="{url}">the statement</a>.</p>'),
    )
    assert response.status_code == 302
    actor = Actor.objects.get(slug="dmitry-peskov")
    assert actor.live

    page = get_page(client, actor.get_absolute_url())

    bio_links = [a.get("href") or "" for a in page.select("a")]
    assert not [href for href in bio_links if url_scheme(href) in {"javascript", "data"}]
    assert "Read the statement." in page.get_text()
