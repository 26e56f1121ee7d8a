"""A frontend-cache backend for tests: it records the URLs Wagtail asks it to purge."""

from wagtail.contrib.frontend_cache.backends.base import BaseBackend


class RecordingBackend(BaseBackend):
    """Configured in newsroom/settings/test.py; read through the `purged` fixture."""

    purged: list[str] = []  # noqa: RUF012  (shared by every instance on purpose)

    def purge(self, url) -> None:
        RecordingBackend.purged.append(url)
