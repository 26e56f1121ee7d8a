"""The partner API, version 1: articles, corrections and the withdrawn feed here, conflict data
from the plugin, the OpenAPI schema and its browsable docs (public, no key needed).

The docs (Swagger UI) run under the site's Content-Security-Policy with nothing from another
origin: Swagger UI's files come from drf-spectacular-sidecar's static files, and its start-up
script from its own URL (the split view) rather than inline.
"""

from django.urls import include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from conflicts.api.urls import register as register_conflicts
from newsroom.partners.api import corrections, schema, views  # noqa: F401  (schema registers the key scheme)


class Router(DefaultRouter):
    include_root_view = False
    include_format_suffixes = False


router = Router()
router.register("articles", views.ArticleViewSet, basename="article")
register_conflicts(router)
router.register("withdrawn", views.WithdrawalViewSet, basename="withdrawn")
router.register("corrections", corrections.CorrectionViewSet, basename="correction")

docs = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    # Redoc is not served: its bundle always shows its logo from cdn.redoc.ly (an <img> no
    # setting removes) and searches in a worker made from a blob. Swagger UI shows the same.
    path(
        "docs/redoc/",
        RedirectView.as_view(pattern_name="api:docs", permanent=True),
        name="redoc",
    ),
]

app_name = "api"
urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/", include(docs)),
    re_path(r"", views.not_found),  # any other path under /api/: a JSON 404, not a page
]
