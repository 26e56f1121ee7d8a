"""The reader's languages in templates: the language switch and the hreflang alternates of
the page being shown (newsroom/stories/translations.py), in one query per page at most."""

from django import template

from newsroom.stories import translations

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """{% language_links as languages %}: each language, with this page's address in it or
    that language's home."""
    return translations.language_links(context.get("request"), context.get("page"))


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """{% language_alternates as alternates %}: [(hreflang, absolute address)] for the head."""
    return translations.alternates(context.get("request"), context.get("page"))
