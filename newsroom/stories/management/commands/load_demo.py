"""manage.py load_demo: build the demo site and the story "Russian peacekeepers leave Karabakh"."""

from django.core.management.base import BaseCommand, CommandError

from conflicts.portable import DataError
from newsroom.stories.demo.loader import DEMO_FILE, load_demo, summary


class Command(BaseCommand):
    help = (
        "Load the demo site, the story and its context from a JSON file, through the models "
        "(idempotent: what exists is left as it is; atomic: a bad file changes nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", default=str(DEMO_FILE), help=f"The JSON file to load (default {DEMO_FILE})."
        )

    def handle(self, *args, **options):
        try:
            result = load_demo(options["file"])
        except DataError as error:
            raise CommandError(
                f"Nothing was loaded. Fix {options['file']}: {error}", returncode=1
            ) from None
        if options["verbosity"]:
            self.stdout.write(f"Demo loaded: {summary(result)}.")
