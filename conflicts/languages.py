"""The words of an actor, a claim or a source in a language, and whether they fell back.

Facts are stored once; words in the site's default language on the object itself, in other
languages in its translation rows (conflicts/models/translations.py). Asked for a language,
each word comes from that language's row when it has one and the word is not blank, else
from the default language: the answer says which (`Words.language`, per word `language_of`),
so a template can mark the fallback (`lang="en"`, "Not yet in Russian").

The language of a story's context is the story page's locale; of an actor's or a claim's
own page, the request's active language (`active_language()`).

Bulk: `words_by_id(model, ids, locale)` reads one language's rows of many objects in one
query; `words_prefetch(locale)` does the same as a Prefetch on a queryset of one model. A
sidebar or a list pays one extra query per model, whatever the number of objects.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import translation
from wagtail.coreutils import get_content_languages, get_supported_content_language_variant

from conflicts.models.translations import WORDS_MODELS, default_language_code

__all__ = [
    "Words",
    "active_language",
    "default_language_code",
    "language_name",
    "language_of_page",
    "words_by_id",
    "words_of",
    "words_prefetch",
]

PREFETCHED = "words_in_language"  # where words_prefetch puts the wanted language's row


@dataclass(frozen=True)
class Words:
    """An object's words in the language asked for, each from that language or the default."""

    language: str  # the language asked for
    values: dict = field(default_factory=dict)
    fell_back: frozenset = frozenset()  # the words shown in the default language

    def __getitem__(self, name):
        return self.values[name]

    def language_of(self, name) -> str:
        return default_language_code() if name in self.fell_back else self.language

    @property
    def lang(self) -> str:
        """The language of the object's main word (an actor's name, a claim's statement)."""
        return self.language_of(next(iter(self.values)))

    @property
    def is_fallback(self) -> bool:
        """Whether the main word is not in the language asked for."""
        return self.lang != self.language


def _kind(obj_or_model) -> str:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return model._meta.model_name


def words_model(obj_or_model):
    return WORDS_MODELS[_kind(obj_or_model)]


def resolve_values(base: dict, language: str, row) -> Words:
    """The words in base (the default language's, by field name) put into language from row
    (the translation in that language, or None): a word blank there falls back."""
    if language == default_language_code():
        return Words(language, dict(base))
    if row is None:
        return Words(language, dict(base), frozenset(name for name, v in base.items() if v))
    values, fell_back = {}, set()
    for name, default in base.items():
        translated = getattr(row, name)
        if translated and str(translated).strip():
            values[name] = translated
        else:
            values[name] = default
            if default:
                fell_back.add(name)
    return Words(language, values, frozenset(fell_back))


def resolve(obj, language: str, row) -> Words:
    """obj's words in language, from row (its translation in that language, or None)."""
    base = {name: getattr(obj, name) for name in words_model(obj).word_fields}
    return resolve_values(base, language, row)


def words_of(obj, language: str | None = None) -> Words:
    """obj's words in language (default: the active one). Reads the row words_prefetch left
    on obj when there is one; else one query (none for the default language)."""
    language = language or active_language()
    if language == default_language_code():
        return resolve(obj, language, None)
    if hasattr(obj, PREFETCHED):
        rows = getattr(obj, PREFETCHED)
        return resolve(obj, language, rows[0] if rows else None)
    row = obj.translations.filter(locale__language_code=language).first() if obj.pk else None
    return resolve(obj, language, row)


def words_prefetch(model, language: str, lookup: str = "translations") -> Prefetch:
    """A Prefetch of only language's translation rows of model's objects, onto
    `words_in_language` (a list of at most one row), for words_of:
    `Actor.objects.prefetch_related(words_prefetch(Actor, "ru"))`, or through a relation:
    `Claim.objects.prefetch_related(words_prefetch(Actor, "ru", "claimant__translations"))`."""
    rows = words_model(model).objects.filter(locale__language_code=language)
    return Prefetch(lookup, queryset=rows, to_attr=PREFETCHED)


def _parent(rows_model):
    return next(f for f in rows_model._meta.fields if f.name in WORDS_MODELS)


def words_by_id(model, ids, locale_ids) -> dict:
    """{(object id, locale id): its translation row} of model's objects among ids in the
    locales, in one query (none when there are no ids or locales)."""
    rows = words_model(model)
    ids, locale_ids = set(ids), set(locale_ids) - {None}
    if not ids or not locale_ids:
        return {}
    parent = _parent(rows)
    found = rows.objects.filter(locale_id__in=locale_ids, **{f"{parent.attname}__in": ids})
    return {(getattr(row, parent.attname), row.locale_id): row for row in found}


def language_of_page(page) -> str:
    """The language a page's context is shown in: its locale's."""
    return page.locale.language_code


def active_language() -> str:
    """The request's language as a content language (an actor's or a claim's own page)."""
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return default_language_code()


def language_name(code: str) -> str:
    """A language's name in the active language ("Russian", "русский"), for "Not yet in
    Russian"; the site's own name for it when Django does not know the language."""
    try:
        return translation.get_language_info(code)["name_translated"]
    except KeyError:
        return str(get_content_languages().get(code, code))
