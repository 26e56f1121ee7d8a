"""Create an API key for a partner (the partner too, if new) and print the key once."""

from django.core.management.base import BaseCommand, CommandError

from newsroom.partners.models import Partner, PartnerAPIKey


class Command(BaseCommand):
    help = (
        "Create an API key for the partner NAME (creating the partner if needed) and print it "
        "once: only its hash is stored."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help='The partner, e.g. "CIVILNET".')
        parser.add_argument(
            "--key-name", default="", help="What this key is for (default: the partner's name)."
        )

    def handle(self, *args, name, key_name, **options):
        name = name.strip()
        if not name:
            raise CommandError("Give the partner's name, e.g. create_partner_key CIVILNET.")
        partner, created = Partner.objects.get_or_create(name=name)
        if not partner.active:
            raise CommandError(f"{partner} is suspended: reactivate it in the admin first.")
        _, key = PartnerAPIKey.objects.create_key(partner=partner, name=(key_name or name)[:50])
        if created:
            self.stderr.write(f"Created the partner {partner}.")
        self.stderr.write(
            f"API key for {partner} (shown once; only its hash is stored; send it safely):"
        )
        self.stdout.write(key)
