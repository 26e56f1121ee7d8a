"""manage.py load_demo: build the demo site and the story "Russian peacekeepers leave Karabakh"."""

from django.core.management.base import BaseCommand, CommandError

from conflicts.portable import DataError
from newsroom.stories.demo.loader import DEMO_FILE, host_and_port, load_demo, summary


class Command(BaseCommand):
    help = (
        "Load the demo site, the story and its context from a JSON file, through the models "
        "(idempotent: what exists is left as it is; atomic: a bad file changes nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", default=str(DEMO_FILE), help=f"The JSON file to load (default {DEMO_FILE})."
        )
        parser.add_argument(
            "--address",
            default="",
            help="host:port the site is served on (make run: 127.0.0.1:$PORT): the default "
            "site's hostname and port, which Wagtail's absolute URLs are made from.",
        )

    def handle(self, *args, **options):
        if options["address"]:
            try:
                host_and_port(options["address"])
            except ValueError as error:
                raise CommandError(f"--address: {error}. Nothing was loaded.") from None
        try:
            result = load_demo(options["file"], address=options["address"])
        except DataError as error:
            raise CommandError(
                f"Nothing was loaded. Fix {options['file']}: {error}", returncode=1
            ) from None
        if options["verbosity"]:
            self.stdout.write(f"Demo loaded: {summary(result)}.")
