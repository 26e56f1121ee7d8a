"""The site's URLs plus Wagtail's API v2 at /api/v2/, for the benchmark's comparison only."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from newsroom.urls import urlpatterns as site_urlpatterns

wagtail_api = WagtailAPIRouter("wagtailapi")
wagtail_api.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [path("api/v2/", wagtail_api.urls), *site_urlpatterns]
