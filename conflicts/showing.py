"""Which pages show an actor, a claim, a source, an explainer or a story: said once, for the
frontend-cache purges (conflicts/purge.py) and the stories' context versions
(conflicts/context_versions.py).

Each finder is a `Q` on page ids (or a queryset of them), so a caller adds it to one query:
stories link things through the host's link models (story_models()), and mention them in
their text or embed them as blocks, which Wagtail's reference index records.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField, CharField, Q
from django.db.models.functions import Cast
from wagtail.models import Page, ReferenceIndex

from conflicts.models import Claim, ConflictParty, TimelineEvent
from conflicts.models.related import story_models
from conflicts.sidebar.build import MORE_STORIES


def _references_to(model, object_ids) -> Q:
    """Pages whose content references objects of model (ids: a list or a subquery of
    strings): mentions in text, card blocks, link rows."""
    refs = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
        to_object_id__in=object_ids,
        base_content_type=ContentType.objects.get_for_model(Page),
    ).annotate(page_id=Cast("object_id", BigIntegerField()))
    return Q(pk__in=refs.values("page_id"))


def mentioned_in_pages(obj) -> Q:
    """Pages whose content references obj: mentions in text, card blocks, link rows."""
    return _references_to(type(obj), [str(obj.pk)])


def stories_linking(**filters) -> Q:
    """Host pages (stories) whose link rows match filters, e.g. actor_links__actor=actor."""
    q = Q(pk__in=[])
    for model in story_models():
        q |= Q(pk__in=model.objects.filter(**filters).values("pk"))
    return q


def _claim_ids_as_text(claims) -> object:
    """A subquery of the claims' ids as the reference index stores them (text)."""
    return claims.annotate(text_id=Cast("pk", CharField())).values("text_id")


def pages_showing_actor(actor):
    """Live pages that show actor: stories linking or mentioning it or its claims, the
    explainers that list it as a party, on the timeline or through its claims."""
    return Page.objects.live().filter(
        stories_linking(actor_links__actor=actor)
        | stories_linking(claim_links__claim__claimant=actor)
        | mentioned_in_pages(actor)
        | Q(pk__in=ConflictParty.objects.filter(actor=actor).values("page_id"))
        | Q(pk__in=TimelineEvent.objects.filter(actors=actor).values("page_id"))
        | Q(pk__in=Claim.objects.filter(claimant=actor).values("conflict_id"))
    )


def pages_showing_claim(claim):
    """Live pages that show claim: stories linking or mentioning it, its conflict's explainer."""
    return Page.objects.live().filter(
        stories_linking(claim_links__claim=claim)
        | mentioned_in_pages(claim)
        | Q(pk=claim.conflict_id)
    )


# --- Stories whose sidebar (and API related_context) show a thing -------------------------


def stories_showing_claims(claims) -> Q:
    """Stories that link, mention or embed any of claims (a queryset): their claim cards."""
    return stories_linking(claim_links__claim__in=claims) | _references_to(
        Claim, _claim_ids_as_text(claims)
    )


def stories_showing_claim(claim) -> Q:
    """Stories whose sidebar shows claim's card."""
    return stories_linking(claim_links__claim=claim) | mentioned_in_pages(claim)


def stories_showing_actor(actor) -> Q:
    """Stories whose sidebar shows actor: its card (linked, mentioned, embedded) or the card
    of a claim it made (the claimant's name and description are on it)."""
    return (
        stories_linking(actor_links__actor=actor)
        | mentioned_in_pages(actor)
        | stories_showing_claims(Claim.objects.filter(claimant=actor))
    )


def stories_showing_source(source) -> Q:
    """Stories whose sidebar shows source: on the card of a claim that cites it."""
    return stories_showing_claims(Claim.objects.filter(claim_sources__source=source))


def stories_on_conflict(explainer_id) -> Q:
    """Stories about a conflict: their sidebar shows its card, timeline and stories."""
    return stories_linking(explainer_id=explainer_id)


def newest_live_stories(model, explainer_id, limit: int, exclude=None):
    """The pks (a subquery) of the newest `limit` live host pages of model on a conflict, by
    their context date; a newer draft does not take a live story's place."""
    stories = model.objects.live().on_conflict(explainer_id)
    if exclude is not None:
        stories = stories.exclude(pk=exclude)
    return stories.newest().values("pk")[:limit]


def stories_linking_explainer(page, newest: int | None) -> Q:
    """Host pages (stories) that link the explainer: all of them, or only the `newest` of
    each host page model (by its context date)."""
    if newest is None:
        return stories_on_conflict(page.pk)
    matching = Q(pk__in=[])
    for model in story_models():
        matching |= Q(pk__in=newest_live_stories(model, page.pk, newest))
    return matching


def stories_listing(model, explainer_id, story_pk, story_date) -> Q | None:
    """The stories of model on a conflict whose "more stories" list a story of that date
    (the story itself aside), or None: one query.

    A sidebar lists the MORE_STORIES newest live, public stories on the conflict other than
    its own story. With `newer` of them newer than this one: fewer than MORE_STORIES, it is
    in every other story's list; exactly MORE_STORIES, only in theirs (leaving each of them
    out lifts it into the list); more, in none.
    """
    others = model.objects.live_public().on_conflict(explainer_id).exclude(pk=story_pk)
    field = model.context_date_field
    newest = list(others.newest(MORE_STORIES + 1).values_list("pk", field))
    newer = [pk for pk, date in newest if date is not None and date > story_date]
    if len(newer) < MORE_STORIES:
        return Q(pk__in=others.values("pk"))
    if len(newer) == MORE_STORIES:
        return Q(pk__in=newer)
    return None
