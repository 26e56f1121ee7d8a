"""WSGI entry point (gunicorn newsroom.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")
# Web requests give up on a statement after 10 s (a 503) unless told otherwise; management
# commands do not import this module and keep no limit (newsroom/settings/production.py).
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "10s")

application = get_wsgi_application()
