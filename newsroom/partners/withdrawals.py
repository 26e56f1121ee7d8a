"""Record what leaves public view, so partners who mirror us can take it down.

Connected in PartnersConfig.ready(). Only things that were public are recorded: a draft
that is deleted, or a page already private, was never given out, so its id and slug stay
ours. Publishing something again removes its record.

A story's record and its going live again are also the webhooks' article.withdrawn and
article.published/updated (newsroom/partners/webhooks/events.py), so push and feed agree.
"""

from django.db.models import Q
from django.db.models.signals import post_save, pre_delete
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, published, unpublished

from conflicts.models import Actor, Claim, ConflictExplainerPage
from newsroom.partners.models import Withdrawal
from newsroom.partners.webhooks import events as webhook_events
from newsroom.stories.models import ArticlePage

PAGE_KINDS = {
    ArticlePage: Withdrawal.Kind.ARTICLE,
    ConflictExplainerPage: Withdrawal.Kind.EXPLAINER,
}
SNIPPET_KINDS = {Actor: Withdrawal.Kind.ACTOR, Claim: Withdrawal.Kind.CLAIM}


def record(kind, obj, reason) -> None:
    """One record per object: the latest withdrawal, but a deletion is never downgraded
    (Wagtail unpublishes a page as it deletes it, and the two signals come in either order)."""
    existing = Withdrawal.objects.filter(kind=kind, object_id=obj.pk).first()
    if existing is None:
        created = Withdrawal.objects.create(
            kind=kind, object_id=obj.pk, slug=obj.slug, reason=reason
        )
        if kind == Withdrawal.Kind.ARTICLE:
            webhook_events.article_withdrawn(obj, created.withdrawn_at)
    elif existing.reason != Withdrawal.Reason.DELETED:
        existing.reason, existing.withdrawn_at = reason, timezone.now()
        existing.save(update_fields=["reason", "withdrawn_at"])


def forget(kind, pk) -> bool:
    """Remove the record; True when there was one (the thing is back in public view)."""
    deleted, _ = Withdrawal.objects.filter(kind=kind, object_id=pk).delete()
    return bool(deleted)


def _is_public(page) -> bool:
    return Page.objects.public().filter(pk=page.pk).exists()


def on_page_unpublished(sender, instance, **kwargs):
    if sender in PAGE_KINDS and _is_public(instance):
        record(PAGE_KINDS[sender], instance, Withdrawal.Reason.UNPUBLISHED)


def on_page_published(sender, instance, **kwargs):
    if sender in PAGE_KINDS:
        returning = forget(PAGE_KINDS[sender], instance.pk)
        if sender is ArticlePage:
            webhook_events.article_went_live(instance, returning=returning)


def on_page_deleted(sender, instance, **kwargs):
    kind = PAGE_KINDS[sender]
    just_unpublished = Withdrawal.objects.filter(kind=kind, object_id=instance.pk).exists()
    if just_unpublished or (instance.live and _is_public(instance)):
        record(kind, instance, Withdrawal.Reason.DELETED)


def _claims_by(actor):
    return Claim.objects.filter(claimant=actor, live=True)


def on_snippet_unpublished(sender, instance, **kwargs):
    if sender not in SNIPPET_KINDS:
        return
    if sender is Claim and not instance.claimant.live:
        return  # it was not public: its claimant was not
    record(SNIPPET_KINDS[sender], instance, Withdrawal.Reason.UNPUBLISHED)
    if sender is Actor:  # a claim is public only while its claimant is
        for claim in _claims_by(instance):
            record(Withdrawal.Kind.CLAIM, claim, Withdrawal.Reason.UNPUBLISHED)


def on_snippet_published(sender, instance, **kwargs):
    if sender not in SNIPPET_KINDS:
        return
    forget(SNIPPET_KINDS[sender], instance.pk)
    if sender is Actor:
        for claim in _claims_by(instance):
            forget(Withdrawal.Kind.CLAIM, claim.pk)


def on_snippet_deleted(sender, instance, **kwargs):
    if not instance.live:
        return
    if sender is Claim and not instance.claimant.live:
        return
    record(SNIPPET_KINDS[sender], instance, Withdrawal.Reason.DELETED)


def on_view_restriction_saved(sender, instance, created, **kwargs):
    """Live articles and explainers under a newly restricted page that were public until now."""
    if not created:
        return
    others = PageViewRestriction.objects.exclude(pk=instance.pk).select_related("page")
    already_private = Q(pk__in=[])
    for other in others:
        already_private |= Q(path__startswith=other.page.path)
    for model, kind in PAGE_KINDS.items():
        pages = (
            model.objects.live()
            .descendant_of(instance.page, inclusive=True)
            .exclude(already_private)
        )
        for page in pages:
            record(kind, page, Withdrawal.Reason.PRIVATE)


def connect() -> None:
    page_unpublished.connect(on_page_unpublished, dispatch_uid="api_page_unpublished")
    page_published.connect(on_page_published, dispatch_uid="api_page_published")
    unpublished.connect(on_snippet_unpublished, dispatch_uid="api_snippet_unpublished")
    published.connect(on_snippet_published, dispatch_uid="api_snippet_published")
    for model in PAGE_KINDS:
        pre_delete.connect(on_page_deleted, sender=model, dispatch_uid=f"api_deleted_{model}")
    for model in SNIPPET_KINDS:
        pre_delete.connect(on_snippet_deleted, sender=model, dispatch_uid=f"api_deleted_{model}")
    post_save.connect(
        on_view_restriction_saved, sender=PageViewRestriction, dispatch_uid="api_restricted"
    )
