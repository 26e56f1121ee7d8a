"""Reader pages for actors and claims (explainers are Wagtail pages and serve themselves)."""

from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, render

from caching.headers import reader_cache
from conflicts.models import Actor, Claim, VerdictChange
from conflicts.profiles import claim_profile
from conflicts.structured_data import actor_page_jsonld, claim_page_jsonld

# When the verdict readers see was given, in the claim's own query (see verdict_given_at).
LAST_VERDICT_CHANGE = Subquery(
    VerdictChange.objects.filter(claim=OuterRef("pk"))
    .order_by("-changed_at", "-pk")
    .values("changed_at")[:1]
)


@reader_cache
def actor_detail(request, slug):
    """The actor's page; its template asks for the profile ({% actor_profile_sections %})."""
    actor = get_object_or_404(Actor.objects.public(), slug=slug)
    context = {"actor": actor, "structured_data": actor_page_jsonld(actor, request)}
    return render(request, "conflicts/actor_detail.html", context)


@reader_cache
def claim_detail(request, slug):
    claims = Claim.objects.public().select_related("claimant", "conflict")
    claim = get_object_or_404(claims.annotate(verdict_given_at=LAST_VERDICT_CHANGE), slug=slug)
    context = {"claim": claim, **claim_profile(claim)}
    context["structured_data"] = claim_page_jsonld(claim, context["sources"], request)
    return render(request, "conflicts/claim_detail.html", context)


def _card(request, template, context):
    response = render(request, template, context)
    response["X-Robots-Tag"] = "noindex"  # a fragment for the mention, not a page to list
    return response


@reader_cache
def actor_card(request, slug):
    """The small card a mention of a live actor shows on hover or focus."""
    actor = get_object_or_404(Actor.objects.public(), slug=slug)
    return _card(request, "conflicts/cards/actor_card.html", {"actor": actor})


@reader_cache
def claim_card(request, slug):
    """The small card a reference to a live claim (by a live claimant) shows."""
    claim = get_object_or_404(Claim.objects.public().select_related("claimant"), slug=slug)
    return _card(request, "conflicts/cards/claim_card.html", {"claim": claim})
