"""How we rate claims: what each verdict of the fixed vocabulary (conflicts.models.Verdict)
means to readers, for the methodology page and the claim page's verdict panel.

The list of verdicts is Verdict's own; this module only says what each one means. A verdict
added to Verdict without a meaning here fails tests/conflicts/test_methodology.py.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from conflicts.models import Verdict

UNCHECKED = "unchecked"  # a claim with no verdict yet: the claims index filters by it too
UNCHECKED_LABEL = _("Not yet checked")

MEANINGS = {
    Verdict.REPORTED: _(
        "The claim was made on the record and we report it, but we make no finding: we have "
        "not checked it, or what is on the record does not let us judge it."
    ),
    Verdict.CONFIRMED: _("The sources we cite show that the claim is accurate."),
    Verdict.DISPUTED: _(
        "Another party on the record contradicts the claim, and the sources we cite do not "
        "settle which side is right."
    ),
    Verdict.MISLEADING: _(
        "Parts of the claim may be accurate, but it leaves out or distorts context, so it "
        "gives a false impression."
    ),
    Verdict.FALSE: _("The sources we cite show that the claim is not accurate."),
    Verdict.UNPROVEN: _(
        "There is not enough evidence on the record to show that the claim is accurate or "
        "that it is not."
    ),
}
UNCHECKED_MEANING = _("We have not reviewed the claim yet; it carries no verdict.")


@dataclass(frozen=True)
class VerdictMeaning:
    value: str
    label: str
    meaning: str


def verdict_scale() -> list[VerdictMeaning]:
    """Every verdict readers can meet, in Verdict's order, then "not yet checked"."""
    scale = [VerdictMeaning(verdict.value, verdict.label, MEANINGS[verdict]) for verdict in Verdict]
    return [*scale, VerdictMeaning(UNCHECKED, UNCHECKED_LABEL, UNCHECKED_MEANING)]


def verdict_meaning(value: str) -> str:
    """What a claim's verdict (blank: not yet checked) means, in one sentence."""
    return MEANINGS[value] if value else UNCHECKED_MEANING
