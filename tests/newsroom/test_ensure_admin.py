"""make run's admin login: created once, printed every time, never silently changed."""

import stat

import pytest
from django.core.management import call_command

from newsroom.stories.management.commands import ensure_admin

pytestmark = pytest.mark.django_db

LOGIN = "Admin login: http://127.0.0.1:8000/admin/  user: "


@pytest.fixture(autouse=True)
def credentials(tmp_path, monkeypatch):
    """The credentials file, in a var/ folder that does not exist yet."""
    path = tmp_path / "var" / "admin-credentials.txt"
    monkeypatch.setattr(ensure_admin, "CREDENTIALS_FILE", path)
    for name in ("ADMIN_USERNAME", "ADMIN_PASSWORD", "PORT"):
        monkeypatch.delenv(name, raising=False)
    return path


def run(capsys) -> str:
    call_command("ensure_admin")
    return capsys.readouterr().out.strip()


def test_a_generated_password_logs_in_to_the_admin_and_is_printed_again(
    client, capsys, credentials, django_user_model
):
    first = run(capsys)
    password = first.removeprefix(f"{LOGIN}admin  password: ")

    assert first.startswith(f"{LOGIN}admin  password: ") and len(password) >= 16
    assert client.login(username="admin", password=password)
    assert client.get("/admin/").status_code == 200
    assert credentials.read_text() == f"admin\n{password}\n"
    assert stat.S_IMODE(credentials.stat().st_mode) == 0o600
    hashed = django_user_model.objects.get(username="admin").password

    assert run(capsys) == first
    assert django_user_model.objects.get(username="admin").password == hashed
    assert django_user_model.objects.count() == 1


def test_the_name_and_password_come_from_the_environment(
    client, capsys, monkeypatch, credentials, django_user_model
):
    monkeypatch.setenv("ADMIN_USERNAME", "chief")
    monkeypatch.setenv("ADMIN_PASSWORD", "a-long-pass-phrase")

    output = run(capsys)
    hashed = django_user_model.objects.get(username="chief").password
    run(capsys)

    assert output == f"{LOGIN}chief  password: a-long-pass-phrase"
    assert client.login(username="chief", password="a-long-pass-phrase")
    user = django_user_model.objects.get(username="chief")
    assert user.is_superuser and user.is_staff and user.password == hashed
    assert not django_user_model.objects.filter(username="admin").exists()
    assert not credentials.exists()  # a password the operator chose is not written down


def test_an_existing_admin_keeps_its_password(client, capsys, django_user_model):
    django_user_model.objects.create_superuser("admin", "a@example.org", "kept-password")

    output = run(capsys)

    assert output == f"{LOGIN}admin  password: (unchanged; set ADMIN_PASSWORD to reset)"
    assert client.login(username="admin", password="kept-password")


def test_admin_password_resets_an_existing_admin(client, capsys, monkeypatch, django_user_model):
    django_user_model.objects.create_superuser("admin", "a@example.org", "old-password")
    monkeypatch.setenv("ADMIN_PASSWORD", "new-pass-phrase")

    assert run(capsys).endswith("password: new-pass-phrase")
    assert client.login(username="admin", password="new-pass-phrase")
    assert not client.login(username="admin", password="old-password")


def test_a_stale_stored_password_is_not_printed(capsys, credentials, django_user_model):
    generated = run(capsys).rsplit(" ", 1)[1]
    user = django_user_model.objects.get(username="admin")
    user.set_password("changed-in-the-admin")
    user.save()

    output = run(capsys)

    assert generated not in output
    assert output.endswith("password: (unchanged; set ADMIN_PASSWORD to reset)")
