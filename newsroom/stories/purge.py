"""Purging from the frontend cache every page that shows a story when it goes live or off.

A story shows on its own page, its section and tag pages (the first numbered pages of
them: pagination.numbered_pages_to_purge), the home page, its conflict's explainer and the
sidebars of the other stories on that conflict, the pages of the actors and claims it
links, and the feeds it is in (site, corrections, section, conflict, actor). All found
in a fixed number of queries and purged in one `PurgeBatch` through
Wagtail's frontend cache backends (WAGTAILFRONTENDCACHE). Actors and claims are the
plugin's (conflicts/purge.py); this module adds their feeds, which the host owns.

The pages that showed a live story before it was republished are purged too: a story that
loses a tag, an actor or a claim, or moves to another conflict, leaves that tag's pages,
the actor's page and feeds, the claim's page, the old explainer, its feeds and the sidebars
of its newest stories. What showed it is read in one query just before the publish saves
its new links (note_links_before_save).

A page whose address changes (a new slug, a move) has its old and new URLs purged, and
those of the pages under it.
"""

from django.conf import settings
from django.db.models import Count, Q, Value
from django.db.models.signals import pre_save
from django.urls import reverse
from taggit.models import Tag
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from conflicts.models import Actor, Claim, ConflictExplainerPage
from conflicts.purge import add_site_paths, collecting_purge_urls, newest_live_stories
from newsroom.stories.models import (
    ArticleActorLink,
    ArticleClaimLink,
    ArticlePage,
    ArticleTag,
    HomePage,
)
from newsroom.stories.pagination import numbered_pages_to_purge


def feed_paths(name: str, *args) -> list[str]:
    """The RSS and Atom paths of one feed, e.g. feed_paths("section", "news")."""
    return [reverse(f"feeds:{name}_{kind}", args=args) for kind in ("rss", "atom")]


def article_purge_batch(article, before=None) -> PurgeBatch:
    """Every URL that shows article (see the module docstring) and, given `before` (what
    showed it until its last save: note_links_before_save), every URL that showed it."""
    before = before or {}
    batch = PurgeBatch()
    batch.add_page(article)
    section = article.get_parent()
    shows_it = Q(pk=section.pk) | Q(pk__in=HomePage.objects.ancestor_of(article).values("pk"))
    paths = [*feed_paths("site"), *feed_paths("corrections"), *feed_paths("section", section.slug)]
    explainers = ({article.explainer_id} | before.get("explainer", set())) - {None}
    for explainer_id in explainers:
        shows_it |= Q(pk=explainer_id) | Q(pk__in=latest_on_conflict(article, explainer_id))
    explainer_slugs = Page.objects.filter(pk__in=explainers).values_list("slug", flat=True)
    paths += [path for slug in explainer_slugs for path in feed_paths("conflict", slug)]
    batch.add_pages(Page.objects.live().filter(shows_it))
    actors = Q(pk__in=article.actor_links.values("actor_id")) | Q(pk__in=before.get("actor", ()))
    for slug in Actor.objects.filter(actors, live=True).values_list("slug", flat=True):
        paths += [Actor(slug=slug).get_absolute_url(), *feed_paths("actor", slug)]
    claims = Q(pk__in=article.claim_links.values("claim_id")) | Q(pk__in=before.get("claim", ()))
    paths += [
        Claim(slug=slug).get_absolute_url()
        for slug in Claim.objects.filter(claims, live=True).values_list("slug", flat=True)
    ]
    paths += tag_paths(article, before.get("tag", ()))
    add_site_paths(batch, paths)
    return batch


def latest_on_conflict(article, explainer_id=None):
    """The other live stories on article's conflict (or on explainer_id, one it left) whose
    sidebars list it ("more on this conflict"): every one of them, but only the newest
    settings.PURGE_CONFLICT_STORIES are purged; older ones, read rarely, expire after
    PAGE_CACHE_S_MAXAGE."""
    return newest_live_stories(
        ArticlePage,
        explainer_id or article.explainer_id,
        settings.PURGE_CONFLICT_STORIES,
        exclude=article.pk,
    )


def tag_paths(article, before=()) -> list[str]:
    """The tag pages of article's tags and of those it had until its last save (`before`, tag
    ids), with their first numbered pages, in one query; a tag no live story carries any
    more is purged too, as its cached copy still lists article."""
    stories = "newsroom_articletag_items__content_object"
    live_others = Q(**{f"{stories}__live": True}) & ~Q(**{stories: article})
    counts = (
        Tag.objects.filter(Q(pk__in=article.tagged_items.values("tag_id")) | Q(pk__in=before))
        .annotate(others=Count(stories, filter=live_others, distinct=True))
        .values_list("slug", "others")
    )
    paths = []
    for slug, others in counts:
        url = reverse("tag", args=[slug])
        # article counts too: it is on the tag, or was until now (live, or going off)
        paths += [url, *(f"{url}?page={n}" for n in numbered_pages_to_purge(others + 1))]
    return paths


def note_links_before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """Signal receiver (pre_save): a live story is saved in full (published or unpublished; a
    draft saves only update_fields). Before modelcluster replaces its links, keep on it what
    showed it until now (explainer, tag, actor and claim ids) for purge_article."""
    if raw or update_fields is not None or instance.pk is None:
        return
    live = ArticlePage.objects.filter(pk=instance.pk, live=True)
    first, *rest = (
        part.order_by()  # SQLite takes no ORDER BY in the parts of a UNION
        for part in (
            live.values_list(Value("explainer"), "explainer_id"),
            ArticleTag.objects.filter(content_object__in=live).values_list(Value("tag"), "tag_id"),
            ArticleActorLink.objects.filter(page__in=live).values_list(Value("actor"), "actor_id"),
            ArticleClaimLink.objects.filter(page__in=live).values_list(Value("claim"), "claim_id"),
        )
    )
    rows = first.union(*rest, all=True)
    instance.shown_before = {}
    for kind, pk in rows:
        instance.shown_before.setdefault(kind, set()).add(pk)


def purge_article(sender, instance, **kwargs):
    """Signal receiver: a story was published (or changed live) or unpublished."""
    article_purge_batch(instance, getattr(instance, "shown_before", None)).purge()


def address_change_batch(page, old_url_path: str) -> PurgeBatch:
    """The old and new URLs of page and of every live page under it, once its address changed:
    a CDN would otherwise keep serving the old page at the old address (now a redirect)."""
    under = Page.objects.live().descendant_of(page).values_list("url_path", flat=True)
    new = [page.url_path, *under]
    old = [old_url_path + url_path[len(page.url_path) :] for url_path in new]
    batch = PurgeBatch()
    for root in Site.get_site_root_paths():
        batch.add_urls(
            root.root_url + path[len(root.root_path) - 1 :]
            for path in old + new
            if path.startswith(root.root_path)
        )
    return batch


def purge_old_address_after_rename(sender, instance, instance_before, **kwargs):
    """Signal receiver: a page's slug changed (Wagtail sends it once the change is saved)."""
    address_change_batch(instance, instance_before.url_path).purge()


def purge_old_address_after_move(sender, instance, url_path_before, **kwargs):
    """Signal receiver: a page moved (to another parent; a reorder keeps its address)."""
    if url_path_before != instance.url_path:
        address_change_batch(instance, url_path_before).purge()


def add_actor_feeds(sender, instance, batch, **kwargs):
    """The plugin purges an actor's pages; the actor's feeds are the host's."""
    add_site_paths(batch, feed_paths("actor", instance.slug))


def add_corrections_feed(sender, instance, batch, **kwargs):
    """The plugin purges a claim's pages; the corrections feed lists its verdict changes."""
    if instance.verdict_changes.exists():
        add_site_paths(batch, feed_paths("corrections"))


def add_conflict_feeds(sender, instance, batch, **kwargs):
    """The plugin purges an explainer's pages; the conflict's feeds are the host's."""
    add_site_paths(batch, feed_paths("conflict", instance.slug))


def connect() -> None:
    pre_save.connect(note_links_before_save, sender=ArticlePage, dispatch_uid="purge_links_before")
    page_published.connect(purge_article, sender=ArticlePage, dispatch_uid="purge_article")
    page_unpublished.connect(purge_article, sender=ArticlePage, dispatch_uid="purge_article_off")
    page_slug_changed.connect(purge_old_address_after_rename, dispatch_uid="purge_renamed")
    post_page_move.connect(purge_old_address_after_move, dispatch_uid="purge_moved")
    collecting_purge_urls.connect(add_actor_feeds, sender=Actor, dispatch_uid="purge_actor_feeds")
    collecting_purge_urls.connect(
        add_corrections_feed, sender=Claim, dispatch_uid="purge_corrections_feed"
    )
    collecting_purge_urls.connect(
        add_conflict_feeds, sender=ConflictExplainerPage, dispatch_uid="purge_conflict_feeds"
    )
