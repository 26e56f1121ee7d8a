from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The readers' site search and the PostgreSQL search backend it runs on."""

    name = "newsroom.search"
    label = "newsroom_search"
    verbose_name = "Newsroom search"
