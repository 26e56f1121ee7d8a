"""Which saved or deleted model drops which scopes: each app declares its own.

An app calls `declare()` from its AppConfig.ready() for its models (or for a mixin or base
class: the closest declared class in an instance's MRO decides):

    declare(Author, SITE)                          # always the same scopes
    declare(StoryPage, story_scopes, remember=...)  # scopes from the instance
    declare(ArticleByline, AS_PARENT)               # what its cluster parent drops

On post_save and post_delete, the scopes are started anew once the transaction commits.
Saves that readers cannot see drop nothing: a draft's bookkeeping (Wagtail saves only
EDITORS_ONLY_FIELDS when an editor saves a draft, locks or comments), a new object that is
not live, a row of an object that is not live (a new draft story's links). Writes that bypass
Django's signals (queryset.update(), raw SQL) are caught only when the entries expire.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from modelcluster.fields import ParentalKey
from wagtail.models import DraftStateMixin
from wagtail.models.pages import COMMENTS_RELATION_NAME

from caching.generations import start_new

# What Wagtail saves alone when an editor saves a draft, locks or comments: nothing a reader
# sees, so it keeps every cached thing (an editor's work day no longer empties the cache).
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


def AS_PARENT(instance, before=None):  # noqa: N802 (a constant-like rule name)
    """The scopes the instance's cluster parent drops (a story's byline: the story's); the
    whole site's when the parent is not at hand (a row deleted on its own)."""
    for parent in cached_parents(instance):
        rule = rule_for(type(parent))
        if rule is not None:
            return rule.scopes(parent, getattr(parent, "_caching_before", None))
    return None


@dataclass(frozen=True)
class Rule:
    drops: tuple | Callable  # scopes, or scopes(instance, before) -> iterable (None: fallback)
    remember: Callable | None = None  # pre_save: remember(instance) -> before, for drops
    fallback: tuple = ()  # scopes dropped when drops() gives None

    def scopes(self, instance, before=None) -> set[str]:
        if not callable(self.drops):
            return set(self.drops)
        found = self.drops(instance, before)
        return set(self.fallback if found is None else found)


_rules: dict[type, Rule] = {}


def declare(model, drops, remember=None, fallback=()) -> None:
    """Saving or deleting an instance of model (or of a subclass) drops these scopes.

    drops: a tuple of scopes, or drops(instance, before) -> scopes (or None for fallback);
    remember(instance) runs before a save of an existing instance and its result is passed
    as before (e.g. the conflict a story was on, to drop it when the story leaves it)."""
    if isinstance(drops, str):
        drops = (drops,)
    _rules[model] = Rule(drops, remember, tuple(fallback))


def rule_for(model) -> Rule | None:
    """The rule of the closest declared class in model's MRO."""
    for klass in model.__mro__:
        if klass in _rules:
            return _rules[klass]
    return None


def cached_parents(instance) -> list:
    """The cluster parents (ParentalKey) instance holds in memory; no query."""
    return [
        field.get_cached_value(instance)
        for field in instance._meta.concrete_fields
        if isinstance(field, ParentalKey) and field.is_cached(instance)
    ]


def _not_live(obj) -> bool:
    return isinstance(obj, DraftStateMixin) and not obj.live


def reaches_readers(instance, created: bool, update_fields) -> bool:
    """Whether saving instance can change what readers see (see the module's docstring)."""
    if update_fields is not None and set(update_fields) <= EDITORS_ONLY_FIELDS:
        return False
    if created and _not_live(instance):
        return False
    return not any(_not_live(parent) for parent in cached_parents(instance))


def before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save: let the rule remember what the save is about to replace."""
    rule = rule_for(sender)
    if raw or rule is None or rule.remember is None or instance.pk is None:
        return
    if update_fields is not None and set(update_fields) <= EDITORS_ONLY_FIELDS:
        return
    instance._caching_before = rule.remember(instance)


def after_change(sender, instance, created=False, update_fields=None, **kwargs):
    """post_save / post_delete: start the dropped scopes anew once the change commits."""
    rule = rule_for(sender)
    if rule is None or not reaches_readers(instance, created, update_fields):
        return
    scopes = rule.scopes(instance, getattr(instance, "_caching_before", None))
    if scopes:
        transaction.on_commit(lambda: start_new(sorted(scopes)))


def connect() -> None:
    """Called once from CachingConfig.ready()."""
    pre_save.connect(before_save, dispatch_uid="caching.rules.before")
    post_save.connect(after_change, dispatch_uid="caching.rules.save")
    post_delete.connect(after_change, dispatch_uid="caching.rules.delete")
