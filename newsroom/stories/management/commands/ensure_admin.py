"""manage.py ensure_admin: make sure an admin login exists, and print how to use it.

The username comes from ADMIN_USERNAME (default "admin"), the password from ADMIN_PASSWORD;
without one, a random password is generated once and kept in CREDENTIALS_FILE (in the
git-ignored var/ folder, readable by its owner only) so later runs can print it again. An
existing user keeps its password unless ADMIN_PASSWORD says otherwise.
"""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

# Where a generated password is kept so later runs can print it again (tests patch this).
CREDENTIALS_FILE = Path(settings.BASE_DIR) / "var" / "admin-credentials.txt"
UNCHANGED = "(unchanged; set ADMIN_PASSWORD to reset)"


def stored_password(username: str) -> str:
    """The generated password kept for username, or "" if none is kept for that user."""
    try:
        lines = CREDENTIALS_FILE.read_text(encoding="utf-8").splitlines()
    except OSError:
        return ""
    return lines[1] if len(lines) >= 2 and lines[0] == username else ""


def store_password(username: str, password: str) -> None:
    """Keep username and password in CREDENTIALS_FILE, readable and writable by its owner only."""
    CREDENTIALS_FILE.parent.mkdir(parents=True, exist_ok=True)
    # Created with mode 600 (never readable by others, not even for a moment).
    fd = os.open(CREDENTIALS_FILE, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(f"{username}\n{password}\n")
    CREDENTIALS_FILE.chmod(0o600)  # an older file may have had another mode


class Command(BaseCommand):
    help = (
        "Create the admin login if it is missing (ADMIN_USERNAME, default admin; ADMIN_PASSWORD, "
        "else a generated one kept in var/admin-credentials.txt) and print it."
    )

    def handle(self, *args, **options):
        username = os.environ.get("ADMIN_USERNAME", "").strip() or "admin"
        password = os.environ.get("ADMIN_PASSWORD", "")
        user_model = get_user_model()
        user = user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).first()
        if user is None:
            if not password:
                password = secrets.token_urlsafe(12)
                store_password(username, password)
            user_model._default_manager.create_superuser(username, "", password)
            shown = password
        elif password:
            if not user.check_password(password):
                user.set_password(password)
                user.save(update_fields=["password"])
            shown = password
        else:
            kept = stored_password(username)
            shown = kept if kept and user.check_password(kept) else UNCHANGED
        port = os.environ.get("PORT", "8000")
        self.stdout.write(
            f"Admin login: http://127.0.0.1:{port}/admin/  user: {username}  password: {shown}"
        )
