"""What conflicts_import needs around the loader: reading the file, finding the explainers'
parent page. Both raise DataError with a message for the person at the terminal."""

import json
from pathlib import Path

from django.utils.translation import gettext as _

from conflicts.models import ConflictIndexPage
from conflicts.portable.rules import DataError


def read_portable_file(path) -> dict:
    """The file's JSON object; DataError if it is missing, unreadable or not one object."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(_("no such file")) from None
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or error
        raise DataError(_("cannot be read (%(reason)s)") % {"reason": reason}) from None
    except json.JSONDecodeError as error:
        raise DataError(_("not valid JSON (%(error)s)") % {"error": error}) from None
    if not isinstance(data, dict):
        raise DataError(_("expected one JSON object with keys, found a list or a value"))
    return data


def resolve_explainer_parent(given: str | None) -> ConflictIndexPage:
    """The conflict index page given by id or path, or the site's only one if none is given."""
    indexes = ConflictIndexPage.objects.order_by("path")
    if not given:
        found = list(indexes[:2])
        if len(found) == 1:
            return found[0]
        if not found:
            raise DataError(_("--parent: the site has no conflict index page: add one"))
        pages = ", ".join(f"{p.pk} ({p.url_path})" for p in indexes)
        raise DataError(_("--parent: give one of %(pages)s") % {"pages": pages})
    if given.isascii() and given.isdigit():
        page = indexes.filter(pk=int(given)).first() if len(given) < 19 else None
    else:
        path = "/" + given.strip("/") + "/"
        page = next((p for p in indexes if _site_path(p) == path or p.url_path == path), None)
    if page is None:
        raise DataError(
            _('--parent: no conflict index page with the id or path "%(given)s"') % {"given": given}
        )
    return page


def _site_path(page) -> str:
    parts = page.get_url_parts()
    return parts[2] if parts else ""
