"""Template helpers of the claim pages: a verdict's meaning and label, and absolute addresses."""

from django import template

from conflicts.methodology import verdict_meaning as meaning_of
from conflicts.models import Verdict

register = template.Library()


@register.filter
def verdict_meaning(value: str) -> str:
    """What a verdict (blank: not yet checked) means, as the methodology page says."""
    return meaning_of(value or "")


@register.filter
def verdict_label(value: str) -> str:
    """A verdict's name in words ("disputed" -> "Disputed"); blank for no or an unknown verdict."""
    return Verdict(value).label if value in Verdict.values else ""


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """path on the address the page is served at (as the JSON-LD's url is); blank without a
    request (a render outside a view)."""
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else ""
