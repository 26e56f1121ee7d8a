from django.apps import AppConfig


class CachingConfig(AppConfig):
    """Shared-cache generations and the rules that drop them; reader Cache-Control."""

    name = "caching"
    verbose_name = "Caching"

    def ready(self):
        from caching import rules

        rules.connect()
