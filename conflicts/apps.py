from django.apps import AppConfig


class ConflictsConfig(AppConfig):
    """Conflict explainers, actors and sourced claims, with a related-context sidebar."""

    name = "conflicts"
    verbose_name = "Conflicts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from conflicts.purge import connect_purge_signals
        from conflicts.sidebar_cache import connect_signals

        connect_signals()
        connect_purge_signals()
