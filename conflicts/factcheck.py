"""What stops a story from passing the fact-check step: its claims' missing evidence, and
drafts the public sidebar would leave out (a draft claim, claimant or key actor).

Plain rules over objects already fetched (the fact-check task and the editor's panel fetch
them with Claim.objects.for_fact_check() and one query for the actors), so the models can
apply them.
"""

from django.utils.translation import gettext as _
from wagtail.admin.admin_url_finder import AdminURLFinder


class Problem(str):
    """One thing the fact-check step refuses: the message (plain text, what to do; a str,
    so callers that want only the words have them), and the claim or actor it is about.
    `draft` marks a problem that publishing the item solves."""

    def __new__(cls, message: str, item, draft: bool = False):
        problem = super().__new__(cls, message)
        problem.item = item
        problem.draft = draft
        return problem

    @property
    def message(self) -> str:
        return str.__str__(self)

    @property
    def edit_url(self) -> str | None:
        """The item's edit page in the admin (None for an object with none)."""
        return AdminURLFinder().get_edit_url(self.item)


def claims_to_check(page) -> set[int]:
    """Ids of the claims page links or refers to in its text, as it stands (a revision or an
    unsaved form)."""
    ids = {link.claim_id for link in page.claim_links.all() if link.claim_id}
    get_mentioned_ids = getattr(page, "get_mentioned_ids", None)
    if get_mentioned_ids:
        ids.update(get_mentioned_ids()["claim"])
    return ids


def key_actors_to_check(page) -> list[int]:
    """Ids of the key actors page links (its actor links), in editor order, once each."""
    actor_links = getattr(page, "actor_links", None)
    if actor_links is None:
        return []
    return list(dict.fromkeys(link.actor_id for link in actor_links.all() if link.actor_id))


def claim_problems(claims, actors=None) -> list[Problem]:
    """One problem per fault, naming the claim and what to do. claims carry `source_count`
    (Claim.objects.for_fact_check()); actors maps ids to the claimants, fetched in bulk (a
    claimant missing from it is not checked)."""
    actors = actors or {}
    problems = []
    for claim in claims:
        if not claim.source_count:
            problems.append(
                Problem(
                    _('Claim "%(claim)s" has no source: add one that shows it.') % {"claim": claim},
                    claim,
                )
            )
        if claim.verdict and not claim.verdict_explanation.strip():
            problems.append(
                Problem(
                    _(
                        'Claim "%(claim)s" has the verdict "%(verdict)s" with no explanation: '
                        "explain what the sources show."
                    )
                    % {"claim": claim, "verdict": claim.get_verdict_display()},
                    claim,
                )
            )
        if not claim.live:
            problems.append(
                Problem(
                    _('Claim "%(claim)s" is a draft: publish it or remove it from the story.')
                    % {"claim": claim},
                    claim,
                    draft=True,
                )
            )
        claimant = actors.get(claim.claimant_id)
        if claimant is not None and not claimant.live:
            problems.append(
                Problem(
                    _(
                        'The claimant of claim "%(claim)s", "%(actor)s", is a draft: publish '
                        "the actor, or the claim will not show in the story."
                    )
                    % {"claim": claim, "actor": claimant},
                    claimant,
                    draft=True,
                )
            )
    return problems


def key_actor_problems(actor_ids, actors) -> list[Problem]:
    """One problem per draft key actor (actor_ids in editor order; actors maps ids to them)."""
    return [
        Problem(
            _('Key actor "%(actor)s" is a draft: publish it or remove it from the story.')
            % {"actor": actors[pk]},
            actors[pk],
            draft=True,
        )
        for pk in actor_ids
        if pk in actors and not actors[pk].live
    ]


def drafts_among(problems) -> list:
    """The draft claims and actors the problems name, once each, in the order named."""
    seen, drafts = set(), []
    for problem in problems:
        key = (type(problem.item), problem.item.pk)
        if problem.draft and key not in seen:
            seen.add(key)
            drafts.append(problem.item)
    return drafts
