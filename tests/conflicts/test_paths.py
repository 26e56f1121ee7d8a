"""Actor and claim paths are remembered per slug, and still follow a renamed slug."""

from django.urls import reverse, set_script_prefix

from conflicts.paths import public_path
from tests.conflicts.factories import ActorFactory


def test_a_remembered_path_is_what_reverse_gives_and_follows_the_slug(db):
    actor = ActorFactory(name="Dmitry Peskov", slug="dmitry-peskov")
    assert actor.get_absolute_url() == reverse("conflicts:actor", kwargs={"slug": "dmitry-peskov"})
    actor.slug = "peskov"
    assert actor.get_absolute_url() == reverse("conflicts:actor", kwargs={"slug": "peskov"})


def test_a_script_prefix_is_part_of_the_path(db):
    set_script_prefix("/news/")
    try:
        assert public_path("conflicts:actor", "peskov") == "/news/actors/peskov/"
    finally:
        set_script_prefix("/")
    assert public_path("conflicts:actor", "peskov") == "/actors/peskov/"
