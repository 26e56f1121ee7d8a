"""Each role can do what it should and cannot do what it should not."""

import pytest
from django.contrib.auth.models import Group

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
