from django.apps import AppConfig


class ConflictsTestHostConfig(AppConfig):
    """The test host's pages: a home, a section and a story that shows the plugin's sidebar."""

    name = "tests.conflicts.host"
    label = "conflicts_testhost"
    verbose_name = "Conflicts test host"
    default_auto_field = "django.db.models.BigAutoField"
