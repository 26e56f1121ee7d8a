"""The one owner of shared caching: generations, what drops them, and reader Cache-Control.

Every app that keeps something in the shared cache (the plugin's sidebars, the host's story
rows, search rankings, API answers) keeps it here, under the generations of named *scopes*
(`generations.py`), and every app declares which of its models drop which scopes when they
change (`rules.py`, from its AppConfig.ready). A change starts new generations once its
transaction commits, so no reader sees something older than the last change.

`headers.py` is the reader pages' Cache-Control policy; `middleware.py` the no-store default
for any other HTML.
"""
