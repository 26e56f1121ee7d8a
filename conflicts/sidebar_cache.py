"""A cache for built sidebars, dropped whenever anything a sidebar can show changes.

Building a sidebar costs 8 queries and most of an article page's Python time; the same
sidebar is shown to every reader. With settings.CONFLICTS_SIDEBAR_CACHE_SECONDS > 0 the
built RelatedContext is kept in Django's default cache, keyed by the page, the moment it
was last published, the host the reader asked for and two generations:

- the site's: any save or delete of a page other than a story, a view restriction, anything
  of the conflicts plugin (actors, claims, their sources, explainers and their timelines)
  or a model named in CONFLICTS_CACHE_ALSO_DROPPED_BY starts a new one;
- the story's conflict's: a story (a page with RelatedContextMixin) or one of its links
  saved or deleted starts a new one for the conflict it is on and the one it was on before,
  since a sidebar lists the newest stories on its conflict. Stories on other conflicts keep
  their sidebars: publishing a story no longer rebuilds every sidebar of the site.

The partner API's list answers and the host's search results list stories of every
conflict: they read `current_generation()`, which also starts anew with any story.

A new generation starts once the transaction commits, so no reader sees a sidebar older
than the last change; saves that readers cannot see (a draft revision, a lock, a new draft
and its links: `reaches_readers`) do not start one. Writes that skip Django's signals
(queryset.update(), raw SQL) are only caught by the expiry, so keep it short.

Only turn it on with a cache every app server shares (Redis): with a per-process cache an
edit made in one process would not reach the others until the entries expire.
Previews are never cached: they show an editor's unsaved links. The partner API reads the same
entries (an article's related_context, one cache read for a whole list). Explainer pages
keep their rendered content here (their own conflict's generation), and actor pages their
profile (the generation of lists).
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from modelcluster.fields import ParentalKey
from wagtail.models import DraftStateMixin, Page, PageViewRestriction
from wagtail.models.pages import COMMENTS_RELATION_NAME

GENERATION_KEY = "conflicts:sidebar:generation"  # the site's
STORIES_KEY = "conflicts:sidebar:stories"  # any story's (lists of stories read it)
CONFLICT_KEY = "conflicts:sidebar:conflict:{}"  # the stories on one conflict (or "None")
# What Wagtail saves alone when an editor saves a draft, locks or comments: nothing a reader
# sees, so it keeps every cached sidebar (an editor's work day no longer empties the cache).
EDITORS_ONLY_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_by",
        "locked_at",
        COMMENTS_RELATION_NAME,
    }
)
# Part of every key: raise it when the cached dataclasses (conflicts.context) change shape,
# so a release never reads a sidebar pickled by the one before it.
FORMAT = 2


def cache_seconds() -> int:
    return int(getattr(settings, "CONFLICTS_SIDEBAR_CACHE_SECONDS", 0) or 0)


def _generations(keys) -> dict[str, str]:
    """{key: its generation}, in one cache read; a missing one is started (by whichever
    process adds it first)."""
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        started = {key: uuid.uuid4().hex for key in missing}
        for key, generation in started.items():
            cache.add(key, generation, None)
        found.update(started | cache.get_many(missing))
    return found


def current_generation() -> str:
    """The generation of lists of stories (the partner API's lists, search results): new
    whenever anything changes that a reader could see, a story on any conflict included."""
    found = _generations([GENERATION_KEY, STORIES_KEY])
    return f"{found[GENERATION_KEY]}.{found[STORIES_KEY]}"


def conflict_of(page):
    """The conflict whose stories a page's cached parts list: a story's explainer, or an
    explainer page itself (its "Stories on this conflict")."""
    from conflicts.models import ConflictExplainerPage

    if isinstance(page, ConflictExplainerPage):
        return page.pk
    return getattr(page, "explainer_id", None)


def page_generations(pages) -> dict[int, str]:
    """{page id: the generation its cached parts are kept under}: the site's and its
    conflict's."""
    conflicts = {page.pk: CONFLICT_KEY.format(conflict_of(page)) for page in pages}
    found = _generations(sorted({GENERATION_KEY, *conflicts.values()}))
    return {pk: f"{found[GENERATION_KEY]}.{found[key]}" for pk, key in conflicts.items()}


def page_generation(page, request) -> str:
    """page_generations() of one page, read once per request (the sidebar and the host's
    rows cached beside it share it)."""
    if request is None:
        return page_generations([page])[page.pk]
    known = request.__dict__.setdefault("_sidebar_generations", {})
    if page.pk not in known:
        known[page.pk] = page_generations([page])[page.pk]
    return known[page.pk]


def start_new_generation() -> None:
    """Forget every cached sidebar and list (they stay in the cache until they expire,
    unread)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def stories_changed(explainer_ids) -> None:
    """Forget the sidebars of the stories on these conflicts, and every list of stories."""
    keys = [STORIES_KEY, *(CONFLICT_KEY.format(pk) for pk in explainer_ids)]
    cache.set_many({key: uuid.uuid4().hex for key in keys}, None)


def cache_key(page, request, generation: str, kind: str = "data") -> str:
    published = page.last_published_at.timestamp() if page.last_published_at else ""
    host = request.get_host() if request is not None else ""
    return f"conflicts:sidebar:{FORMAT}:{kind}:{generation}:{page.pk}:{published}:{host}"


def cached_for_page(page, request, kind: str, build, generation=page_generation):
    """build(), or what the cache holds under the page's sidebar key for this kind of thing
    (its sidebar's data or HTML, or a host's rows kept beside it). Built afresh when the cache
    is off, for an unsaved page and for previews (they show an editor's unsaved rows).
    `generation(page, request)` names what drops it: by default the site's and the page's
    conflict's."""
    seconds = cache_seconds()
    if not seconds or page.pk is None or getattr(request, "is_preview", False):
        return build()
    key = cache_key(page, request, generation(page, request), kind=kind)
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, seconds)
    return value


def cached_sidebar_html(page, request, render) -> str:
    """The sidebar as rendered by render(data), from the cache when it is on and holds it:
    a warm article page then pays one cache read for its sidebar, not a build and a render."""
    return cached_for_page(page, request, "html", lambda: render(page.get_related_context(request)))


def cached_explainer_html(page, request, render) -> str:
    """An explainer page's content (parties, key facts, body, timeline, claims, stories) as
    rendered by render(), under the same keys: a warm explainer page skips 9 of its queries
    and most of its rendering. A story published on the conflict, or anything of the
    plugin saved, drops it, as it drops the sidebars."""
    return cached_for_page(page, request, "explainer", render)


def cached_actor_profile(actor, request, build) -> dict:
    """An actor page's affiliations, claims and stories (build()), kept under the generation
    of lists: it lists stories of any conflict, so any story's change drops it, as anything
    of the plugin does."""
    return cached_for_page(actor, request, "actor", build, lambda *_: current_generation())


def cached_related_context(page, request=None):
    """The page's sidebar data, from the cache when it is on and holds it."""
    from conflicts.context import related_context

    return cached_for_page(page, request, "data", lambda: related_context(page, request))


def cached_related_contexts(pages, request=None) -> dict:
    """Every page's sidebar data by page id: one cache read for all, then one bulk build
    (conflicts.api.context) for those the cache did not hold."""
    from conflicts.api.context import related_contexts

    seconds = cache_seconds()
    if not seconds:
        return related_contexts(pages, request)
    generations = page_generations(pages)
    keys = {page.pk: cache_key(page, request, generations[page.pk]) for page in pages}
    found = cache.get_many(list(keys.values()))
    contexts = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [page for page in pages if page.pk not in contexts]
    if missing:
        built = related_contexts(missing, request)
        cache.set_many({keys[pk]: data for pk, data in built.items()}, seconds)
        contexts.update(built)
    return contexts


def shows_in_sidebars(model) -> bool:
    """Whether saving or deleting an instance of model can change a sidebar or an API list
    (the host names its own such models, e.g. authors and tags, in
    settings.CONFLICTS_CACHE_ALSO_DROPPED_BY as "app_label.Model")."""
    from conflicts.models.related import ActorLinkBase, ClaimLinkBase

    also = getattr(settings, "CONFLICTS_CACHE_ALSO_DROPPED_BY", ())
    return (
        model._meta.app_label == "conflicts"
        or model._meta.label in also
        or issubclass(model, (Page, PageViewRestriction, ActorLinkBase, ClaimLinkBase))
    )


def not_live(obj) -> bool:
    return isinstance(obj, DraftStateMixin) and not obj.live


def cached_parents(instance) -> list:
    """The cluster parents (ParentalKey) instance holds in memory; no query."""
    return [
        field.get_cached_value(instance)
        for field in instance._meta.concrete_fields
        if isinstance(field, ParentalKey) and field.is_cached(instance)
    ]


def reaches_readers(instance, created: bool, update_fields) -> bool:
    """Whether saving instance can change what readers see. Not: a draft's bookkeeping (a new
    revision, a lock, a comment: Wagtail saves only EDITORS_ONLY_FIELDS then), a new object
    that is not live, or a row of one that is not live (a new draft story's links)."""
    if update_fields is not None and set(update_fields) <= EDITORS_ONLY_FIELDS:
        return False
    if created and not_live(instance):
        return False
    return not any(not_live(parent) for parent in cached_parents(instance))


def story_of(instance):
    """The story (a RelatedContextMixin page) that instance is, or is a row of (a link, or a
    host's row such as a byline); None for anything else, or for a row whose story is not at
    hand (a row deleted on its own: then the whole site's cache is dropped, to be safe)."""
    from conflicts.models.related import RelatedContextMixin

    if isinstance(instance, RelatedContextMixin):
        return instance
    for parent in cached_parents(instance):
        if isinstance(parent, RelatedContextMixin):
            return parent
    return None


def note_conflict_before(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save: remember the conflict a saved story was on (one query), so that leaving it
    drops that conflict's sidebars too. Not for a draft's bookkeeping saves."""
    from conflicts.models.related import RelatedContextMixin

    if raw or not isinstance(instance, RelatedContextMixin) or instance.pk is None:
        return
    if update_fields is not None and set(update_fields) <= EDITORS_ONLY_FIELDS:
        return
    before = type(instance)._base_manager.filter(pk=instance.pk).values_list("explainer_id")
    instance._conflict_before = next(iter(before), (None,))[0]


def on_change(sender, instance, created=False, update_fields=None, **kwargs):
    # Whatever the settings: the API's list cache and the host's search cache read these
    # generations too, and may be on while the sidebar cache is off.
    if not (shows_in_sidebars(sender) and reaches_readers(instance, created, update_fields)):
        return
    story = story_of(instance)
    if story is None:
        transaction.on_commit(start_new_generation)
        return
    conflicts = {story.explainer_id, getattr(story, "_conflict_before", story.explainer_id)}
    transaction.on_commit(lambda: stories_changed(conflicts))


def connect_signals() -> None:
    """Called once from ConflictsConfig.ready()."""
    pre_save.connect(note_conflict_before, dispatch_uid="conflicts.sidebar_cache.before")
    post_save.connect(on_change, dispatch_uid="conflicts.sidebar_cache.save")
    post_delete.connect(on_change, dispatch_uid="conflicts.sidebar_cache.delete")
