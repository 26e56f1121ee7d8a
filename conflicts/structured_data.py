"""schema.org JSON-LD for actors and claims, built from what is stored (nothing invented)."""

from django.conf import settings

PERSON_KINDS = {"person"}


def actor_jsonld(actor, url: str) -> dict:
    """A Person or an Organization, with sameAs the Wikidata page when known."""
    data = {
        "@context": "https://schema.org",
        "@type": "Person" if actor.kind in PERSON_KINDS else "Organization",
        "name": actor.name,
        "url": url,
    }
    if actor.description:
        data["description"] = actor.description
    if actor.alias_list:
        data["alternateName"] = actor.alias_list
    if actor.wikidata_id:
        data["sameAs"] = actor.wikidata_url
    return data


def claim_review_jsonld(claim, sources, url: str, publisher: str) -> dict | None:
    """A ClaimReview for a claim that carries a verdict; None for an unchecked claim."""
    if not claim.verdict:
        return None
    claimant = claim.claimant
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim.statement,
        "author": {"@type": "Organization", "name": publisher},
        "reviewBody": claim.verdict_explanation,
        "reviewRating": {"@type": "Rating", "alternateName": claim.get_verdict_display()},
        "itemReviewed": {
            "@type": "Claim",
            "author": {
                "@type": "Person" if claimant.kind in PERSON_KINDS else "Organization",
                "name": claimant.name,
                **({"sameAs": claimant.wikidata_url} if claimant.wikidata_id else {}),
            },
            "datePublished": claim.made_on.isoformat(),
            "appearance": [
                {
                    "@type": "CreativeWork",
                    "url": cs.source.url,
                    "headline": cs.source.title,
                    "publisher": {"@type": "Organization", "name": cs.source.publisher},
                }
                for cs in sources
            ],
        },
    }


def breadcrumbs_jsonld(trail: list[tuple[str, str]]) -> dict:
    """A BreadcrumbList from (name, absolute URL) pairs, home first."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": url}
            for i, (name, url) in enumerate(trail, start=1)
        ],
    }


def _page_crumbs(request, name: str) -> dict:
    return breadcrumbs_jsonld(
        [
            (settings.WAGTAIL_SITE_NAME, request.build_absolute_uri("/")),
            (name, request.build_absolute_uri()),
        ]
    )


def actor_page_jsonld(actor, request) -> list[dict]:
    """What an actor's page tells search engines: who it is, and where it sits."""
    return [actor_jsonld(actor, request.build_absolute_uri()), _page_crumbs(request, actor.name)]


def claim_page_jsonld(claim, sources, request) -> list[dict]:
    """What a claim's page tells search engines: its review (if checked), and where it sits."""
    review = claim_review_jsonld(
        claim, sources, request.build_absolute_uri(), settings.WAGTAIL_SITE_NAME
    )
    return [data for data in (review, _page_crumbs(request, str(claim))) if data]
