"""Public URLs of the plugin. Include them in the host: path("", include("conflicts.urls"))."""

from django.urls import path

from conflicts import views

app_name = "conflicts"

urlpatterns = [
    path("actors/", views.actor_index, name="actor_index"),
    path("claims/", views.claim_index, name="claim_index"),
    # Before claims/<slug>/: a claim cannot have the slug "verdicts".
    path("claims/verdicts/", views.methodology, name="methodology"),
    path("actors/<slug:slug>/", views.actor_detail, name="actor"),
    path("claims/<slug:slug>/", views.claim_detail, name="claim"),
    path("actors/<slug:slug>/card/", views.actor_card, name="actor_card"),
    path("claims/<slug:slug>/card/", views.claim_card, name="claim_card"),
]
