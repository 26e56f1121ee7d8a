from django.apps import AppConfig


class PartnersConfig(AppConfig):
    """The partner API: partners, their keys, the API itself and its withdrawn feed, webhooks."""

    name = "newsroom.partners"
    label = "partners"
    verbose_name = "Partner API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from newsroom.partners import withdrawals
        from newsroom.partners.webhooks import receivers
        from newsroom.partners.webhooks.tasks import resend_stalled_deliveries
        from newsroom.worker.periodic import register_periodic

        withdrawals.connect()
        receivers.connect()
        # A delivery whose worker died mid-send, or that waits on a backend that cannot defer.
        register_periodic(
            "resend_stalled_deliveries", every_seconds=60, task=resend_stalled_deliveries
        )
