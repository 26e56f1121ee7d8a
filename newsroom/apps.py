from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """The host site: home, sections, articles and authors."""

    name = "newsroom"
    verbose_name = "Newsroom"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from newsroom import purge, sites
        from newsroom.api import withdrawals

        withdrawals.connect()
        purge.connect()
        sites.connect()
