"""The site every page test starts from, for any host: a home page as the default site's
root, a section for stories and the plugin's conflict index."""

from dataclasses import dataclass

from django.conf import settings
from wagtail.models import Locale, Page, Site

from tests.conflicts.factories import ConflictIndexPageFactory


@dataclass
class SiteTree:
    home: object
    news: object
    conflicts: object


def build_site_tree(home_factory, section_factory) -> SiteTree:
    """Replace Wagtail's welcome page with the host's home page (home_factory), as a site's
    demo loader does, and put a News section and a Conflicts index under it. After
    a transactional test's flush (which wipes what Wagtail's migrations made), make the
    locale, the tree's root and the default site again."""
    root = Page.get_first_root_node()
    if root is None:
        Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    home = home_factory(parent=root, slug="home-page")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        old_root = site.root_page
        site.root_page = home
        site.save()
        old_root.delete()
    news = section_factory(parent=home, slug="news")
    conflicts = ConflictIndexPageFactory(parent=home, slug="conflicts")
    return SiteTree(home=home, news=news, conflicts=conflicts)
