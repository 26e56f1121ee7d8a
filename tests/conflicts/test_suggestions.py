"""Suggestions: actors a story names but does not link yet, on the story's edit view."""

from conflicts.suggestions import actor_suggestions
from tests.conflicts.factories import ActorFactory
from tests.conflicts.host.factories import StoryPageFactory
from tests.pages import soup_of, text_of


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
