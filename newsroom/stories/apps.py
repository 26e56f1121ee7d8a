from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """The host site: home, sections, articles and authors.

    The label stays "newsroom", the label of the app this was before the project held
    several: its tables, content types, permissions, migration history and the template
    names newsroom/<model>.html stay what they were.
    """

    name = "newsroom.stories"
    label = "newsroom"
    verbose_name = "Newsroom"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from newsroom import sites
        from newsroom.stories import purge

        purge.connect()
        # The project package has no app of its own: its cached sites are connected here.
        sites.connect()
