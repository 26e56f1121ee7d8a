"""The plugin's API routes. A host registers them on its own router:

from conflicts.api.urls import register
register(router)
"""

from conflicts.api import views


def register(router) -> None:
    router.register("actors", views.ActorViewSet, basename="actor")
    router.register("claims", views.ClaimViewSet, basename="claim")
    router.register("sources", views.SourceViewSet, basename="source")
    router.register("explainers", views.ExplainerViewSet, basename="explainer")
