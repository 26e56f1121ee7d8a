"""What the plugin's cached things are kept under, and which changes drop them.

Scopes (caching/generations.py):
- SITE: anything of the plugin (actors, claims, their sources, explainers and their
  timelines), any other page, a view restriction, a Wagtail site;
- STORIES: any story (a page with RelatedContextMixin) or one of its link rows; lists of
  stories of every conflict (partner API lists, search, an actor's page) are kept under
  LIST_SCOPES, so any story's change drops them;
- conflict:<id>: a story on that conflict, or one that left it, saved in any way (created
  live with no publish too, which no context version sees). An explainer's content (it lists
  the newest stories on its conflict) and a host's story rows are kept under
  page_scopes(page), a story's sidebar under sidebar_scopes(page): stories on other
  conflicts keep theirs when a story is published;
- STRUCTURE: what no context version tracks (conflicts/context_versions.py) and a sidebar
  still shows: page addresses and who may see a page. Dropped by a page moved (any page:
  Wagtail saves the moved page as a plain Page), a page other than a story or an explainer
  whose address or liveness changed or that was deleted (a section renamed readdresses its
  stories), a view restriction saved or deleted, a Wagtail site saved or deleted. Never by
  the plugin's snippets, a story or an explainer saved: their changes move the context
  versions of exactly the stories that show them (conflicts/sidebar/cache.py).
A host declares its own models in its AppConfig.ready() (caching.rules.declare).
"""

from django.apps import apps
from wagtail.models import Page, PageViewRestriction, Site

from caching import rules
from caching.generations import SITE
from conflicts.models import ActorLinkBase, ClaimLinkBase, ConflictExplainerPage
from conflicts.models.related import RelatedContextMixin

STORIES = "stories"
STRUCTURE = "site-structure"
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
    """What a page's cached parts (explainer content, a host's story rows) are kept under:
    the site and its conflict."""
    return (SITE, conflict_scope(conflict_of(page)))


def sidebar_scopes(page) -> tuple[str, str]:
    """What a story's sidebar is kept under beside its version: page addresses and view
    restrictions, and its conflict's stories (not the site: the plugin's changes move
    versions)."""
    return (STRUCTURE, conflict_scope(conflict_of(page)))


def remember_conflict(story) -> tuple:
    """Before a story is saved: the conflict it was on (one query), so that leaving it drops
    that conflict's cached parts too."""
    before = type(story)._base_manager.filter(pk=story.pk).values_list("explainer_id")
    return next(iter(before), (None,))


def story_drops(story, before) -> set[str]:
    """A story's change drops every list of stories and the cached parts of its conflict and
    of the one it was on."""
    conflicts = {story.explainer_id, (before or (story.explainer_id,))[0]}
    return {STORIES, *(conflict_scope(pk) for pk in conflicts)}


def remember_address(page) -> tuple | None:
    """Before a page is saved: its address and liveness (one query)."""
    return Page._base_manager.filter(pk=page.pk).values_list("url_path", "live").first()


def page_drops(page, before) -> set[str]:
    """Any page drops the site; STRUCTURE too when its address or liveness changed (a move,
    a new slug: its descendants have new addresses) or was not read (a deletion)."""
    if before is not None and before == (page.url_path, page.live):
        return {SITE}
    return {SITE, STRUCTURE}


def declare() -> None:
    """Called once from ConflictsConfig.ready()."""
    for model in apps.get_app_config("conflicts").get_models():
        rules.declare(model, SITE)
    rules.declare(Page, page_drops, remember=remember_address)  # addresses show in sidebars
    rules.declare(PageViewRestriction, (SITE, STRUCTURE))
    rules.declare(Site, (SITE, STRUCTURE))
    rules.declare(RelatedContextMixin, story_drops, remember=remember_conflict)
    for link in (ActorLinkBase, ClaimLinkBase):
        rules.declare(link, rules.AS_PARENT, fallback=(SITE,))
