"""The partner API, version 1: articles and the withdrawn feed here, conflict data from the
plugin, the OpenAPI schema and its browsable docs (public, no key needed)."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from conflicts.api.urls import register as register_conflicts
from newsroom.partners.api import schema, views  # noqa: F401  (schema registers the key scheme)


class Router(DefaultRouter):
    include_root_view = False
    include_format_suffixes = False


router = Router()
router.register("articles", views.ArticleViewSet, basename="article")
register_conflicts(router)
router.register("withdrawn", views.WithdrawalViewSet, basename="withdrawn")

docs = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("docs/redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
]

app_name = "api"
urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/", include(docs)),
    re_path(r"", views.not_found),  # any other path under /api/: a JSON 404, not a page
]
