"""Deleting an actor, claim or source that is in use is refused, and the refusal says what
uses it, with links, as Wagtail's usage report does (conflicts/uses.py)."""

from bs4 import BeautifulSoup
from django.urls import reverse

from conflicts.models import Actor
from tests.conflicts.factories import ActorFactory, ClaimFactory
from tests.conflicts.host.factories import StoryPageFactory


def uses_listed(response):
    page = BeautifulSoup(response.content, "html.parser")
    return [
        (item.get_text(" ", strip=True), item.a["href"] if item.a else None)
        for item in page.select("ul.conflicts-uses li")
    ]


def test_a_protected_actor_names_the_claim_and_story_that_use_it(editor, site_tree):
    actor = ActorFactory(name="Armenian Border Guard Service")
    claim = ClaimFactory(statement="The guards leave Zvartnots", claimant=actor)
    story = StoryPageFactory(
        parent=site_tree.news, title="Guards leave the airport", actors=[actor]
    )
    url = reverse("wagtailsnippets_conflicts_actor:delete", args=[actor.pk])

    response = editor.get(url)

    body = response.content.decode()
    assert "prevent it from being deleted" in body
    assert "Remove it from these first:" in body
    assert "Yes, delete" not in body
    assert sorted(uses_listed(response)) == sorted(
        [
            (
                "Claim: The guards leave Zvartnots",
                f"/admin/snippets/conflicts/claim/edit/{claim.pk}/",
            ),
            ("Story page: Guards leave the airport", f"/admin/pages/{story.pk}/edit/"),
        ]
    )
    assert editor.post(url).status_code == 302  # Wagtail refuses (PermissionDenied)
    assert Actor.objects.filter(pk=actor.pk).exists()


def test_many_uses_list_ten_then_say_how_many_more(editor, site_tree):
    actor = ActorFactory(name="The Kremlin")
    for n in range(13):
        StoryPageFactory(parent=site_tree.news, title=f"Story {n:02}", actors=[actor])
    url = reverse("wagtailsnippets_conflicts_claim:delete", args=[ClaimFactory(claimant=actor).pk])
    assert uses_listed(editor.get(url)) == []  # an unused claim lists nothing

    response = editor.get(reverse("wagtailsnippets_conflicts_actor:delete", args=[actor.pk]))

    listed = uses_listed(response)
    assert len(listed) == 10
    assert all(text.startswith("Story page: Story ") for text, _href in listed)
    assert "and 4 more" in response.content.decode()  # 13 stories and 1 claim use it


def test_a_claim_used_by_a_story_lists_it(editor, site_tree):
    claim = ClaimFactory(statement="Peskov confirmed the withdrawal")
    story = StoryPageFactory(parent=site_tree.news, title="Peacekeepers leave", claims=[claim])

    response = editor.get(reverse("wagtailsnippets_conflicts_claim:delete", args=[claim.pk]))

    assert uses_listed(response) == [
        ("Story page: Peacekeepers leave", f"/admin/pages/{story.pk}/edit/")
    ]
