"""manage.py conflicts_import FILE [--parent PAGE]: load portable JSON (conflicts_export's or
the demo file's conflict sections) into this site, through the models."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from conflicts.portable import DataError, load_conflict_data
from conflicts.portable.files import read_portable_file, resolve_explainer_parent


class Command(BaseCommand):
    help = _(
        "Load actors, sources, explainers and claims from a portable JSON file. What exists "
        "(same slug or source URL) is left as it is; a bad file changes nothing and names the "
        "object and field."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("The JSON file to load."))
        parser.add_argument(
            "--parent",
            help=_(
                "The conflict index page to put explainers under: its id or its path "
                "(e.g. /conflicts/). Needed only if the site has more than one."
            ),
        )

    def handle(self, *args, **options):
        try:
            parent = resolve_explainer_parent(options["parent"])
            data = read_portable_file(options["file"])
            result = load_conflict_data(data, explainer_parent=parent)
        except DataError as error:
            raise CommandError(
                _("Nothing was imported. %(file)s: %(error)s")
                % {"file": options["file"], "error": error},
                returncode=1,
            ) from None
        created = ", ".join(f"{n} {k}" for k, n in result["created"].items() if n) or _("nothing")
        skipped = ", ".join(f"{n} {k}" for k, n in result["skipped"].items() if n)
        if skipped:
            message = _("Imported %(created)s; skipped %(skipped)s (already there).")
        else:
            message = _("Imported %(created)s.")
        self.stdout.write(message % {"created": created, "skipped": skipped})
