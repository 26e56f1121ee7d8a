"""A page's editions in the site's languages, and the links readers and crawlers get to them:
the language switch in the header and the `hreflang` alternates in the head and the sitemap.

A page's editions are its live, public translations (Wagtail's translation key), read in one
query for any number of pages; the home pages come from the cache (newsroom/languages.py),
so the home page costs no query for them. A page with no edition in a language links to
that language's home; a view that is not a page (search, tags, actor and claim pages) has
the same address in every language.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from newsroom.languages import live_homes


@dataclass
class LanguageLink:
    code: str
    name: str  # in its own language ("Русский")
    url: str
    current: bool  # the language the reader is reading in
    edition: bool  # the same page in that language (not that language's home)


def public_editions(translation_keys) -> dict:
    """{translation key: {language: page}}: the live pages with these keys that no view
    restriction on them or above them hides, in one query (the restriction is a subquery,
    not Wagtail's .public(), which reads every restriction first)."""
    below = ExpressionWrapper(OuterRef("path"), output_field=CharField())
    restricted = PageViewRestriction.objects.alias(below=below).filter(
        below__startswith=F("page__path")
    )
    pages = (
        Page.objects.filter(translation_key__in=set(translation_keys), live=True)
        .exclude(Exists(restricted))
        .select_related("locale")
        .only("url_path", "path", "depth", "translation_key", "locale__language_code")
    )
    editions: dict = {}
    for page in pages:
        editions.setdefault(page.translation_key, {})[page.locale.language_code] = page
    return editions


def page_editions(page, request) -> dict[str, Page]:
    """{language: the page's live public edition in it}, its own included; once per request
    (the header and the head both ask). A home page's come from the cached homes."""
    cached = getattr(request, "_page_editions", None)
    if cached is not None and cached[0] == page.pk:
        return cached[1]
    site = Site.find_for_request(request)
    if site is not None and page.translation_key == site.root_page.translation_key:
        editions = dict(live_homes(site))
    else:
        editions = public_editions([page.translation_key]).get(page.translation_key, {})
    request._page_editions = (page.pk, editions)
    return editions


def is_page(obj) -> bool:
    return isinstance(obj, Page) and obj.pk is not None


def language_links(request, page=None) -> list[LanguageLink]:
    """The language switch: each language, linking to this page's edition in it, else to
    that language's home (a language with neither is left out)."""
    if request is None:
        return []
    current = translation.get_language()
    site = Site.find_for_request(request)
    homes = live_homes(site) if site is not None else {}
    editions = page_editions(page, request) if is_page(page) else {}
    links = []
    for code, name in settings.LANGUAGES:
        if code in editions:
            url, edition = editions[code].get_url(request), True
        elif not is_page(page) and (same := same_view_in(request, code)) is not None:
            url, edition = same, True
        elif code in homes:
            url, edition = homes[code].get_url(request), False
        else:
            continue
        links.append(LanguageLink(code, name, url, code == current, edition))
    return links


def same_view_in(request, language: str) -> str | None:
    """The address of this (non-page) view in `language`, or None when it has none there."""
    path = request.get_full_path()
    translated = translate_url(path, language)
    if translated == path and language != translation.get_language():
        return None  # nothing answers at this address (a 404): no same view to go to
    return translated


def alternates(request, page=None) -> list[tuple[str, str]]:
    """[(hreflang, absolute address)] for the head: each language this page (or view) is in,
    then x-default, the default language's edition. Nothing for a page in one language only.
    Pages' addresses are on their site's root URL, as the canonical link's are."""
    if request is None:
        return []
    if is_page(page):
        editions = page_editions(page, request)
        found = [
            (code, editions[code].get_full_url(request))
            for code, _name in settings.LANGUAGES
            if code in editions
        ]
    else:
        found = [
            (link.code, request.build_absolute_uri(link.url))
            for link in language_links(request)
            if link.edition
        ]
    if len(found) < 2:
        return []
    default = dict(found).get(settings.LANGUAGE_CODE)
    return found + ([("x-default", default)] if default else [])
