"""What stops a story from passing the fact-check step: its claims' missing evidence.

Plain rules over objects already fetched (the fact-check task and the editor's panel fetch
them with Claim.objects.for_fact_check()), so the models can apply them.
"""

from django.utils.translation import gettext as _


def claims_to_check(page) -> set[int]:
    """Ids of the claims page links or refers to in its text, as it stands (a revision or an
    unsaved form)."""
    ids = {link.claim_id for link in page.claim_links.all() if link.claim_id}
    get_mentioned_ids = getattr(page, "get_mentioned_ids", None)
    if get_mentioned_ids:
        ids.update(get_mentioned_ids()["claim"])
    return ids


def claim_problems(claims) -> list[str]:
    """One message per problem, naming the claim and what to do. claims carry
    `source_count` (Claim.objects.for_fact_check())."""
    problems = []
    for claim in claims:
        if not claim.source_count:
            problems.append(
                _('Claim "%(claim)s" has no source: add one that shows it.') % {"claim": claim}
            )
        if claim.verdict and not claim.verdict_explanation.strip():
            problems.append(
                _(
                    'Claim "%(claim)s" has the verdict "%(verdict)s" with no explanation: '
                    "explain what the sources show."
                )
                % {"claim": claim, "verdict": claim.get_verdict_display()}
            )
        if not claim.live:
            problems.append(
                _('Claim "%(claim)s" is a draft: publish it or remove it from the story.')
                % {"claim": claim}
            )
    return problems
