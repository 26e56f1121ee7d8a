"""The site header's navigation: the home page, its sections, the conflicts index and its
explainers, in the reader's language (from that language's home page), read from the page
tree in two queries and kept in the cache like the sites are.

Every reader page shows the header, so its links must cost no query once built: they are
kept in the default cache under one key (plain titles and addresses for each site and host:
one cache read per request), which any page (other than a story: stories are not in the
header), view restriction or Wagtail site saved or deleted drops once the change commits.
Without a shared cache (no REDIS_URL) another process's change reaches this one's copy
within NAVIGATION_CACHE_SECONDS, as with the cached sites (newsroom/sites.py).
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from caching.rules import reaches_readers
from conflicts.models import ConflictExplainerPage, ConflictIndexPage
from conflicts.models.related import RelatedContextMixin
from newsroom.languages import home_for_language
from newsroom.stories.models import SectionPage

NAVIGATION_KEY = "newsroom:navigation"  # {(site id, root page id, host, language): Navigation}
NAVIGATION_CACHE_SECONDS = 300
MAX_EXPLAINERS = 6  # the header names the first few; the conflicts index lists them all


@dataclass
class NavLink:
    title: str
    url: str


@dataclass
class Navigation:
    home: NavLink | None = None
    sections: list[NavLink] = field(default_factory=list)
    conflicts: NavLink | None = None
    explainers: list[NavLink] = field(default_factory=list)


def read_navigation(root, request) -> Navigation:
    """The live, public sections and conflicts index under the site's root page and the
    explainers under that index, in tree order: the view restrictions and the pages (2
    queries, however many there are)."""
    section_type, index_type, explainer_type = (
        ContentType.objects.get_for_model(model).pk
        for model in (SectionPage, ConflictIndexPage, ConflictExplainerPage)
    )
    pages = list(
        Page.objects.descendant_of(root)
        .filter(
            depth__lte=root.depth + 2, content_type__in=[section_type, index_type, explainer_type]
        )
        .live()
        .public()
        .only("title", "url_path", "path", "depth", "content_type")
        .order_by("path")
    )
    nav = Navigation(home=NavLink(root.title, root.get_url(request)))
    index = None
    for page in pages:
        link = NavLink(page.title, page.get_url(request))
        if page.depth == root.depth + 1 and page.content_type_id == section_type:
            nav.sections.append(link)
        elif page.depth == root.depth + 1 and page.content_type_id == index_type:
            if index is None:  # a site with several indexes names the first
                index, nav.conflicts = page, link
        elif (
            page.content_type_id == explainer_type
            and index is not None
            and page.path.startswith(index.path)
            and len(nav.explainers) < MAX_EXPLAINERS
        ):
            nav.explainers.append(link)
    return nav


def site_navigation(request) -> Navigation | None:
    """The request's site's navigation, from the cache when it holds it (no query), read once
    per request; None when the request has no site (an unknown host)."""
    if request is None:
        return None
    if not hasattr(request, "_site_navigation"):
        site = Site.find_for_request(request)
        request._site_navigation = None
        if site is not None:
            request._site_navigation = cached_navigation(site, request)
    return request._site_navigation


def cached_navigation(site, request) -> Navigation:
    """The site's navigation for the request's host and language (read from that language's
    home page: newsroom/languages.py), from the cache or, on a miss, read."""
    known = cache.get(NAVIGATION_KEY) or {}
    language = translation.get_language()
    key = (site.pk, site.root_page_id, request.get_host(), language)
    if key not in known:
        home = home_for_language(site, language) or site.root_page
        known = {**known, key: read_navigation(home, request)}
        cache.set(NAVIGATION_KEY, known, NAVIGATION_CACHE_SECONDS)
    return known[key]


def section_of(url: str, nav: Navigation | None) -> NavLink | None:
    """The section of the navigation a page's address lies in (a story's kicker), no query."""
    if not nav or not url:
        return None
    return next((s for s in nav.sections if s.url != "/" and url.startswith(s.url)), None)


def forget_navigation(sender, instance, created=False, update_fields=None, **kwargs) -> None:
    """post_save / post_delete: a page other than a story, a view restriction or a site
    changed in a way readers see; the header is read again once the change commits."""
    if isinstance(instance, Page) and isinstance(instance, RelatedContextMixin):
        return
    if not isinstance(instance, Page | PageViewRestriction | Site):
        return
    if not reaches_readers(instance, created, update_fields):
        return
    transaction.on_commit(lambda: cache.delete(NAVIGATION_KEY))


def connect() -> None:
    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(forget_navigation, dispatch_uid=f"forget_navigation_{name}")
