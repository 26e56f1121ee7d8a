"""The reader's language comes from the address, and pages are found from that language's home.

English, the default, keeps its unprefixed addresses; Armenian and Russian are under /hy/
and /ru/ (i18n_patterns in newsroom/urls.py; README, "Languages"). Django's LocaleMiddleware
already serves an unprefixed address in English whatever the browser's Accept-Language
says, because the default language has no prefix; it still adds `Vary: Accept-Language`,
which would make a CDN keep one copy of each page per browser language for nothing: here
the address alone decides, so that Vary is dropped.

Wagtail routes a request from `site.root_page.localized`, which reads the active locale and
then the home's translation from the database on every request (one query in English, two
in Armenian or Russian). `serve` routes from the home page in the request's language taken
from the cache instead (one list of live homes per site, dropped when one of them is saved
or deleted), so a page costs what it cost before the site had languages.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import Http404
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import cc_delim_re
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

HOMES_KEY = "newsroom:language-homes"  # {root page id: (translation key, {language: home})}
HOMES_CACHE_SECONDS = 300


class AddressLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware (the language from the address's prefix, English without
    one), without `Vary: Accept-Language`: no answer here depends on that header."""

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.has_header("Vary"):
            kept = [
                value
                for value in cc_delim_re.split(response["Vary"])
                if value and value.lower() != "accept-language"
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response


def language_codes() -> list[str]:
    """The site's languages, the default first (settings.LANGUAGES)."""
    return [code for code, _name in settings.LANGUAGES]


def live_homes(site) -> dict[str, Page]:
    """{language: the site's live home page in that language, as its specific type}: the
    site's root page and its translations, from the cache or, on a miss, one query."""
    root = site.root_page
    known = cache.get(HOMES_KEY) or {}
    if root.pk not in known:
        model = root.specific_class or type(root)
        homes = model.objects.filter(translation_key=root.translation_key, live=True)
        homes = {home.locale.language_code: home for home in homes.select_related("locale")}
        known = {**known, root.pk: (root.translation_key, homes)}
        cache.set(HOMES_KEY, known, HOMES_CACHE_SECONDS)
    return known[root.pk][1]


def home_for_language(site, language: str):
    """The home page readers in `language` start from: its live translation of the site's
    root; the root itself for the default language (as Wagtail routes); None otherwise (an
    address in a language the site does not publish in yet is a 404, not English under
    /ru/)."""
    home = live_homes(site).get(language)
    if home is None and language == settings.LANGUAGE_CODE:
        home = site.root_page.specific
    return home


def serve(request, path):
    """Wagtail's page view, routed from the home page in the request's language."""
    site = Site.find_for_request(request)
    if site is not None and not hasattr(request, "_wagtail_route_for_request"):
        home = home_for_language(site, translation.get_language())
        route = None
        if home is not None:
            try:
                route = home.route(request, [part for part in path.split("/") if part])
            except Http404:
                route = None
        request._wagtail_route_for_request = route  # what Page.route_for_request reads
    return wagtail_views.serve(request, path)


def forget_homes(sender, instance, **kwargs) -> None:
    """post_save / post_delete: a site changed, or a page that is a site's home in some
    language; the homes are read again (now and once the change commits)."""
    if isinstance(instance, Page):
        keys = {key for key, _homes in (cache.get(HOMES_KEY) or {}).values()}
        if instance.translation_key not in keys:
            return
    elif not isinstance(instance, Site):
        return
    cache.delete(HOMES_KEY)
    transaction.on_commit(lambda: cache.delete(HOMES_KEY))


def connect() -> None:
    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(forget_homes, dispatch_uid=f"forget_language_homes_{name}")
