"""Template tags a host page uses to show the related-context sidebar."""

from django import template

register = template.Library()


@register.inclusion_tag("conflicts/includes/sidebar.html", takes_context=True)
def related_context_sidebar(context, page=None):
    """Render the sidebar for page; reuses context["related_context"] when the view built it."""
    data = context.get("related_context")
    if data is None:
        page = page or context.get("page")
        data = page.get_related_context(context.get("request"))
    return {"related_context": data, "request": context.get("request")}


@register.inclusion_tag("conflicts/includes/verdict_badge.html")
def verdict_badge(verdict, label):
    """A verdict shown in words (and colour), never colour alone."""
    return {"verdict": verdict, "label": label}
