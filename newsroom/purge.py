"""Purging from the frontend cache every page that shows a story when it goes live or off.

A story shows on its own page, its section and tag pages (the first numbered pages of
them: pagination.numbered_pages_to_purge), the home page, its conflict's explainer and the
sidebars of the other stories on that conflict, the pages of the actors and claims it
links, and the feeds it is in (site, section, conflict, actor). All found in a fixed
number of queries and purged in one `PurgeBatch` through
Wagtail's frontend cache backends (WAGTAILFRONTENDCACHE). Actors and claims are the
plugin's (conflicts/purge.py); this module adds their feeds, which the host owns.

A page whose address changes (a new slug, a move) has its old and new URLs purged, and
those of the pages under it.
"""

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from conflicts.models import Actor, Claim, ConflictExplainerPage
from conflicts.purge import add_site_paths, collecting_purge_urls, newest_live_stories
from newsroom.models import ArticlePage, ArticleTag, HomePage
from newsroom.pagination import numbered_pages_to_purge


def feed_paths(name: str, *args) -> list[str]:
    """The RSS and Atom paths of one feed, e.g. feed_paths("section", "news")."""
    return [reverse(f"feeds:{name}_{kind}", args=args) for kind in ("rss", "atom")]


def article_purge_batch(article) -> PurgeBatch:
    """Every URL that shows article (see the module docstring)."""
    batch = PurgeBatch()
    batch.add_page(article)
    section = article.get_parent()
    shows_it = Q(pk=section.pk) | Q(pk__in=HomePage.objects.ancestor_of(article).values("pk"))
    paths = [*feed_paths("site"), *feed_paths("section", section.slug)]
    if article.explainer_id:
        shows_it |= Q(pk=article.explainer_id)
        shows_it |= Q(pk__in=latest_on_conflict(article))
        explainer_slug = Page.objects.filter(pk=article.explainer_id).values_list("slug", flat=True)
        paths += [path for slug in explainer_slug for path in feed_paths("conflict", slug)]
    batch.add_pages(Page.objects.live().filter(shows_it))
    for slug in Actor.objects.filter(
        pk__in=article.actor_links.values("actor_id"), live=True
    ).values_list("slug", flat=True):
        paths += [Actor(slug=slug).get_absolute_url(), *feed_paths("actor", slug)]
    paths += [
        Claim(slug=slug).get_absolute_url()
        for slug in Claim.objects.filter(
            pk__in=article.claim_links.values("claim_id"), live=True
        ).values_list("slug", flat=True)
    ]
    paths += tag_paths(article)
    add_site_paths(batch, paths)
    return batch


def latest_on_conflict(article):
    """The other live stories on article's conflict whose sidebars list it ("more on this
    conflict"): every one of them, but only the newest settings.PURGE_CONFLICT_STORIES are
    purged; older ones, read rarely, expire after PAGE_CACHE_S_MAXAGE."""
    return newest_live_stories(
        ArticlePage, article.explainer_id, settings.PURGE_CONFLICT_STORIES, exclude=article.pk
    )


def tag_paths(article) -> list[str]:
    """The tag pages of article's tags and their first numbered pages, in one query."""
    counts = (
        ArticleTag.objects.filter(tag__in=article.tagged_items.values("tag_id"))
        .filter(Q(content_object__live=True) | Q(content_object=article))  # it may be going off
        .values_list("tag__slug")
        .annotate(stories=Count("content_object", distinct=True))
    )
    paths = []
    for slug, stories in counts:
        url = reverse("tag", args=[slug])
        paths += [url, *(f"{url}?page={n}" for n in numbered_pages_to_purge(stories))]
    return paths


def purge_article(sender, instance, **kwargs):
    """Signal receiver: a story was published (or changed live) or unpublished."""
    article_purge_batch(instance).purge()


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


def add_conflict_feeds(sender, instance, batch, **kwargs):
    """The plugin purges an explainer's pages; the conflict's feeds are the host's."""
    add_site_paths(batch, feed_paths("conflict", instance.slug))


def connect() -> None:
    page_published.connect(purge_article, sender=ArticlePage, dispatch_uid="purge_article")
    page_unpublished.connect(purge_article, sender=ArticlePage, dispatch_uid="purge_article_off")
    page_slug_changed.connect(purge_old_address_after_rename, dispatch_uid="purge_renamed")
    post_page_move.connect(purge_old_address_after_move, dispatch_uid="purge_moved")
    collecting_purge_urls.connect(add_actor_feeds, sender=Actor, dispatch_uid="purge_actor_feeds")
    collecting_purge_urls.connect(
        add_conflict_feeds, sender=ConflictExplainerPage, dispatch_uid="purge_conflict_feeds"
    )
