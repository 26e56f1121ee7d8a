from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from caching.headers import reader_cache
from conflicts.sitemaps import ActorSitemap, ClaimSitemap
from newsroom.search.views import search_view
from newsroom.stories.tags import tag_page
from newsroom.stories.views import favicon_ico, robots_txt

# Live, public pages, then the plugin's actor and claim pages (snippets, not in the tree).
SITEMAPS = {"pages": PageSitemap, "actors": ActorSitemap, "claims": ClaimSitemap}

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", include("newsroom.partners.api.urls")),
    path("search/", search_view, name="search"),
    path("tags/<slug:slug>/", tag_page, name="tag"),
    path("feeds/", include("newsroom.stories.feed_urls")),
    path("sitemap.xml", reader_cache(sitemap), {"sitemaps": SITEMAPS}),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon_ico, name="favicon_ico"),
    path("", include("conflicts.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
