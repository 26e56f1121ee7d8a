"""Reader pages for actors and claims (explainers are Wagtail pages and serve themselves)."""

from django.shortcuts import get_object_or_404, render

from conflicts.models import Actor
from conflicts.profiles import actor_profile, claim_profile, live_claims


def actor_detail(request, slug):
    actor = get_object_or_404(Actor, slug=slug, live=True)
    return render(request, "conflicts/actor_detail.html", {"actor": actor, **actor_profile(actor)})


def claim_detail(request, slug):
    claim = get_object_or_404(live_claims().select_related("claimant", "conflict"), slug=slug)
    return render(request, "conflicts/claim_detail.html", {"claim": claim, **claim_profile(claim)})
