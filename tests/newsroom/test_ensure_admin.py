"""make run's admin login: created once, printed, and never silently changed."""

import pytest
from django.core.management import call_command

from newsroom.management.commands import ensure_admin

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def credentials(tmp_path, monkeypatch):
    path = tmp_path / "admin-credentials.txt"
    monkeypatch.setattr(ensure_admin, "CREDENTIALS_FILE", path)
    monkeypatch.delenv("ADMIN_USERNAME", raising=False)
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    return path


def run(capsys) -> str:
    call_command("ensure_admin")
    return capsys.readouterr().out.strip()


def test_a_generated_password_is_printed_works_and_is_printed_again(client, capsys):
    first = run(capsys)
    password = first.split("password: ")[1]

    assert first.startswith("Admin login: http://127.0.0.1:8000/admin/  user: admin  password: ")
    assert client.login(username="admin", password=password)
    assert run(capsys) == first


def test_names_and_passwords_from_the_environment(client, capsys, monkeypatch, credentials):
    monkeypatch.setenv("ADMIN_USERNAME", "chief")
    monkeypatch.setenv("ADMIN_PASSWORD", "a-long-pass-phrase")

    output = run(capsys)

    assert output.endswith("user: chief  password: a-long-pass-phrase")
    assert client.login(username="chief", password="a-long-pass-phrase")
    assert not credentials.exists()


def test_an_existing_admin_keeps_its_password(client, capsys, django_user_model):
    django_user_model.objects.create_superuser("admin", "a@example.org", "kept-password")

    output = run(capsys)

    assert output.endswith("password: (unchanged; set ADMIN_PASSWORD to reset it)")
    assert client.login(username="admin", password="kept-password")
