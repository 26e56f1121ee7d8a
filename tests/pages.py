"""Reading pages as a reader does: parsed HTML and the text a person sees."""

from bs4 import BeautifulSoup


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(element) -> str:
    """An element's text as a reader sees it: whitespace collapsed."""
    return " ".join(element.get_text().split())


def get_page(client, url) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return soup_of(response)


def warm_site_caches() -> None:
    """Fill what a running site keeps cached after its first request: Wagtail's site root
    paths, the newsroom's list of sites (newsroom/sites.py) and each site's home page in
    every language (newsroom/languages.py), so a test counts the queries of any later request."""
    from wagtail.models import Site

    from newsroom.languages import live_homes
    from newsroom.sites import cached_sites

    Site.get_site_root_paths()
    for site in cached_sites():
        live_homes(site)


def read_cold_then_warm(client, settings, url, read):
    """tests/conflicts/pages.py's, with the newsroom's site caches warmed first."""
    from tests.conflicts.pages import read_cold_then_warm as read_with

    return read_with(client, settings, url, read, warm=warm_site_caches)
