"""The admin login every browser test that edits uses: one editor, one way in."""

from django.contrib.auth import get_user_model

PASSWORD = "a-long-test-password"  # noqa: S105


def create_editor():
    return get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)


def log_in(page, base):
    page.goto(base + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")
