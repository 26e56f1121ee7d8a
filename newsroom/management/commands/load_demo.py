"""manage.py load_demo: build the demo site and the story "Russian peacekeepers leave Karabakh"."""

from django.core.management.base import BaseCommand, CommandError

from conflicts.portable import DataError
from newsroom.demo.loader import DEMO_FILE, load_demo


class Command(BaseCommand):
    help = "Load the demo story and its context (idempotent: a second run changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(DEMO_FILE), help="The demo JSON file to load.")

    def handle(self, *args, **options):
        try:
            result = load_demo(options["file"])
        except DataError as error:
            raise CommandError(f"Nothing was loaded. Fix the demo file: {error}") from None

        def describe(counts):
            return ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()) if n) or "nothing"

        self.stdout.write(
            f"Demo loaded: created {describe(result['created'])}; "
            f"skipped (already there) {describe(result['skipped'])}."
        )
