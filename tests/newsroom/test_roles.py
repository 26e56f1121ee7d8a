"""Each role can do what it should and cannot do what it should not."""

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission

from newsroom.stories import roles
from tests.factories import ArticlePageFactory


@pytest.fixture
def member(django_user_model):
    def make(group_name):
        user = django_user_model.objects.create_user(group_name.lower(), password="pw")
        user.groups.add(Group.objects.get(name=group_name))
        return django_user_model.objects.get(pk=user.pk)  # fresh permission cache

    return make


def test_reporters_draft_and_submit_but_do_not_publish(site_tree, member):
    reporter = member(roles.REPORTERS)
    story = ArticlePageFactory(parent=site_tree.news, live=False)
    perms = story.permissions_for_user(reporter)

    assert site_tree.news.permissions_for_user(reporter).can_add_subpage()
    assert perms.can_edit()
    assert not perms.can_publish()
    assert reporter.has_perm("conflicts.add_claim")
    assert not reporter.has_perm("conflicts.publish_claim")
    assert not reporter.has_perm("conflicts.delete_actor")


def test_fact_checkers_edit_and_publish_claims_but_not_stories(site_tree, member):
    checker = member(roles.FACT_CHECKERS)
    story = ArticlePageFactory(parent=site_tree.news, live=False)

    assert checker.has_perm("conflicts.change_claim")
    assert checker.has_perm("conflicts.publish_claim")
    assert checker.has_perm("conflicts.change_source")
    assert not story.permissions_for_user(checker).can_publish()
    assert not site_tree.news.permissions_for_user(checker).can_add_subpage()
    assert not checker.has_perm("conflicts.delete_claim")


def test_editors_publish_stories_and_claims(site_tree, member):
    editor = member(roles.EDITORS)
    story = ArticlePageFactory(parent=site_tree.news, live=False)

    assert story.permissions_for_user(editor).can_publish()
    assert editor.has_perm("conflicts.publish_claim")
    assert editor.has_perm("conflicts.delete_source")


def test_every_role_can_reach_the_admin(member, client):
    for name in (roles.REPORTERS, roles.FACT_CHECKERS, roles.EDITORS):
        client.force_login(member(name))
        assert client.get("/admin/").status_code == 200


# --- Images: per collection, as Wagtail checks them ---------------------------------------


def png(name="border-guards.png"):
    """A real, small PNG, as a reporter's upload."""
    data = io.BytesIO()
    PillowImage.new("RGB", (12, 8), (200, 30, 30)).save(data, "PNG")
    return SimpleUploadedFile(name, data.getvalue(), content_type="image/png")


def test_the_migration_gives_each_role_its_rights_on_newsroom_images(db):
    collection = Collection.objects.get(name=roles.IMAGE_COLLECTION)
    rows = GroupCollectionPermission.objects.filter(collection=collection)

    assert collection.get_parent() == Collection.get_first_root_node()
    assert {
        group: sorted(rows.filter(group__name=group).values_list("permission__codename", flat=True))
        for group in (roles.REPORTERS, roles.FACT_CHECKERS, roles.EDITORS)
    } == {
        roles.REPORTERS: ["add_image", "choose_image"],
        roles.FACT_CHECKERS: ["choose_image"],
        roles.EDITORS: ["add_image", "change_image", "choose_image"],
    }


def test_a_reporter_uploads_an_image_into_newsroom_images(site_tree, member, client):
    reporter = member(roles.REPORTERS)
    client.force_login(reporter)
    add_url = reverse("wagtailimages:add")

    form = client.get(add_url)
    assert form.status_code == 200
    # One collection to add to: the form does not offer a choice (Root would be refused).
    assert BeautifulSoup(form.content, "html.parser").select('[name="collection"]') == []

    response = client.post(add_url, {"title": "Border guards at Zvartnots", "file": png()})

    assert response.status_code == 302, response.content.decode()[:2000]
    image = get_image_model().objects.get(title="Border guards at Zvartnots")
    assert image.collection.name == roles.IMAGE_COLLECTION
    assert image.uploaded_by_user == reporter
    assert (image.width, image.height) == (12, 8)
    messages = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    assert "Image 'Border guards at Zvartnots' added." in messages.get_text(" ", strip=True)
    chooser = client.get(reverse("wagtailimages_chooser:choose"))
    assert "Border guards at Zvartnots" in chooser.content.decode()


def test_a_fact_checker_chooses_images_but_may_not_upload(site_tree, member, client):
    checker = member(roles.FACT_CHECKERS)
    client.force_login(checker)

    response = client.post(reverse("wagtailimages:add"), {"title": "Not mine", "file": png()})

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert not get_image_model().objects.filter(title="Not mine").exists()
    assert client.get(reverse("wagtailimages_chooser:choose")).status_code == 200
