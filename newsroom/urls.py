"""The site's addresses. Readers' pages come in each language: English unprefixed (the
addresses links and search engines already know), Armenian under /hy/, Russian under /ru/
(i18n_patterns; README, "Languages"). The admin, the API, documents, the sitemap, robots.txt
and the icon have one address each, outside any language."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from caching.headers import reader_cache
from conflicts.sitemaps import ActorSitemap, ClaimSitemap, ReaderIndexSitemap
from newsroom import languages
from newsroom.search.views import search_view
from newsroom.stories.sitemaps import TranslatedPageSitemap
from newsroom.stories.tags import tag_page
from newsroom.stories.views import favicon_ico, robots_txt

# Live, public pages (each with its translations as alternates), then the plugin's actor and
# claim pages (snippets, not in the tree).
SITEMAPS = {
    "pages": TranslatedPageSitemap,
    "actors": ActorSitemap,
    "claims": ClaimSitemap,
    "indexes": ReaderIndexSitemap,  # the claims and actors lists, how we rate claims
}

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", include("newsroom.partners.api.urls")),
    path("sitemap.xml", reader_cache(sitemap), {"sitemaps": SITEMAPS}),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon_ico, name="favicon_ico"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", search_view, name="search"),
    # \w: taggit gives a tag in Armenian or Russian a slug in its own letters ("лачин")
    re_path(r"^tags/(?P<slug>[-\w]+)/$", tag_page, name="tag"),
    path("feeds/", include("newsroom.stories.feed_urls")),
    path("", include("conflicts.urls")),
    # Wagtail's own (password and login forms, then every page), pages routed from the
    # home page in the address's language (newsroom/languages.py).
    *wagtail_urls.urlpatterns[:-1],
    re_path(wagtail_urls.serve_pattern, languages.serve, name="wagtail_serve"),
    prefix_default_language=False,
)
