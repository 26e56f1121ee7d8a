"""Reader pages for actors and claims (explainers are Wagtail pages and serve themselves):
each one's page, the lists of them and the page that says how we rate claims."""

from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, render

from caching.headers import reader_cache, set_reader_cache_headers
from conflicts.indexes import (
    CLAIMS_PER_PAGE,
    actors_by_kind,
    claim_filters,
    claim_rows,
    filtered_claims,
    page_of,
)
from conflicts.languages import active_language
from conflicts.methodology import verdict_scale
from conflicts.models import Actor, Claim, VerdictChange
from conflicts.page_words import actor_into_language, claim_page_objects, put_into_language
from conflicts.profiles import claim_profile
from conflicts.structured_data import actor_page_jsonld, claim_page_jsonld

_LAST_CHANGE = VerdictChange.objects.filter(claim=OuterRef("pk")).order_by("-changed_at", "-pk")
# When the verdict readers see was given, in the claim's own query (see verdict_given_at),
# and the verdict it replaced (blank: none, or never changed).
LAST_VERDICT_CHANGE = Subquery(_LAST_CHANGE.values("changed_at")[:1])
PREVIOUS_VERDICT = Subquery(_LAST_CHANGE.values("old_verdict")[:1])


@reader_cache
def actor_detail(request, slug):
    """The actor's page in the reader's language; its template asks for the profile
    ({% actor_profile_sections %})."""
    actor = get_object_or_404(Actor.objects.public(), slug=slug)
    language = active_language()
    actor_into_language(actor, language)
    context = {
        "actor": actor,
        "structured_data": actor_page_jsonld(actor, request),
        "in_language": {"language": language},  # what a word's lang is compared with
    }
    return render(request, "conflicts/actor_detail.html", context)


@reader_cache
def claim_detail(request, slug):
    """The claim's page in the reader's language: its words, its claimant's, its sources'
    titles and its related claims' (the verdict is a fact, its label from the catalogue)."""
    claims = Claim.objects.public().select_related("claimant", "conflict")
    claims = claims.annotate(
        verdict_given_at=LAST_VERDICT_CHANGE, previous_verdict=PREVIOUS_VERDICT
    )
    claim = get_object_or_404(claims, slug=slug)
    context = {"claim": claim, **claim_profile(claim)}
    language = active_language()
    put_into_language(
        claim_page_objects(
            claim, context["sources"], context["relations"], context["inbound_relations"]
        ),
        language,
    )
    context["in_language"] = {"language": language}
    context["structured_data"] = claim_page_jsonld(claim, context["sources"], request)
    return render(request, "conflicts/claim_detail.html", context)


def claim_index(request):
    """Public claims, newest first, filtered by verdict, claimant and conflict (?verdict=,
    ?actor=, ?conflict=, a plain GET form) and paginated. A filter that names nothing we
    list answers 400 with the form and a message naming it.

    Only the unfiltered first page may be kept by shared caches: it is the one the purge
    names (conflicts/purge.py); filtered and numbered pages are not kept (as search results
    are not), so none shows a claim after it is unpublished or with its old verdict."""
    filters = claim_filters(request.GET)
    if filters.error:
        context = {"filters": filters, "error": filters.error}
        response = render(request, "conflicts/claim_index.html", context, status=400)
        return set_reader_cache_headers(request, response)
    claims = page_of(filtered_claims(filters), request.GET.get("page"), CLAIMS_PER_PAGE)
    context = {
        "filters": filters,
        "claims": claims,
        "rows": claim_rows(claims, filters.conflicts),
        "page_query": filters.query(),
    }
    response = render(request, "conflicts/claim_index.html", context)
    return set_reader_cache_headers(request, response, public=not request.GET)


def actor_index(request):
    """Public actors, alphabetical, grouped by kind. Only the bare address may be kept by
    shared caches (the one the purge names); any query string makes a copy no one purges."""
    context = {"groups": actors_by_kind()}
    response = render(request, "conflicts/actor_index.html", context)
    return set_reader_cache_headers(request, response, public=not request.GET)


@reader_cache
def methodology(request):
    """How we rate claims: every verdict of the fixed vocabulary and what it means."""
    return render(request, "conflicts/methodology.html", {"scale": verdict_scale()})


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
