"""Warming again, in the worker, the sidebars a change made cold.

A change readers see moves the context version of exactly the stories that show it
(conflicts/context_versions.py); their cached sidebars are then no longer read, as the key
carries the version (conflicts/sidebar/cache.py). For each `context_changed`, once the change
commits, warm_sidebars is enqueued: the worker builds those sidebars 50 at a time (one bulk
build each) and keeps them and their HTML under the new keys, so the next reader pays a cache
read, not a build.

- Only when the sidebar cache is on (CONFLICTS_SIDEBAR_CACHE_SECONDS > 0).
- At most settings.CONFLICTS_WARM_STORIES (500) stories per change, the newest by id (the
  order stories were made in, known without a query in the editor's request); the worker
  builds them newest first by their date. The others are built by their next reader.
- Enqueued on commit: a change rolled back warms nothing, and the immediate backend (tests,
  a site run with no worker) does not build inside the editor's transaction. If the process
  dies between the commit and the enqueue, the next readers build the sidebars themselves.
- A sidebar built without a request holds paths, not URLs with a host, when the site serves
  one Wagtail site: the key then has no host and a reader's request reads what the worker
  kept. With several sites URLs depend on the request's site: the worker warms nothing.
- The HTML is rendered in each story's language (render_sidebar activates it), whatever
  the worker's own.
- A story whose context changed again after the change that asked for the warm-up is left
  out: the later change asked for its own, and a sidebar built now would be kept under a key
  no reader asks for once that change commits (a breaking story's edits, seconds apart, cost
  one warm-up each, not one per edit still queued).
- Enqueued on settings.CONFLICTS_WARM_QUEUE ("default" unless the host names another): the
  newsroom runs that queue in a worker of its own at a lower CPU priority, so warm-ups use
  what readers leave idle and never hold up a webhook delivery (README, "Background work").
"""

from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django_tasks import task

from conflicts.sidebar.cache import (
    cache_seconds,
    serves_several_sites,
    sidebar_htmls_for,
    sidebars_for,
)
from conflicts.signals import context_changed
from conflicts.templatetags.conflicts_tags import render_sidebar

BATCH = 50  # stories per bulk build (a partner's list)


def warm_limit() -> int:
    return int(getattr(settings, "CONFLICTS_WARM_STORIES", 500) or 0)


def warm_queue() -> str:
    return getattr(settings, "CONFLICTS_WARM_QUEUE", "default")


# Behind the rest of the queue (the default priority is 0): until it runs, readers get the
# sidebar built on their request, as before; a warm-up of 500 stories takes seconds.
@task(priority=-50)
def warm_sidebars(story_model: str, pks: list[int], changed_at: str | None = None) -> int:
    """Build and keep the sidebars (data and HTML) of the live stories among pks of
    story_model ("app_label.ModelName"), newest first, BATCH at a time: how many it kept.
    With changed_at (ISO 8601, the change's), only those whose context has not changed since."""
    if not cache_seconds() or serves_several_sites():
        return 0
    model = apps.get_model(story_model)
    newest = model.objects.live().filter(pk__in=pks).order_by(f"-{model.context_date_field}")
    if changed_at:
        newest = newest.filter(context_updated_at__lte=datetime.fromisoformat(changed_at))
    ordered = list(newest.values_list("pk", flat=True)[: warm_limit()])
    for start in range(0, len(ordered), BATCH):
        stories = list(model.objects.filter(pk__in=ordered[start : start + BATCH]))
        sidebar_htmls_for(stories, sidebars_for(stories), render_sidebar)
    return len(ordered)


def warm_after_change(sender, pks, changed_at=None, **kwargs) -> None:
    """context_changed: have the worker warm the newest of these stories once it commits."""
    limit = warm_limit()
    if not cache_seconds() or limit <= 0 or not pks:
        return
    label, newest = sender._meta.label, sorted(pks, reverse=True)[:limit]
    when = changed_at.isoformat() if changed_at else None
    warm = warm_sidebars.using(queue_name=warm_queue())
    transaction.on_commit(lambda: warm.enqueue(label, newest, when), robust=True)


def connect() -> None:
    """Called once from ConflictsConfig.ready()."""
    context_changed.connect(warm_after_change, dispatch_uid="conflicts-warm-sidebars")
