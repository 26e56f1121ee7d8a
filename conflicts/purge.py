"""Purging from the frontend cache every page that shows an actor, a claim or an explainer.

When an actor or a claim is published (a change goes live), unpublished or deleted, the pages
that show it are stale: its own page, the host pages (stories) that link, mention or
embed it, the explainers that list it, and the pages of the claims and actors around it.
They are found in a fixed number of queries (one for all the Wagtail pages, using the
host's link models and Wagtail's reference index for mentions and blocks: the finders are
conflicts/showing.py's) and purged in one `PurgeBatch` through Wagtail's frontend cache
backends (WAGTAILFRONTENDCACHE).

The lists of actors (/actors/) and claims (/claims/) are purged with them: an actor's
change purges both (a claim's row and the claims filter name its claimant), a claim's
change (a verdict, going live or off) the claims list, an explainer's the claims list (its
rows and filter name their conflict). Only the lists' bare addresses are kept by shared
caches (conflicts/views.py), so those are all the purge names.

An explainer going live or off purges itself (Wagtail does that much on its own), its
index, the stories that link it (their sidebar shows its card; going live, only the
newest settings.CONFLICTS_PURGE_EXPLAINER_STORIES of them) and the pages of its claims
(each names its conflict).

A host adds URLs the plugin cannot know (its feeds, say) by listening to
`collecting_purge_urls`: it is sent with the batch before the purge.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import pre_delete
from django.dispatch import Signal
from django.urls import reverse
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, published, unpublished

from conflicts.models import Actor, ActorAffiliation, Claim, ClaimRelation, ConflictExplainerPage
from conflicts.showing import (
    newest_live_stories,  # noqa: F401  (hosts import it from here)
    pages_showing_actor,
    pages_showing_claim,
    stories_linking_explainer,
)

# Sent as collecting_purge_urls.send(sender=Actor or Claim, instance=obj, batch=batch).
collecting_purge_urls = Signal()


def site_root_urls() -> list[str]:
    """Every site's root URL: the plugin's own pages are served under each of them."""
    return sorted({root.root_url for root in Site.get_site_root_paths()})


def add_site_paths(batch: PurgeBatch, paths) -> None:
    """Add site-relative paths (e.g. "/actors/peskov/") under every site's root URL."""
    for root_url in site_root_urls():
        batch.add_urls(root_url.rstrip("/") + path for path in paths)


def index_paths(*names: str) -> list[str]:
    """The site-relative paths of the plugin's lists ("claim_index", "actor_index")."""
    return [reverse(f"conflicts:{name}") for name in names]


def actor_purge_batch(actor) -> PurgeBatch:
    """Every URL that shows actor: its page and card, its claims' pages and cards, its
    affiliates' pages, the lists of actors and claims, and pages_showing_actor."""
    batch = PurgeBatch()
    batch.add_pages(pages_showing_actor(actor))
    slugs = ActorAffiliation.objects.filter(Q(actor=actor) | Q(organisation=actor)).values_list(
        "actor__slug", "organisation__slug"
    )
    actor_slugs = {actor.slug} | {slug for pair in slugs for slug in pair}
    claim_slugs = Claim.objects.filter(claimant=actor).values_list("slug", flat=True)
    add_site_paths(
        batch,
        [Actor(slug=slug).get_absolute_url() for slug in sorted(actor_slugs)]
        + [Claim(slug=slug).get_absolute_url() for slug in claim_slugs]
        + [reverse("conflicts:actor_card", args=[actor.slug])]
        + [reverse("conflicts:claim_card", args=[slug]) for slug in claim_slugs]  # claimant
        + index_paths("actor_index", "claim_index"),
    )
    collecting_purge_urls.send(sender=Actor, instance=actor, batch=batch)
    return batch


def claim_purge_batch(claim) -> PurgeBatch:
    """Every URL that shows claim: its page and card, its claimant's page, related claims'
    pages, the list of claims, and pages_showing_claim."""
    batch = PurgeBatch()
    batch.add_pages(pages_showing_claim(claim))
    related = ClaimRelation.objects.filter(Q(claim=claim) | Q(other=claim)).values_list(
        "claim__slug", "other__slug"
    )
    claim_slugs = {claim.slug} | {slug for pair in related for slug in pair}
    add_site_paths(
        batch,
        [Claim(slug=slug).get_absolute_url() for slug in sorted(claim_slugs)]
        + [claim.claimant.get_absolute_url(), reverse("conflicts:claim_card", args=[claim.slug])]
        + index_paths("claim_index"),
    )
    collecting_purge_urls.send(sender=Claim, instance=claim, batch=batch)
    return batch


def explainer_purge_batch(page, newest_stories: int | None = None) -> PurgeBatch:
    """Every URL that shows the explainer page: itself, its index, the stories that link it
    (only the newest_stories newest, when given), its claims' pages and the list of claims."""
    batch = PurgeBatch()
    batch.add_page(page)  # going off, it is no longer live: named, not found by query
    batch.add_pages(
        Page.objects.live().filter(
            Q(pk=page.get_parent().pk) | stories_linking_explainer(page, newest_stories)
        )
    )
    add_site_paths(
        batch,
        [
            Claim(slug=slug).get_absolute_url()
            for slug in Claim.objects.filter(conflict=page, live=True).values_list(
                "slug", flat=True
            )
        ]
        + index_paths("claim_index"),
    )
    collecting_purge_urls.send(sender=ConflictExplainerPage, instance=page, batch=batch)
    return batch


def purge_explainer(sender, instance, **kwargs):
    """Signal receiver: an explainer was published (or changed live).

    Only the newest settings.CONFLICTS_PURGE_EXPLAINER_STORIES stories that link it are
    purged (all when the setting is None): at 100,000 stories a conflict has ~5,000, and
    purging each made an explainer edit take 5 s. Older stories show the changed card once
    their cached copy expires."""
    newest = getattr(settings, "CONFLICTS_PURGE_EXPLAINER_STORIES", None)
    explainer_purge_batch(instance, newest_stories=newest).purge()


def purge_unpublished_explainer(sender, instance, **kwargs):
    """Signal receiver: an explainer went off. Every story that links it is purged, so no
    cached page keeps showing the card of an explainer that is no longer public."""
    explainer_purge_batch(instance).purge()


def purge_actor_or_claim(sender, instance, **kwargs):
    """Signal receiver: an actor or a claim went live, changed live or was unpublished."""
    if isinstance(instance, Actor):
        actor_purge_batch(instance).purge()
    elif isinstance(instance, Claim):
        claim_purge_batch(instance).purge()


def purge_before_delete(sender, instance, **kwargs):
    """Signal receiver: a live actor or claim is being deleted. The pages that show it are
    found while its links still exist, and purged once the deletion is committed."""
    if not instance.live:
        return  # a draft was never shown, so nothing holds a copy
    if isinstance(instance, Actor):
        batch = actor_purge_batch(instance)
    else:
        batch = claim_purge_batch(instance)
    transaction.on_commit(batch.purge)


def connect_purge_signals():
    page_published.connect(
        purge_explainer, sender=ConflictExplainerPage, dispatch_uid="purge-explainer"
    )
    page_unpublished.connect(
        purge_unpublished_explainer,
        sender=ConflictExplainerPage,
        dispatch_uid="purge-explainer-off",
    )
    for model in (Actor, Claim):
        pre_delete.connect(purge_before_delete, sender=model, dispatch_uid=f"purge-deleted-{model}")
        published.connect(purge_actor_or_claim, sender=model, dispatch_uid=f"purge-{model}")
        unpublished.connect(
            purge_actor_or_claim, sender=model, dispatch_uid=f"purge-unpublished-{model}"
        )
