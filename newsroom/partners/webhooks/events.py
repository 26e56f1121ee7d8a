"""Which change makes which event, for which partner, carrying what.

Each function is called inside the transaction of the change (receivers.py, withdrawals.py):
it writes one WebhookDelivery per subscription that wants the event and may see what it is
about, and enqueues its sending (outbox.py), so the log commits or rolls back with the edit.

Scope is the API's: a partner gets an event about a story only when the story is live,
public and in its scope (newsroom.partners.api.articles.scoped_articles). A claim's verdict
change goes to every partner with no scope (the claim is in their claims/ list), and to a
scoped partner when a live story in its scope shows the claim; its `article_ids` name the
stories that partner may see. Payloads are thin (ids, slug, title, URLs, dates): the
partner fetches the rest from the API, which serves only public content.
"""

import json
from dataclasses import dataclass
from types import SimpleNamespace

from django.urls import reverse
from django.utils import timezone

from conflicts.showing import pages_showing_claim
from newsroom.partners.api.articles import scoped_articles
from newsroom.partners.webhooks.models import EventType, WebhookDelivery, WebhookSubscription
from newsroom.partners.webhooks.outbox import enqueue_delivery
from newsroom.stories.models import ArticlePage


@dataclass(frozen=True)
class PartnerScope:
    """A partner's sections and conflicts, None for every one (as PartnerCredentials)."""

    section_ids: frozenset | None
    conflict_ids: frozenset | None

    @classmethod
    def of(cls, partner) -> "PartnerScope":
        sections = frozenset(section.pk for section in partner.sections.all())
        conflicts = frozenset(conflict.pk for conflict in partner.conflicts.all())
        return cls(section_ids=sections or None, conflict_ids=conflicts or None)

    @property
    def unrestricted(self) -> bool:
        return self.section_ids is None and self.conflict_ids is None


def subscriptions_for(event_type: str) -> list[WebhookSubscription]:
    """Active subscriptions of active partners that want event_type, scopes read (3 queries)."""
    subscriptions = (
        WebhookSubscription.objects.filter(active=True, partner__active=True)
        .select_related("partner")
        .prefetch_related("partner__sections", "partner__conflicts")
    )
    # Filtered here, not in SQL: JSON containment is not portable to SQLite.
    return [subscription for subscription in subscriptions if event_type in subscription.events]


class ScopedArticles:
    """Which of some stories each scope may see, one query per distinct scope."""

    def __init__(self, queryset):
        self.queryset = queryset
        self.seen: dict[PartnerScope, set[int]] = {}

    def visible_to(self, scope: PartnerScope) -> set[int]:
        if scope not in self.seen:
            # scoped_articles reads the scope from request.auth, as the API's views pass it.
            scoped = scoped_articles(self.queryset, SimpleNamespace(auth=scope))
            self.seen[scope] = set(scoped.values_list("pk", flat=True))
        return self.seen[scope]


def article_data(article, updated_at) -> dict:
    """What an article event says about the story: enough to find it and fetch it."""
    site_id, root_url, path = article.get_url_parts() or (None, "", None)
    return {
        "id": article.pk,
        "slug": article.slug,
        "title": article.title,
        "url": f"{root_url}{path}" if path else "",
        "api_url": root_url + reverse("api:article-detail", args=[article.pk]),
        "updated_at": updated_at.isoformat(),
    }


def body_for(event_type: str, occurred_at, data: dict) -> str:
    """The JSON body as it is signed and sent (Standard Webhooks' type/timestamp/data)."""
    message = {"type": event_type, "timestamp": occurred_at.isoformat(), "data": data}
    return json.dumps(message, separators=(",", ":"), ensure_ascii=False)


def record_deliveries(event_type: str, occurred_at, messages) -> list[WebhookDelivery]:
    """One delivery per (subscription, data) pair, written and enqueued together."""
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            subscription=subscription,
            event_type=event_type,
            payload=body_for(event_type, occurred_at, data),
            next_attempt_at=occurred_at,
        )
        for subscription, data in messages
    )
    for delivery in deliveries:
        enqueue_delivery(delivery)
    return deliveries


def articles_changed(event_type: str, article_ids, occurred_at, updated_at=None) -> list:
    """An event per live, public story in article_ids, to each subscription that may see it."""
    subscriptions = subscriptions_for(event_type)
    if not subscriptions:
        return []
    live = ArticlePage.objects.live_public().filter(pk__in=list(article_ids))
    articles = {article.pk: article for article in live}
    scoped = ScopedArticles(live)
    messages = [
        (subscription, article_data(articles[pk], updated_at or occurred_at))
        for subscription in subscriptions
        for pk in sorted(scoped.visible_to(PartnerScope.of(subscription.partner)))
    ]
    return record_deliveries(event_type, occurred_at, messages)


def article_went_live(article, *, returning: bool = False) -> list:
    """article.published the first time a story goes live (or back after a withdrawal),
    article.updated when a live story is republished. Scheduled publishing waits until live."""
    if not article.live:
        return []
    first_time = article.first_published_at == article.last_published_at
    event = EventType.ARTICLE_PUBLISHED if first_time or returning else EventType.ARTICLE_UPDATED
    when = article.last_published_at or timezone.now()
    return articles_changed(event, [article.pk], when, updated_at=when)


def article_withdrawn(article, withdrawn_at) -> list:
    """article.withdrawn: the story left public view (its Withdrawal row was just written).
    To the partners whose scope held it; only its id, slug and when."""
    subscriptions = subscriptions_for(EventType.ARTICLE_WITHDRAWN)
    if not subscriptions:
        return []
    scoped = ScopedArticles(ArticlePage.objects.filter(pk=article.pk))
    data = {"id": article.pk, "slug": article.slug, "withdrawn_at": withdrawn_at.isoformat()}
    messages = [
        (subscription, data)
        for subscription in subscriptions
        if scoped.visible_to(PartnerScope.of(subscription.partner))
    ]
    return record_deliveries(EventType.ARTICLE_WITHDRAWN, withdrawn_at, messages)


def verdict_changed(claim, old, new, changed_at) -> list:
    """claim.verdict_changed, with the stories each partner may see that show the claim."""
    if not (claim.live and claim.claimant.live):
        return []  # not public: nobody outside may hear of it
    subscriptions = subscriptions_for(EventType.VERDICT_CHANGED)
    if not subscriptions:
        return []
    showing = ArticlePage.objects.live_public().filter(
        pk__in=pages_showing_claim(claim).values("pk")
    )
    scoped = ScopedArticles(showing)
    messages = []
    for subscription in subscriptions:
        scope = PartnerScope.of(subscription.partner)
        article_ids = sorted(scoped.visible_to(scope))
        if article_ids or scope.unrestricted:
            data = {"id": claim.pk, "slug": claim.slug, "old_verdict": old, "new_verdict": new}
            messages.append((subscription, {**data, "article_ids": article_ids}))
    return record_deliveries(EventType.VERDICT_CHANGED, changed_at, messages)


def correction_added(article, correction, changed_at) -> list:
    """correction.added: the article (as in article events) and the correction's id, kind
    and date; its text is in the article's `corrections` in the API."""
    subscriptions = subscriptions_for(EventType.CORRECTION_ADDED)
    if not subscriptions:
        return []
    live = ArticlePage.objects.live_public().filter(pk=article.pk)
    scoped = ScopedArticles(live)
    found = live.first()
    if found is None:
        return []
    data = {
        **article_data(found, changed_at),
        "correction": {
            "id": correction.pk,
            "kind": correction.kind,
            "date": correction.date.isoformat(),
        },
    }
    messages = [
        (subscription, data)
        for subscription in subscriptions
        if scoped.visible_to(PartnerScope.of(subscription.partner))
    ]
    return record_deliveries(EventType.CORRECTION_ADDED, changed_at, messages)
