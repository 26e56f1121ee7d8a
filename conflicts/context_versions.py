"""Context versions: when what readers see of a story, or of the context shown with it, last
changed (`context_updated_at` on every story, RelatedContextMixin).

A story's own publish sets it (RelatedContextMixin.note_going_live). A change to something a
sidebar shows moves it forward for exactly the live stories that show that thing
(conflicts/showing.py), in one UPDATE per story model, then sends `context_changed` with
their ids (conflicts/signals.py), both in the change's transaction:

- an actor (its card; the claimant on its claims' cards), a claim (its card: statement,
  verdict, sources), going live, changed live, going off or deleted;
- a source saved (the claim cards that cite it);
- an explainer (its card and timeline) going live, changed live, going off or deleted: the
  stories on its conflict;
- a story going live, changed, going off or deleted: the stories on its conflict whose "more
  stories" list it, before or after (a new story on a conflict enters every list).

Only a change readers see counts: what the sidebar shows of the thing is read just before it
is saved (pre_save, one or two queries) and compared after. A draft (a revision saved, not
published) moves nothing; republishing with nothing shown changed moves nothing.
"""

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.utils import timezone
from wagtail.signals import page_published, page_unpublished, published, unpublished

from conflicts import showing
from conflicts.models import (
    Actor,
    Claim,
    ClaimSource,
    ConflictExplainerPage,
    Source,
    TimelineEvent,
)
from conflicts.models.actors import ACTOR_CARD_FIELDS
from conflicts.models.claims import CLAIM_CARD_FIELDS
from conflicts.models.pages import TIMELINE_ENTRY_FIELDS
from conflicts.models.related import story_models
from conflicts.models.sources import SOURCE_REF_FIELDS
from conflicts.models.translations import (
    ActorTranslation,
    ClaimTranslation,
    SourceTranslation,
)
from conflicts.signals import context_changed

BEFORE = "_context_shown_before"
EXPLAINER_CARD_FIELDS = (
    *("live", "title", "slug", "url_path", "summary", "status", "region", "last_reviewed"),
)
STORY_LINK_FIELDS = ("live", "title", "slug", "url_path", "explainer_id")


def bump_context(finder: Q, reason: str, instance) -> dict[type, list[int]]:
    """Move the context version of the live stories finder matches to now, and tell the host
    (context_changed, once per story model with stories). {story model: their ids}."""
    changed_at = timezone.now()
    bumped = {}
    with transaction.atomic():
        for model in story_models():
            pks = list(
                model.objects.live().filter(finder).order_by("pk").values_list("pk", flat=True)
            )
            if not pks:
                continue
            model.objects.filter(pk__in=pks).update(context_updated_at=changed_at)
            bumped[model] = pks
            context_changed.send(
                sender=model, pks=pks, changed_at=changed_at, reason=reason, instance=instance
            )
    return bumped


# --- What readers see of each thing, read from the database --------------------------------


def _row(model, pk, fields) -> tuple | None:
    return model._base_manager.filter(pk=pk).values_list(*fields).first()


def _rows(model, fields, **filters) -> list[tuple]:
    return list(model.objects.filter(**filters).order_by("sort_order", "pk").values_list(*fields))


def _card(row, children=()) -> tuple | None:
    """(live, the row, its child rows), for a row whose first column is `live`."""
    return None if row is None else (bool(row[0]), row, list(children))


def _words(model, **filters) -> list[tuple]:
    """An object's words in every other language (its translation rows), as shown."""
    fields = ("locale_id", *model.word_fields)
    return list(model.objects.filter(**filters).order_by("locale_id").values_list(*fields))


def actor_shown(pk):
    return _card(_row(Actor, pk, ACTOR_CARD_FIELDS), _words(ActorTranslation, actor_id=pk))


def claim_shown(pk):
    sources = _rows(ClaimSource, ("source_id", "shows", "quote"), claim_id=pk)
    words = _words(ClaimTranslation, claim_id=pk)
    return _card(_row(Claim, pk, CLAIM_CARD_FIELDS), [*sources, *words])


def source_shown(pk):
    """A source is shown wherever a claim card cites it (it has no publishing of its own)."""
    row = _row(Source, pk, SOURCE_REF_FIELDS)
    return None if row is None else (True, row, [])


def explainer_shown(pk):
    events = _rows(TimelineEvent, TIMELINE_ENTRY_FIELDS, page_id=pk)
    return _card(_row(ConflictExplainerPage, pk, EXPLAINER_CARD_FIELDS), events)


def story_shown(model, pk):
    """What a story's link in another's "more stories" shows, and where it sits."""
    return _row(model, pk, (*STORY_LINK_FIELDS, model.context_date_field))


def _shown(instance):
    model = type(instance)
    if model in SHOWN:
        return SHOWN[model](instance.pk)
    return story_shown(model, instance.pk)


def remember_shown(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save: what readers saw of instance, before a save that may change it (not the
    saves of a draft revision, which name only their bookkeeping fields)."""
    if raw or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & SHOWN_FIELDS[type(instance)]:
        return
    setattr(instance, BEFORE, _shown(instance))


def shown_changed(instance) -> bool:
    """Whether readers see instance otherwise than before its last save; True when that
    was not read (a change saved some other way)."""
    missing = object()
    before = instance.__dict__.pop(BEFORE, missing)
    if before is missing:
        return True
    after = _shown(instance)
    if not (before and before[0]) and not (after and after[0]):
        return False  # shown neither before nor after: a publish scheduled for later
    return before != after


# --- Receivers -----------------------------------------------------------------------------


def actor_or_claim_changed(sender, instance, **kwargs):
    """published / unpublished of an actor or a claim."""
    if not shown_changed(instance):
        return
    if isinstance(instance, Actor):
        bump_context(showing.stories_showing_actor(instance), "actor", instance)
    else:
        bump_context(showing.stories_showing_claim(instance), "claim", instance)


def actor_or_claim_deleted(sender, instance, **kwargs):
    """pre_delete: found while its links still exist."""
    if not instance.live:
        return
    if isinstance(instance, Actor):
        bump_context(showing.stories_showing_actor(instance), "actor", instance)
    else:
        bump_context(showing.stories_showing_claim(instance), "claim", instance)


def source_saved(sender, instance, created=False, raw=False, **kwargs):
    """post_save of a source (sources are saved, not published)."""
    if raw or created or not shown_changed(instance):
        return
    bump_context(showing.stories_showing_source(instance), "claim", instance)


def source_words_changed(sender, instance, raw=False, **kwargs):
    """post_save / post_delete of a source's title in another language: saved after the
    source itself (a child row), so the source's own post_save did not see it."""
    if raw or not instance.source_id:
        return
    if kwargs.get("signal") is post_save and not shown_changed(instance):
        return
    bump_context(showing.stories_showing_source(instance.source), "claim", instance)


def explainer_changed(sender, instance, **kwargs):
    """page_published / page_unpublished of an explainer, or its deletion: the stories on it
    and on its translations (a story shows the explainer's translation in its language)."""
    if kwargs.get("signal") is pre_delete:
        if not instance.live:
            return
    elif not shown_changed(instance):
        return
    on_it = showing.stories_linking(explainer__translation_key=instance.translation_key)
    bump_context(on_it, "explainer", instance)


def story_changed(sender, instance, **kwargs):
    """page_published / page_unpublished of a story: the stories whose "more stories" list
    it, before and after."""
    missing = object()
    before = instance.__dict__.pop(BEFORE, missing)
    after = story_shown(sender, instance.pk)
    if before is missing:
        before = after
    elif before == after:
        return
    finder = Q(pk__in=[])
    for shown in {before, after} - {None}:
        finder |= _listing(sender, instance.pk, shown)
    bump_context(finder, "story", instance)


def story_deleted(sender, instance, **kwargs):
    """pre_delete of a story: the stories whose "more stories" list it."""
    if instance.live:
        shown = story_shown(sender, instance.pk)
        if shown is not None:
            bump_context(_listing(sender, instance.pk, shown), "story", instance)


def _listing(model, pk, shown) -> Q:
    live, *_, explainer_id, story_date = shown
    if not live or explainer_id is None or story_date is None:
        return Q(pk__in=[])
    return showing.stories_listing(model, explainer_id, pk, story_date) or Q(pk__in=[])


def source_words_shown(pk):
    row = _row(SourceTranslation, pk, ("source_id", "locale_id", "title"))
    return None if row is None else (True, row, [])


SHOWN = {
    Actor: actor_shown,
    Claim: claim_shown,
    Source: source_shown,
    SourceTranslation: source_words_shown,
    ConflictExplainerPage: explainer_shown,
}
# The fields whose save may change what readers see (a save naming none of them does not).
SHOWN_FIELDS = {
    Actor: set(ACTOR_CARD_FIELDS) | {"translations"},
    Claim: set(CLAIM_CARD_FIELDS) | {"claim_sources", "translations"},
    Source: set(SOURCE_REF_FIELDS),
    SourceTranslation: {"locale", "title"},
    ConflictExplainerPage: set(EXPLAINER_CARD_FIELDS) | {"timeline_events"},
}


def connect_context_signals() -> None:
    """Called once from ConflictsConfig.ready()."""
    for model in (Actor, Claim):
        uid = f"context-{model._meta.label_lower}"
        pre_save.connect(remember_shown, sender=model, dispatch_uid=f"{uid}-before")
        published.connect(actor_or_claim_changed, sender=model, dispatch_uid=uid)
        unpublished.connect(actor_or_claim_changed, sender=model, dispatch_uid=f"{uid}-off")
        pre_delete.connect(actor_or_claim_deleted, sender=model, dispatch_uid=f"{uid}-deleted")
    pre_save.connect(remember_shown, sender=Source, dispatch_uid="context-source-before")
    post_save.connect(source_saved, sender=Source, dispatch_uid="context-source")
    words = SourceTranslation
    pre_save.connect(remember_shown, sender=words, dispatch_uid="context-source-words-before")
    post_save.connect(source_words_changed, sender=words, dispatch_uid="context-source-words")
    post_delete.connect(
        source_words_changed, sender=words, dispatch_uid="context-source-words-gone"
    )
    explainer = ConflictExplainerPage
    pre_save.connect(remember_shown, sender=explainer, dispatch_uid="context-explainer-before")
    page_published.connect(explainer_changed, sender=explainer, dispatch_uid="context-explainer")
    page_unpublished.connect(explainer_changed, sender=explainer, dispatch_uid="context-exp-off")
    pre_delete.connect(explainer_changed, sender=explainer, dispatch_uid="context-exp-deleted")
    for model in story_models():
        uid = f"context-{model._meta.label_lower}"
        SHOWN_FIELDS[model] = {*STORY_LINK_FIELDS, "explainer", model.context_date_field}
        pre_save.connect(remember_shown, sender=model, dispatch_uid=f"{uid}-before")
        page_published.connect(story_changed, sender=model, dispatch_uid=uid)
        page_unpublished.connect(story_changed, sender=model, dispatch_uid=f"{uid}-off")
        pre_delete.connect(story_deleted, sender=model, dispatch_uid=f"{uid}-deleted")
