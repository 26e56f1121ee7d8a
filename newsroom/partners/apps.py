from django.apps import AppConfig


class PartnersConfig(AppConfig):
    """The partner API: partners, their keys, the API itself and its withdrawn feed."""

    name = "newsroom.partners"
    label = "partners"
    verbose_name = "Partner API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from newsroom.partners import withdrawals

        withdrawals.connect()
