"""manage.py ensure_admin: make sure an admin login exists, and print how to use it."""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

# Where a generated password is kept (git-ignored var/) so later runs can print it again.
CREDENTIALS_FILE = Path(settings.BASE_DIR) / "var" / "admin-credentials.txt"


class Command(BaseCommand):
    help = "Create the admin login if missing (ADMIN_USERNAME / ADMIN_PASSWORD, else generated)."

    def handle(self, *args, **options):
        username = os.environ.get("ADMIN_USERNAME", "admin")
        password = os.environ.get("ADMIN_PASSWORD", "")
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        if user is None:
            password = password or secrets.token_urlsafe(12)
            user_model.objects.create_superuser(username, f"{username}@example.org", password)
            if "ADMIN_PASSWORD" not in os.environ:
                CREDENTIALS_FILE.parent.mkdir(parents=True, exist_ok=True)
                CREDENTIALS_FILE.write_text(f"{username}\n{password}\n", encoding="utf-8")
                CREDENTIALS_FILE.chmod(0o600)
        elif password:
            user.set_password(password)
            user.save(update_fields=["password"])
        elif CREDENTIALS_FILE.exists():
            stored_user, stored_password = CREDENTIALS_FILE.read_text(encoding="utf-8").split()[:2]
            password = stored_password if stored_user == username else ""
        shown = password or "(unchanged; set ADMIN_PASSWORD to reset it)"
        port = os.environ.get("PORT", "8000")
        self.stdout.write(
            f"Admin login: http://127.0.0.1:{port}/admin/  user: {username}  password: {shown}"
        )
