"""The sitemap's pages in every language, each with its editions as hreflang alternates.

Wagtail's page sitemap lists the pages under the site's root page only: with languages, the
Armenian and Russian homes are the root's translations beside it (Wagtail's i18n), so their
trees would be left out. This one lists the live, public pages under each live home, and
gives each entry an `<xhtml:link rel="alternate" hreflang=...>` for each of its editions
(itself included) and x-default (the English edition), as Google documents for sitemaps:
one more query for the editions of a sitemap page, however many entries it holds.
"""

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from newsroom.languages import live_homes
from newsroom.stories.translations import public_editions


class TranslatedPageSitemap(Sitemap):
    def items(self):
        site = self.get_wagtail_site()
        under_a_home = Q(path__startswith=site.root_page.path)
        for home in live_homes(site).values():
            under_a_home |= Q(path__startswith=home.path)
        return (
            Page.objects.filter(under_a_home)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        editions = public_editions(item.translation_key for item in items)
        urls, last_mods = [], set()
        for item in items:
            for url_info in item.get_sitemap_urls(self.request):
                url_info["alternates"] = self.alternates_of(item, editions)
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def alternates_of(self, item, editions) -> list[dict]:
        """The item's editions in the site's languages (none when it has only itself)."""
        found = editions.get(item.translation_key, {})
        if len(found) < 2:
            return []
        links = [
            {"lang_code": code, "location": found[code].get_full_url(self.request)}
            for code, _name in settings.LANGUAGES
            if code in found
        ]
        if settings.LANGUAGE_CODE in found:
            default = found[settings.LANGUAGE_CODE].get_full_url(self.request)
            links.append({"lang_code": "x-default", "location": default})
        return links
