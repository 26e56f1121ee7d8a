"""An actor's or a claim's own page in the reader's language (the request's active one).

The objects a page shows (the actor, its affiliates and its claims' cards; the claim, its
claimant, its sources, its related claims and their claimants) take their words in that
language where they are written, in place: the name, description, statement ... the
template, the <title>, the og tags and the JSON-LD read are then the reader's. Each
object's `lang_of` says, per word, which language it is in (conflicts/languages.py: a word
not yet written falls back to the default language), so the template marks a fallback as
the sidebar does (lang="en", "(not yet translated)"); a source's is also its `title_lang`,
and the actor page's claim cards (conflicts/sidebar/cards.py) get `lang` and
`verdict_explanation_lang`, as the sidebar's do. The objects are this request's copies
and are never saved.

Queries: one per model of words among the objects (actors, claims, sources), whatever their
number; none in the default language. An actor's page reads its affiliates' words with its
own (one query), for its profile, which is rendered only when the cache does not hold it.
"""

from collections import defaultdict

from django.db.models import Q

from conflicts.languages import default_language_code, resolve, resolve_values, words_model
from conflicts.models import Actor, Claim, Source


def put_into_language(objects, language: str) -> None:
    """Give each of objects (actors, claims, sources, mixed) its words in language."""
    by_model = defaultdict(list)
    for obj in objects:
        if obj is not None:
            by_model[type(obj)].append(obj)
    for model, found in by_model.items():
        rows = _rows(model, {obj.pk for obj in found}, language)
        for obj in found:
            _put(obj, language, rows.get(obj.pk))


def actor_into_language(actor, language: str) -> None:
    """The actor's words in language, and its affiliates' kept on it (`affiliate_words`) for
    profile_into_language, in one query."""
    if language == default_language_code():
        _put(actor, language, None)
        return
    # Its organisations (it is their member) and its members:
    affiliates = Q(member_affiliations__actor=actor) | Q(affiliations__organisation=actor)
    rows = words_model(Actor).objects.filter(
        Q(actor=actor) | Q(actor__in=Actor.objects.filter(affiliates).values("pk")),
        locale__language_code=language,
    )
    actor.affiliate_words = {row.actor_id: row for row in rows}
    _put(actor, language, actor.affiliate_words.get(actor.pk))


def profile_into_language(profile: dict, actor, language: str) -> None:
    """An actor's profile (conflicts/profiles.py: actor_profile) in language: its
    affiliates' names and its claim cards (statement, quote, explanation, sources' titles;
    the claimant is the actor, in its words already). One query for the claims' words and one
    for the sources'; the affiliates' come from actor_into_language (else one query)."""
    affiliates = [a.organisation for a in profile["affiliations"]]
    affiliates += [a.actor for a in profile["members"]]
    rows = getattr(actor, "affiliate_words", None)
    if rows is None:
        rows = _rows(Actor, {a.pk for a in affiliates}, language)
    for affiliate in affiliates:
        _put(affiliate, language, rows.get(affiliate.pk))
    cards = profile["claims"]
    claim_rows = _rows(Claim, {card.id for card in cards}, language)
    source_rows = _rows(Source, {s.source_id for card in cards for s in card.sources}, language)
    lang_of = getattr(actor, "lang_of", {})
    for card in cards:
        card.claimant.name, card.claimant.description = actor.name, actor.description
        card.claimant.lang = lang_of.get("name", "")
        card.claimant.description_lang = lang_of.get("description", "")
        base = {name: getattr(card, name) for name in words_model(Claim).word_fields}
        words = resolve_values(base, language, claim_rows.get(card.id))
        card.statement, card.quote = words["statement"], words["quote"]
        card.verdict_explanation = words["verdict_explanation"]
        card.lang = words.lang
        card.verdict_explanation_lang = words.language_of("verdict_explanation")
        for source in card.sources:  # each card's own (claim_card builds them per claim)
            words = resolve_values(
                {"title": source.title}, language, source_rows.get(source.source_id)
            )
            source.title, source.title_lang = words["title"], words.lang


def claim_page_objects(claim, sources=(), relations=(), inbound_relations=()) -> list:
    """What a claim's page names: the claim, its claimant, its sources (ClaimSource rows) and
    its related claims both ways, with their claimants."""
    related = [r.other for r in relations] + [r.claim for r in inbound_relations]
    return [
        claim,
        claim.claimant,
        *(claim_source.source for claim_source in sources),
        *related,
        *(other.claimant for other in related),
    ]


def _rows(model, ids, language: str) -> dict:
    """{object id: its words in language} for model's objects among ids, in one query (none
    in the default language)."""
    if language == default_language_code() or not ids:
        return {}
    parent = f"{model._meta.model_name}_id"
    rows = words_model(model).objects.filter(
        locale__language_code=language, **{f"{parent}__in": ids}
    )
    return {getattr(row, parent): row for row in rows}


def _put(obj, language: str, row) -> None:
    words = resolve(obj, language, row)
    for name in words.values:
        setattr(obj, name, words[name])
    obj.lang_of = {name: words.language_of(name) for name in words.values}
    if "title" in obj.lang_of:
        obj.title_lang = obj.lang_of["title"]
