"""schema.org JSON-LD for actors and claims, built from what is stored (nothing invented), in
the words their page shows: the reader's language where written (conflicts/page_words.py)."""

from django.conf import settings

from conflicts.models import ClaimSource, Verdict

PERSON_KINDS = {"person"}
# Verdicts that are a finding of ours. "Reported" says only that it is on the record: a
# ClaimReview for it would tell search engines we checked what we did not.
FINDINGS = frozenset(Verdict.values) - {Verdict.REPORTED}


def verdict_given_at(claim):
    """When the claim's verdict was given: its last change of verdict, from the verdict
    history (claim_detail annotates it), else when the claim first went live with it."""
    return getattr(claim, "verdict_given_at", None) or claim.first_published_at


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


def reviewer(request) -> dict:
    """The organisation that reviews claims: the host site, by its name (WAGTAIL_SITE_NAME)
    and home page, as the host's own NewsArticle markup names its publisher."""
    return {
        "@type": "Organization",
        "name": settings.WAGTAIL_SITE_NAME,
        "url": request.build_absolute_uri("/"),
    }


def claim_review_jsonld(claim, sources, url: str, author: dict) -> dict | None:
    """A ClaimReview for a claim whose verdict is a finding; None for an unchecked claim or
    one only reported. author: the reviewing organisation (see reviewer)."""
    if claim.verdict not in FINDINGS:
        return None
    claimant = claim.claimant
    given_at = verdict_given_at(claim)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim.statement,
        "author": author,
        **({"datePublished": given_at.isoformat()} if given_at else {}),
        "reviewBody": claim.verdict_explanation,
        # A verdict in words, not on a numeric scale: the rating is its name (schema.org and
        # Google read alternateName); ratingValue is the verdict's code, which never changes.
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": claim.verdict,
            "alternateName": claim.get_verdict_display(),
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": {
                "@type": "Person" if claimant.kind in PERSON_KINDS else "Organization",
                "name": claimant.name,
                **({"sameAs": claimant.wikidata_url} if claimant.wikidata_id else {}),
            },
            "datePublished": claim.made_on.isoformat(),
            # Where the claim appeared: the sources that report it (not those that dispute
            # it), each with its article's address when known, never a home page.
            "appearance": [
                {
                    "@type": "CreativeWork",
                    **({"url": cs.source.url} if cs.source.url else {}),
                    "headline": cs.source.title,
                    "publisher": {"@type": "Organization", "name": cs.source.publisher},
                }
                for cs in sources
                if cs.shows != ClaimSource.Shows.DISPUTES
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
    review = claim_review_jsonld(claim, sources, request.build_absolute_uri(), reviewer(request))
    return [data for data in (review, _page_crumbs(request, str(claim))) if data]
