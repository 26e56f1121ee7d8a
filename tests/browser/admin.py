"""How browser tests get into the admin: as a member of one of the newsroom's roles
(newsroom/stories/roles.py), never as a superuser, and through the login form, one way in."""

import importlib

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PASSWORD = "a-long-test-password"  # noqa: S105


def restore_roles_and_workflow():
    """The roles and the fact-check workflow come from a data migration, which an earlier
    transactional test's flush wipes: run it again (it only adds what is missing). Run it
    after load_demo: the roles' page permissions are granted on the tree's root."""
    migration = importlib.import_module(
        "newsroom.stories.migrations.0002_roles_and_fact_check_workflow"
    )
    models_modules = {config.label: config.models_module for config in apps.get_app_configs()}
    try:
        migration.create_roles(apps, None)
    finally:  # the migration clears models_module, which real app configs need
        for config in apps.get_app_configs():
            config.models_module = models_modules[config.label]


def create_member(username, group_name):
    """A user whose only rights are those of the named group (roles.REPORTERS ...)."""
    group = Group.objects.filter(name=group_name).first()
    if group is None:
        raise LookupError(f'No group "{group_name}": call restore_roles_and_workflow() first.')
    user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.add(group)
    return user


def log_in(page, base, username):
    """Sign in on the admin's login form as a user create_member made, and land on the
    dashboard; a refused sign-in fails with what the form said."""
    page.goto(base + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    if "/admin/login/" in page.url:
        said = " ".join(page.get_by_role("status").all_inner_texts()).strip()
        raise AssertionError(f"{username} could not sign in to the admin: {said}")
    page.wait_for_url("**/admin/")


def open_admin_page(page, url):
    """Go to an admin page; if the admin sends the user elsewhere instead (Wagtail sends a
    user without the permission to the dashboard), fail with what it said."""
    page.goto(url)
    if page.url != url:
        said = " ".join(page.get_by_role("status").all_inner_texts()).strip()
        raise AssertionError(f"The admin did not open {url} but {page.url}: {said}")
