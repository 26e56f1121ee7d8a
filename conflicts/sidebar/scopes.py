"""What the plugin's cached things are kept under, and which changes drop them.

Scopes (caching/generations.py):
- SITE: anything of the plugin (actors, claims, their sources, explainers and their
  timelines), any other page, a view restriction;
- STORIES: any story (a page with RelatedContextMixin) or one of its link rows; lists of
  stories of every conflict (partner API lists, search, an actor's page) are kept under
  LIST_SCOPES, so any story's change drops them;
- conflict:<id>: a story on that conflict, or one that left it. A story's sidebar (it lists
  the newest stories on its conflict) and an explainer's content are kept under
  page_scopes(page): stories on other conflicts keep theirs when a story is published.
A host declares its own models in its AppConfig.ready() (caching.rules.declare).
"""

from django.apps import apps
from wagtail.models import Page, PageViewRestriction

from caching import rules
from caching.generations import SITE
from conflicts.models import ActorLinkBase, ClaimLinkBase, ConflictExplainerPage
from conflicts.models.related import RelatedContextMixin

STORIES = "stories"
LIST_SCOPES = (SITE, STORIES)


def conflict_scope(explainer_id) -> str:
    return f"conflict:{explainer_id}"


def conflict_of(page):
    """The conflict whose stories a page's cached parts list: a story's explainer, or an
    explainer page itself (its "Stories on this conflict")."""
    if isinstance(page, ConflictExplainerPage):
        return page.pk
    return getattr(page, "explainer_id", None)


def page_scopes(page) -> tuple[str, str]:
    """What a page's cached parts (sidebar, explainer content, a host's story rows) are kept
    under: the site and its conflict."""
    return (SITE, conflict_scope(conflict_of(page)))


def remember_conflict(story) -> tuple:
    """Before a story is saved: the conflict it was on (one query), so that leaving it drops
    that conflict's sidebars too."""
    before = type(story)._base_manager.filter(pk=story.pk).values_list("explainer_id")
    return next(iter(before), (None,))


def story_drops(story, before) -> set[str]:
    """A story's change drops every list of stories and the sidebars of its conflict and of
    the one it was on."""
    conflicts = {story.explainer_id, (before or (story.explainer_id,))[0]}
    return {STORIES, *(conflict_scope(pk) for pk in conflicts)}


def declare() -> None:
    """Called once from ConflictsConfig.ready()."""
    for model in apps.get_app_config("conflicts").get_models():
        rules.declare(model, SITE)
    rules.declare(Page, SITE)  # titles and addresses show in sidebars
    rules.declare(PageViewRestriction, SITE)
    rules.declare(RelatedContextMixin, story_drops, remember=remember_conflict)
    for link in (ActorLinkBase, ClaimLinkBase):
        rules.declare(link, rules.AS_PARENT, fallback=(SITE,))
