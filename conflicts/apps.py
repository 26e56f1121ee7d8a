from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConflictsConfig(AppConfig):
    """Conflict explainers, actors and sourced claims, with a related-context sidebar."""

    name = "conflicts"
    verbose_name = _("Conflicts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from conflicts import verdicts
        from conflicts.context_versions import connect_context_signals
        from conflicts.purge import connect_purge_signals
        from conflicts.sidebar import scopes, warm

        scopes.declare()
        verdicts.connect()  # first: a publish's purge then sees the verdict change it made
        connect_purge_signals()
        connect_context_signals()
        warm.connect()  # the worker warms the sidebars a change made cold
