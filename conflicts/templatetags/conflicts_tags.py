"""Template tags a host page uses to show the related-context sidebar."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from conflicts.languages import active_language
from conflicts.page_words import profile_into_language
from conflicts.profiles import actor_profile, explainer_profile
from conflicts.sidebar.cache import actor_profile_html, explainer_html, sidebar_html

register = template.Library()

SIDEBAR_TEMPLATE = "conflicts/includes/sidebar.html"


def render_sidebar(data, request=None) -> str:
    """A sidebar's HTML, in its story's language (data.language: the interface words too):
    the same with or without a request (the worker renders it too)."""
    values = {"related_context": data, "request": request}
    language = getattr(data, "language", "") or translation.get_language()
    with translation.override(language):
        return render_to_string(SIDEBAR_TEMPLATE, values)


@register.simple_tag(takes_context=True)
def related_context_sidebar(context, page=None):
    """Render the sidebar for page (conflicts/includes/sidebar.html), through the sidebar
    cache when it is on (conflicts/sidebar/cache.py); reuses context["related_context"]
    when the view built it.

    settings.CONFLICTS_SIDEBAR = False renders nothing (the benchmark measures a page without
    it); the article page leaves building it to this tag, so switching it off saves the queries too.
    """
    if not getattr(settings, "CONFLICTS_SIDEBAR", True):
        return ""
    request = context.get("request")

    def render(data):
        return render_sidebar(data, request)

    data = context.get("related_context")
    if data is not None:
        return mark_safe(render(data))  # noqa: S308 (the template escapes what editors wrote)
    html = sidebar_html(page or context.get("page"), request, render)
    return mark_safe(html)  # noqa: S308


@register.simple_tag(takes_context=True)
def explainer_content(context, page):
    """An explainer's parties, key facts, body, timeline, claims and stories
    (conflicts/includes/explainer_content.html), through the sidebar cache when it is on."""
    request = context.get("request")

    def render():
        values = {"page": page, "request": request, **explainer_profile(page)}
        return render_to_string("conflicts/includes/explainer_content.html", values)

    return mark_safe(explainer_html(page, request, render))  # noqa: S308 (escaped there)


@register.simple_tag(takes_context=True)
def actor_profile_sections(context, actor):
    """An actor page's affiliations, claims and stories (conflicts/includes/actor_profile.html),
    in the reader's language (conflicts/page_words.py), rendered through the sidebar cache
    when it is on; a preview shows the editor's actor, in its default language's words,
    without the stories."""
    request = context.get("request")
    preview = getattr(request, "is_preview", False)

    def render():
        values = {"actor": actor, "request": request, **actor_profile(actor, preview=preview)}
        if not preview:
            language = active_language()
            profile_into_language(values, actor, language)
            # What the cards' words' lang is compared with (includes/claim_card.html):
            values["related_context"] = {"language": language}
        return render_to_string("conflicts/includes/actor_profile.html", values)

    return mark_safe(actor_profile_html(actor, request, render))  # noqa: S308 (escaped there)


@register.inclusion_tag("conflicts/includes/verdict_badge.html")
def verdict_badge(verdict, label):
    """A verdict shown in words (and colour), never colour alone."""
    return {"verdict": verdict, "label": label}


_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """A <script type="application/ld+json"> block; <, > and & escaped so text cannot break out."""
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(_JSON_SCRIPT_ESCAPES)),  # noqa: S308 (escaped above)
    )


def _fell_back(words_language, page_language) -> bool:
    return bool(words_language and page_language and words_language != page_language)


@register.simple_tag
def lang_attr(words_language, page_language=""):
    """` lang="en"` on text shown in another language than the page's (a fallback), so
    screen readers read it in its own language; nothing otherwise."""
    if not _fell_back(words_language, page_language):
        return ""
    return format_html(' lang="{}"', words_language)


@register.simple_tag
def fallback_note(words_language, page_language=""):
    """ "(not yet translated)", in the page's language, after words that fell back. Not "not
    yet in Russian": a language's name put into a sentence takes a case in Russian and
    Armenian that a placeholder cannot give it; the words' own lang says which they are."""
    if not _fell_back(words_language, page_language):
        return ""
    return format_html(' <span class="fallback-note">({})</span>', _("not yet translated"))
