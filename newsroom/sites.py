"""Finding the request's Wagtail site in the shared cache instead of a query per request.

Wagtail looks the site up with an annotated query on every request: about a fifth of the
time of a story page served without the page cache. The sites are few and rarely change, so
they are kept in the cache as one list, each with its root page as its specific type (so
routing from the home page needs no query for it either); the request's site is picked from
it with Wagtail's own rules (`site_for_host` below, held equal to Wagtail's by
tests/newsroom/test_sites.py), and the list is dropped whenever a site or a site's root page
is saved or deleted. Without a shared cache (no REDIS_URL) each worker keeps its copy for
at most SITES_CACHE_SECONDS.
"""

from django.core.cache import cache
from django.db import DatabaseError
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Page, Site

SITES_KEY = "newsroom:sites"
SITES_CACHE_SECONDS = 300


def cached_sites() -> list[Site]:
    """Every site with its root page as its specific type (the home page Wagtail routes from),
    from the cache or, on a miss, two queries."""
    sites = cache.get(SITES_KEY)
    if sites is None:
        sites = list(Site.objects.all())
        roots = Page.objects.filter(pk__in={site.root_page_id for site in sites}).specific()
        roots = {page.pk: page for page in roots}
        for site in sites:
            site.root_page = roots[site.root_page_id]
        cache.set(SITES_KEY, sites, SITES_CACHE_SECONDS)
    return sites


def site_for_host(sites: list[Site], hostname: str, port: int) -> Site | None:
    """The site Wagtail's get_site_for_hostname picks for hostname and port, or None.

    In Wagtail's order: the site with this hostname and port; the default site if it has
    this hostname; the only site with this hostname; the default site.
    """
    named = [site for site in sites if site.hostname == hostname]
    default = next((site for site in sites if site.is_default_site), None)
    exact = next((site for site in named if site.port == port), None)
    if exact is not None:
        return exact
    if default is not None and default.hostname == hostname:
        return default
    if len(named) == 1:
        return named[0]
    return default


class CachedSiteMiddleware:
    """Sets the request's site (where Site.find_for_request keeps it) from the cached list."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Wagtail reads the raw host too: the site is chosen before ALLOWED_HOSTS is checked.
        hostname = split_domain_port(request._get_raw_host())[0]
        try:
            port = int(request.get_port())
        except ValueError:
            port = None
        try:
            sites = cached_sites()
        except DatabaseError:
            # Left to Wagtail's own lookup inside the view, where a database outage becomes
            # the 503 page (newsroom/unavailable.py), not a 500 from a middleware.
            return self.get_response(request)
        request._wagtail_site = site_for_host(sites, hostname, port)
        return self.get_response(request)


def forget_sites(sender, **kwargs) -> None:
    """Signal receiver: a site was saved or deleted."""
    cache.delete(SITES_KEY)


def forget_sites_if_root(sender, instance, **kwargs) -> None:
    """Signal receiver: any model saved or deleted; acts when it is a site's root page."""
    if isinstance(instance, Page):
        roots = {site.root_page_id for site in cache.get(SITES_KEY) or []}
        if instance.pk in roots:
            cache.delete(SITES_KEY)


def connect() -> None:
    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(forget_sites, sender=Site, dispatch_uid=f"forget_sites_{name}")
        signal.connect(forget_sites_if_root, dispatch_uid=f"forget_sites_root_{name}")
