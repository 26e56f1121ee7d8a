"""The site chrome's template tags: the header's navigation and a story's section
(newsroom/stories/navigation.py), neither costing a query once the navigation is cached."""

from django import template

from newsroom.stories import navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def site_navigation(context):
    """{% site_navigation as nav %}: the request's site's home, sections, conflicts index
    and explainers."""
    return navigation.site_navigation(context.get("request"))


@register.simple_tag(takes_context=True)
def section_of(context, page):
    """{% section_of story as section %}: the header's section the story lies in (its kicker),
    or None."""
    request = context.get("request")
    if page is None or request is None:
        return None
    return navigation.section_of(page.get_url(request), navigation.site_navigation(request))
