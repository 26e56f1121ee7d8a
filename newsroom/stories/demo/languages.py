"""The demo's Armenian and Russian editions of the site: the home page and the sections as
translations of the English ones (Wagtail's copy for translation, what the admin's
"Translate" action does), titled in their language and live. The stories stay English
only: a language desk writes its own (README, "Languages").
"""

from wagtail.models import Locale

from conflicts.portable.rules import publish

# {language: {English slug (the home: ""): (title, intro)}}. Written for readers of each
# language, not machine-made.
EDITIONS = {
    "hy": {
        "": ("Գլխավոր", "Լուրեր և դրանց համատեքստը։"),
        "news": ("Լուրեր", "Վերջին լուրերը։"),
    },
    "ru": {
        "": ("Главная", "Новости и контекст, стоящий за ними."),
        "news": ("Новости", "Последние новости."),
    },
}


def add_language_editions(home) -> dict[str, int]:
    """Translate the demo's home page and sections into every language in EDITIONS that has a
    locale, unless done already; {"created": n, "skipped": n} pages."""
    done = {"created": 0, "skipped": 0}
    for code, pages in EDITIONS.items():
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            continue
        for slug, (title, intro) in pages.items():
            original = home if not slug else home.get_children().filter(slug=slug).first()
            if original is None:
                continue
            original = original.specific
            if original.get_translation_or_none(locale) is not None:
                done["skipped"] += 1
                continue
            edition = original.copy_for_translation(locale)
            edition.title, edition.intro = title, intro
            publish(edition, f"{code} edition of {original.title!r}")
            done["created"] += 1
    return done
