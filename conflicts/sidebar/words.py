"""A built sidebar put into its story's language, and its names made to follow the policy.

Cards are built from the default language's words; here each card takes the story's
language's words where they are written (conflicts/languages.py) and says in `lang` which
language it shows. Then one Namer per sidebar (conflicts/naming.py) reads its texts in the
order a reader does: the explainer card, the actors, the claims, the timeline. Verbatim
quotes and sources' titles are not renamed.

Queries, whatever the number of cards: one per model (actors, claims, sources) for the
stories not in the default language; none for the default language.
"""

from dataclasses import replace

from django.utils import translation

from conflicts.languages import default_language_code, resolve_values, words_by_id
from conflicts.models import Actor, Claim, Source
from conflicts.paths import public_path


def _actors(context):
    yield from context.actors
    for claim in context.claims:
        yield claim.claimant


def put_into_languages(contexts, locales) -> None:
    """Each context's cards in its language. locales: per context, (locale id, code)."""
    default = default_language_code()
    translated = [(c, loc) for c, loc in zip(contexts, locales, strict=True) if loc[1] != default]
    locale_ids = {locale_id for _, (locale_id, _code) in translated}
    actor_ids = {a.id for c, _ in translated for a in _actors(c)}
    claim_ids = {claim.id for c, _ in translated for claim in c.claims}
    source_ids = {s.source_id for c, _ in translated for claim in c.claims for s in claim.sources}
    actor_rows = words_by_id(Actor, actor_ids, locale_ids)
    claim_rows = words_by_id(Claim, claim_ids, locale_ids)
    source_rows = words_by_id(Source, source_ids, locale_ids)
    for context, (locale_id, code) in zip(contexts, locales, strict=True):
        context.language = code
        with translation.override(code):  # their pages in the story's language: /ru/actors/...
            for actor in _actors(context):
                actor.url = public_path("conflicts:actor", actor.slug)
            for claim in context.claims:
                claim.url = public_path("conflicts:claim", claim.slug)
        for actor in _actors(context):
            words = resolve_values(
                {"name": actor.name, "description": actor.description},
                code,
                actor_rows.get((actor.id, locale_id)),
            )
            actor.name, actor.description = words["name"], words["description"]
            actor.lang, actor.description_lang = words.lang, words.language_of("description")
        for claim in context.claims:
            words = resolve_values(
                {
                    "statement": claim.statement,
                    "quote": claim.quote,
                    "verdict_explanation": claim.verdict_explanation,
                },
                code,
                claim_rows.get((claim.id, locale_id)),
            )
            claim.statement, claim.quote = words["statement"], words["quote"]
            claim.verdict_explanation = words["verdict_explanation"]
            claim.lang = words.lang
            claim.verdict_explanation_lang = words.language_of("verdict_explanation")
            # The source cards are shared by every claim citing them (sources_by_claim):
            # each claim's in its story's language is its own copy.
            claim.sources = [replace(source) for source in claim.sources]
            for source in claim.sources:
                words = resolve_values(
                    {"title": source.title}, code, source_rows.get((source.source_id, locale_id))
                )
                source.title, source.title_lang = words["title"], words.lang


def apply_names(context, namer) -> None:
    """Rename the mentions in one sidebar's texts, in reading order, with one Namer."""
    explainer = context.explainer
    if explainer is not None:
        explainer.title = namer(explainer.title)
        explainer.summary = namer(explainer.summary)
        explainer.region = namer(explainer.region)
    for actor in context.actors:
        actor.name = namer(actor.name)
        actor.description = namer(actor.description)
    for claim in context.claims:
        claim.claimant.name = namer(claim.claimant.name)
        claim.statement = namer(claim.statement)
        claim.verdict_explanation = namer(claim.verdict_explanation)
    for entry in (*context.timeline_before, *context.timeline_after):
        entry.title = namer(entry.title)
        entry.description = namer(entry.description)
