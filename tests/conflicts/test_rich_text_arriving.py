"""Rich text that arrives by import or by code, not through the admin's editor (which never
writes them): a `style` attribute or a protocol-relative (//host) link is refused with an
error naming the field, and nothing is saved."""

import pytest
from django.core.exceptions import ValidationError

from conflicts.models import Actor, ConflictExplainerPage
from conflicts.portable import DataError, load_conflict_data

pytestmark = pytest.mark.django_db

STYLE = '<p style="position:fixed;inset:0;background:url(https://evil.example/x.png)">Hi</p>'
PROTOCOL_RELATIVE = '<p>See <a href="//evil.example/page">this</a>.</p>'
BACKSLASHED = '<p>See <a href=" /\\evil.example/page">this</a>.</p>'
STYLE_PROBLEM = "remove the style attribute of <p>"
LINK_PROBLEM = (
    "links to other sites must say how (https://): write the //evil.example/page link with "
    "https:// or remove it"
)


def problem_message(*problems) -> str:
    return "This text holds something that could run in readers' browsers: " + (
        "; ".join(problems) + "."
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (STYLE, STYLE_PROBLEM),
        (PROTOCOL_RELATIVE, LINK_PROBLEM),
        (BACKSLASHED, LINK_PROBLEM.replace("//evil.example", "/\\evil.example")),
    ],
)
def test_an_actor_bio_set_in_code_is_refused_naming_the_field(text, problem):
    actor = Actor(name="Somebody", kind=Actor.Kind.PERSON, bio=text)

    with pytest.raises(ValidationError) as raised:
        actor.full_clean()

    assert raised.value.message_dict["bio"] == [problem_message(problem)]


def test_plain_links_and_relative_addresses_are_still_accepted():
    bio = (
        '<p><a href="https://example.org/a">a</a> <a href="/actors/x/">b</a> <a href="#c">c</a></p>'
    )
    Actor(name="Somebody", kind=Actor.Kind.PERSON, bio=bio, slug="somebody").full_clean()


def actor_row(bio: str) -> dict:
    return {"slug": "somebody", "name": "Somebody", "kind": "person", "bio": bio}


@pytest.mark.parametrize(
    ("text", "problem"), [(STYLE, STYLE_PROBLEM), (PROTOCOL_RELATIVE, LINK_PROBLEM)]
)
def test_an_imported_actor_bio_is_refused_and_nothing_is_saved(site_tree, text, problem):
    data = {"actors": [{"slug": "fine", "name": "Fine", "kind": "person"}, actor_row(text)]}

    with pytest.raises(DataError) as raised:
        load_conflict_data(data, explainer_parent=site_tree.conflicts)

    assert str(raised.value) == f'actor "somebody": bio: {problem_message(problem)}'
    assert not Actor.objects.exists()


def test_an_imported_explainer_section_is_refused_and_nothing_is_saved(site_tree):
    before = ConflictExplainerPage.objects.count()
    data = {
        "actors": [actor_row("<p>Fine.</p>")],
        "explainers": [
            {
                "slug": "styled",
                "title": "Styled",
                "summary": "A summary.",
                "region": "Somewhere",
                "body": [{"heading": "Styled", "text": STYLE + PROTOCOL_RELATIVE}],
            }
        ],
    }

    with pytest.raises(DataError) as raised:
        load_conflict_data(data, explainer_parent=site_tree.conflicts)

    assert str(raised.value).startswith('explainer "styled": body: block 1: text: ')
    assert STYLE_PROBLEM in str(raised.value) and LINK_PROBLEM in str(raised.value)
    assert ConflictExplainerPage.objects.count() == before
    assert not Actor.objects.exists()
