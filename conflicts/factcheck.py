"""What stops a story from passing the fact-check step: its claims' missing evidence."""

from django.db.models import Count

from conflicts.models import Claim


def claim_problems(claim_ids) -> list[str]:
    """One message per problem, naming the claim and what to do, for the given claims."""
    claims = (
        Claim.objects.filter(pk__in=list(claim_ids))
        .annotate(source_count=Count("claim_sources"))
        .order_by("pk")
    )
    problems = []
    for claim in claims:
        if not claim.source_count:
            problems.append(f'Claim "{claim}" has no source: add one that shows it.')
        if claim.verdict and not claim.verdict_explanation.strip():
            problems.append(
                f'Claim "{claim}" has the verdict "{claim.get_verdict_display()}" with no '
                "explanation: explain what the sources show."
            )
        if not claim.live:
            problems.append(f'Claim "{claim}" is a draft: publish it or remove it from the story.')
    return problems


def page_claim_problems(page) -> list[str]:
    """Problems of the claims page links or refers to in its text, as it stands (a revision
    or an unsaved form)."""
    ids = {link.claim_id for link in page.claim_links.all() if link.claim_id}
    get_mentioned_ids = getattr(page, "get_mentioned_ids", None)
    if get_mentioned_ids:
        ids.update(get_mentioned_ids()["claim"])
    return claim_problems(ids)
