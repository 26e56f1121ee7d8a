"""manage.py conflicts_export [--output FILE]: every actor, source, explainer and claim as
portable JSON (conflicts/portable.py), for backups and moving data between sites."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from conflicts.portable import dump_conflict_data


class Command(BaseCommand):
    help = _(
        "Write all actors, sources, explainers (with timelines) and claims as portable JSON. "
        'Drafts never published are included from their latest revision, with "live": false.'
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help=_("The file to write (default: standard output)."))

    def handle(self, *args, **options):
        data = dump_conflict_data()
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        if not options["output"]:
            sys.stdout.write(text)
            return
        try:
            with open(options["output"], "w", encoding="utf-8") as file:
                file.write(text)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(reason)s")
                % {"file": options["output"], "reason": error.strerror}
            ) from None
        counts = ", ".join(f"{len(data[key])} {key}" for key in data if key != "format")
        self.stderr.write(
            _("Exported %(counts)s to %(file)s.") % {"counts": counts, "file": options["output"]}
        )
