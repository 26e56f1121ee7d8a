"""Counting what a test host's page costs with its caches warm (tests/pages.py reads pages:
get_page, soup_of, text_of)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site


def warm_site_caches() -> None:
    """Fill what a running site keeps cached after its first request (Wagtail's site root
    paths), so a test counts the queries of any later request."""
    Site.get_site_root_paths()


def read_cold_then_warm(client, settings, url, read, warm=warm_site_caches):
    """What read() shows and the queries it costs on `url` with the sidebar cache empty, then
    again with it full: [(shown, queries), (shown, queries)]. The site's own caches are
    filled first (warm(), then a request with the sidebar cache off), so the difference is
    the sidebar cache's alone."""
    seconds = settings.CONFLICTS_SIDEBAR_CACHE_SECONDS
    settings.CONFLICTS_SIDEBAR_CACHE_SECONDS = 0
    warm()
    client.get(url)
    settings.CONFLICTS_SIDEBAR_CACHE_SECONDS = seconds
    readings = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            shown = read()
        readings.append((shown, len(queries)))
    return readings
