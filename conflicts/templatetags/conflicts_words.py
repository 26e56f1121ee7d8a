"""Words shown inside a translated sentence, marked when they fell back to another language."""

from django import template
from django.utils.html import conditional_escape, format_html

from conflicts.templatetags.conflicts_tags import lang_attr

register = template.Library()


@register.simple_tag
def in_words(text, words_language, page_language=""):
    """text, escaped, in a <span lang="en"> when its words are not in the page's language:
    for a name put into a sentence from the catalogue ({% blocktranslate with name=... %}),
    where no element of its own can carry the lang."""
    marked = lang_attr(words_language, page_language)
    if not marked:
        return conditional_escape(text)
    return format_html("<span{}>{}</span>", marked, text)
