from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConflictsConfig(AppConfig):
    """Conflict explainers, actors and sourced claims, with a related-context sidebar."""

    name = "conflicts"
    verbose_name = _("Conflicts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from conflicts.purge import connect_purge_signals
        from conflicts.sidebar import scopes

        scopes.declare()
        connect_purge_signals()
