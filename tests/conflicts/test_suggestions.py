"""Suggestions: actors a story names but does not link yet, on the story's edit view."""

import json

from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission

from conflicts.suggestions import MAX_TEXT_CHARS, actor_suggestions
from tests.conflicts.factories import ActorFactory
from tests.conflicts.host.factories import StoryPageFactory
from tests.pages import soup_of, text_of


def soup_of_fragment(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_actors_named_in_headline_or_text_are_suggested_in_order_of_appearance(site_tree):
    peskov = ActorFactory(name="Dmitry Peskov", aliases="Peskov\nKremlin spokesperson")
    kremlin = ActorFactory(name="Kremlin")
    pashinyan = ActorFactory(name="Nikol Pashinyan")
    ActorFactory(name="Russia")  # only "Russian" appears: not a whole-word match
    ActorFactory(name="Ilham Aliyev")  # not named at all
    linked = ActorFactory(name="Armenia")
    story = StoryPageFactory(
        parent=site_tree.news,
        title="Pashinyan answers the Kremlin",
        actors=[linked],
        body=[
            (
                "paragraph",
                "<p>Russian peacekeepers left Armenia's neighbour, peskov said; "
                "Nikol Pashinyan replied.</p>",
            )
        ],
    )

    suggestions = actor_suggestions(story)

    assert [(s.actor, s.named_as) for s in suggestions] == [
        (kremlin, "Kremlin"),
        (peskov, "peskov"),
        (pashinyan, "Nikol Pashinyan"),
    ]


def test_actors_mentioned_in_the_text_are_not_suggested(site_tree):
    kremlin = ActorFactory(name="Kremlin")
    story = StoryPageFactory(
        parent=site_tree.news,
        body=[("paragraph", f'<p>The <a linktype="actor" id="{kremlin.pk}">Kremlin</a> said.</p>')],
    )

    assert actor_suggestions(story) == []


def test_the_edit_view_lists_suggestions_with_a_link_button(editor, site_tree):
    kremlin = ActorFactory(name="Kremlin")
    story = StoryPageFactory(
        parent=site_tree.news, body=[("paragraph", "<p>The Kremlin said nothing.</p>")]
    )

    page = soup_of(editor.get(f"/admin/pages/{story.pk}/edit/"))

    panel = page.select_one("[data-actor-suggestions]")
    assert "Kremlin" in text_of(panel)
    assert "named as “Kremlin”" in text_of(panel)
    button = panel.select_one("button[data-link-actor]")
    assert button["data-link-actor"] == str(kremlin.pk)
    assert text_of(button) == "Link Kremlin"


# --- From the text being edited, before any save -----------------------------------------

SUGGESTIONS_URL = "/admin/conflicts/actor-suggestions/"
AJAX = {"headers": {"X-Requested-With": "XMLHttpRequest"}}


def rich_text(*paragraphs, actor_mentions=()):
    """A rich-text block as Draftail posts it: its content state, mentions as entities."""
    entities = {
        str(n): {"type": "ACTOR", "mutability": "MUTABLE", "data": {"id": pk}}
        for n, pk in enumerate(actor_mentions)
    }
    blocks = [
        {
            "key": f"k{n}",
            "type": "unstyled",
            "depth": 0,
            "text": text,
            "inlineStyleRanges": [],
            "entityRanges": [],
            "data": {},
        }
        for n, text in enumerate(paragraphs)
    ]
    return json.dumps({"blocks": blocks, "entityMap": entities})


def edit_form_data(client, story) -> dict:
    """The story editor's form fields as the browser would post them, untouched."""
    form = soup_of(client.get(f"/admin/pages/{story.pk}/edit/")).select_one("#page-edit-form")
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        if field.name == "select":
            chosen = field.select_one("option[selected]")
            data[field["name"]] = chosen["value"] if chosen else ""
        elif field.name == "textarea":
            data[field["name"]] = field.get_text()
        elif field.get("type") not in ("checkbox", "radio", "submit") or field.has_attr("checked"):
            data.setdefault(field["name"], field.get("value", ""))
    return data


def with_body(data, *values) -> dict:
    """The form data with its body replaced by these rich-text blocks."""
    data = {key: value for key, value in data.items() if not key.startswith("body-")}
    data["body-count"] = str(len(values))
    for n, value in enumerate(values):
        data.update(
            {
                f"body-{n}-type": "paragraph",
                f"body-{n}-value": value,
                f"body-{n}-deleted": "",
                f"body-{n}-order": str(n),
                f"body-{n}-id": f"b{n}",
            }
        )
    return data


def with_key_actors(data, *actors, deleted=()) -> dict:
    """The form data with these key-actor rows (unsaved), those in deleted marked so."""
    data = {key: value for key, value in data.items() if not key.startswith("actor_links-")}
    data.update(
        {
            "actor_links-TOTAL_FORMS": str(len(actors)),
            "actor_links-INITIAL_FORMS": "0",
            "actor_links-MIN_NUM_FORMS": "0",
            "actor_links-MAX_NUM_FORMS": "1000",
        }
    )
    for n, actor in enumerate(actors):
        data.update(
            {
                f"actor_links-{n}-actor": str(actor.pk),
                f"actor_links-{n}-id": "",
                f"actor_links-{n}-ORDER": str(n + 1),
                f"actor_links-{n}-DELETE": "1" if actor in deleted else "",
            }
        )
    return data


def suggested(response) -> list[tuple[str, str]]:
    assert response.status_code == 200, response.content
    return [(s["name"], s["named_as"]) for s in response.json()["suggestions"]]


def test_an_unsaved_draft_gets_the_actors_its_text_names(editor, site_tree):
    """The saved story names no one; the editor types a headline and a paragraph naming
    Armenia, Russia, Peskov and Pashinyan, links Pashinyan in a new row and mentions Peskov:
    Armenia and Russia are suggested, in the order the text names them."""
    armenia = ActorFactory(name="Armenia")
    russia = ActorFactory(name="Russia", aliases="Russian Federation")
    peskov = ActorFactory(name="Dmitry Peskov", aliases="Peskov")
    pashinyan = ActorFactory(name="Nikol Pashinyan")
    ActorFactory(name="Azerbaijan")  # not named
    story = StoryPageFactory(parent=site_tree.news, title="Draft", body=[])
    panel = soup_of(editor.get(f"/admin/pages/{story.pk}/edit/")).select_one(
        "[data-actor-suggestions]"
    )
    assert "Every known actor named in the headline or text is linked." in text_of(panel)

    data = with_key_actors(
        with_body(
            edit_form_data(editor, story),
            rich_text(
                "The Russian Federation hands over; Peskov said so.", actor_mentions=[peskov.pk]
            ),
            rich_text("Nikol Pashinyan welcomed it."),
        ),
        pashinyan,
    )
    data["title"] = "Armenia removes Russian border guards"
    response = editor.post(SUGGESTIONS_URL, {**data, "page": story.pk}, **AJAX)

    assert suggested(response) == [("Armenia", "Armenia"), ("Russia", "Russian Federation")]
    html = soup_of_fragment(response.json()["html"])
    assert [text_of(b) for b in html.select("button[data-link-actor]")] == [
        "Link Armenia",
        "Link Russia",
    ]
    assert html.select_one("button[data-link-actor]")["data-link-actor"] == str(armenia.pk)
    assert russia.pk == response.json()["suggestions"][1]["id"]


def test_a_key_actor_row_marked_deleted_and_a_deleted_block_count_as_they_will_be_saved(
    editor, site_tree
):
    kremlin = ActorFactory(name="Kremlin")
    ActorFactory(name="Yerevan")
    story = StoryPageFactory(parent=site_tree.news, title="Draft", body=[])
    data = with_key_actors(
        with_body(
            edit_form_data(editor, story),
            rich_text("The Kremlin spoke."),
            rich_text("In Yerevan, nothing."),
        ),
        kremlin,
        deleted=[kremlin],
    )
    data["body-1-deleted"] = "1"

    response = editor.post(SUGGESTIONS_URL, {**data, "page": story.pk}, **AJAX)

    assert suggested(response) == [("Kremlin", "Kremlin")]


def test_a_story_not_yet_created_gets_suggestions_from_its_add_form(editor, site_tree):
    ActorFactory(name="Armenia")
    data = {
        "title": "Armenia votes",
        "body-count": "0",
        "parent": site_tree.news.pk,
        "model": "conflicts_testhost.StoryPage",
    }

    response = editor.post(SUGGESTIONS_URL, data, **AJAX)

    assert suggested(response) == [("Armenia", "Armenia")]


def test_the_queries_are_the_same_however_long_the_text(
    editor, site_tree, django_assert_num_queries
):
    for name in ("Armenia", "Russia", "Kremlin", "Yerevan", "Moscow", "Baku"):
        ActorFactory(name=name)
    story = StoryPageFactory(parent=site_tree.news, title="Draft", body=[])
    base = edit_form_data(editor, story)
    short = with_body(base, rich_text("Armenia."))
    names = "Armenia, Russia, Kremlin, Yerevan, Moscow and Baku. " * 10
    long = with_body(base, *[rich_text(names)] * 150)  # 78,000 characters, 150 blocks

    for data, expected in ((short, 1), (long, 6)):
        with django_assert_num_queries(5):  # session, user, profile, page, actors
            response = editor.post(SUGGESTIONS_URL, {**data, "page": story.pk}, **AJAX)
        assert len(suggested(response)) == expected


def test_a_text_over_the_limit_is_refused_with_a_reason(editor, site_tree):
    story = StoryPageFactory(parent=site_tree.news, body=[])
    data = with_body({}, rich_text("word " * (MAX_TEXT_CHARS // 5 + 1)))

    response = editor.post(SUGGESTIONS_URL, {**data, "page": story.pk}, **AJAX)

    assert response.status_code == 400
    assert response.json()["error"] == (
        "text: the headline and text are 100,005 characters long; suggestions read at most 100,000."
    )


def test_bad_story_fields_are_refused_naming_the_field(editor, site_tree):
    refused = [
        ({}, "page: say which story the text is from (page, or parent)."),
        ({"page": "9999"}, "page: there is no page 9999."),
        (
            {"parent": site_tree.news.pk, "model": "nope"},
            "model: say which page model the story is (app_label.model).",
        ),
        (
            {"parent": site_tree.news.pk, "model": "conflicts_testhost.SectionPage"},
            "model: this page links no actors.",
        ),
    ]
    for data, error in refused:
        response = editor.post(SUGGESTIONS_URL, data, **AJAX)
        assert (response.status_code, response.json()) == (400, {"error": error}), data


def test_only_those_who_may_edit_the_story_get_suggestions(client, site_tree, django_user_model):
    story = StoryPageFactory(parent=site_tree.news, body=[])
    outsider = django_user_model.objects.create_user("outsider", password="pw")  # no admin
    client.force_login(outsider)
    assert client.post(SUGGESTIONS_URL, {"page": story.pk}, **AJAX).status_code == 403

    admin_only = django_user_model.objects.create_user("admin-only", password="pw")
    moderators = Group.objects.create(name="Admin, no pages")
    moderators.permissions.add(Permission.objects.get(codename="access_admin"))
    admin_only.groups.add(moderators)
    client.force_login(admin_only)
    response = client.post(SUGGESTIONS_URL, {"page": story.pk}, **AJAX)
    assert (response.status_code, response.json()) == (
        403,
        {"error": "You may not edit this story."},
    )
    response = client.post(
        SUGGESTIONS_URL,
        {"parent": site_tree.news.pk, "model": "conflicts_testhost.StoryPage"},
        **AJAX,
    )
    assert (response.status_code, response.json()) == (
        403,
        {"error": "You may not add a story here."},
    )


def test_the_endpoint_takes_only_a_post_with_the_csrf_token(editor, site_tree):
    story = StoryPageFactory(parent=site_tree.news, body=[])
    assert editor.get(SUGGESTIONS_URL, {"page": story.pk}, **AJAX).status_code == 405
    editor.handler.enforce_csrf_checks = True
    assert editor.post(SUGGESTIONS_URL, {"page": story.pk}, **AJAX).status_code == 403


def test_the_panel_tells_its_script_where_to_ask_and_what_to_read(editor, site_tree):
    story = StoryPageFactory(parent=site_tree.news, body=[])

    edit = soup_of(editor.get(f"/admin/pages/{story.pk}/edit/")).select_one(
        "[data-actor-suggestions]"
    )
    add = soup_of(
        editor.get(f"/admin/pages/add/conflicts_testhost/storypage/{site_tree.news.pk}/")
    ).select_one("[data-actor-suggestions]")

    assert edit["data-suggestions-url"] == SUGGESTIONS_URL
    assert json.loads(edit["data-text-fields"]) == ["title", "body"]
    assert edit["data-page"] == str(story.pk)
    assert (add["data-parent"], add["data-model"]) == (
        str(site_tree.news.pk),
        "conflicts_testhost.StoryPage",
    )
