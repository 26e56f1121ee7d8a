"""Builds the related-context sidebar of one page or of many, in a fixed number of queries.

One page is a bulk of one: the story page, its preview and the partner API's detail and lists
all go through `build_sidebars`. Only live, public things appear; links ticked "show in
sidebar", in editor order, then what the text names; three timeline events up to the story's
date and two after; five more stories on the conflict.

Queries, whatever the number of pages and links: actor links, claim links, claim sources;
when a page has an explainer: the view restrictions, the explainers, their timelines, the
newest stories on each. One more per kind when the text names actors or claims and the
pages are not being served (serving prefetches them: conflicts/models/mentions.py). A page
in preview, or not saved, shows its editor's unsaved links, read from memory.
"""

from collections import defaultdict
from datetime import datetime

from django.db import connection
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from wagtail.models import Page

from conflicts.models import ClaimSource, ConflictExplainerPage, TimelineEvent
from conflicts.models.actors import ACTOR_CARD_FIELDS
from conflicts.models.claims import CLAIM_CARD_FIELDS
from conflicts.models.mentions import live_mentions
from conflicts.models.pages import TIMELINE_ENTRY_FIELDS
from conflicts.models.querysets import card_columns
from conflicts.sidebar.cards import (
    RelatedContext,
    actor_card,
    claim_card,
    explainer_card,
    story_link,
    timeline_entry,
)

TIMELINE_BEFORE = 3
TIMELINE_AFTER = 2
MORE_STORIES = 5


def build_sidebars(pages, request=None) -> list[RelatedContext]:
    """Each page's sidebar, in the order given. Pages of one model (RelatedContextMixin).

    Pass the request so page URLs are resolved against its site without extra queries.
    """
    pages = list(pages)
    if not pages:
        return []
    contexts = [RelatedContext() for _ in pages]
    actor_rows = link_rows(pages, "actor_links", ("show_in_sidebar", "actor"), "actor")
    claim_rows = link_rows(pages, "claim_links", ("show_in_sidebar", "claim"), "claim")
    linked = []
    public_claim_rows = [
        [row for row in rows if row.claim.live and row.claim.claimant.live] for rows in claim_rows
    ]
    sources = sources_by_claim({row.claim_id for rows in public_claim_rows for row in rows})
    for context, actors, claims in zip(contexts, actor_rows, public_claim_rows, strict=True):
        actors = [row for row in actors if row.actor.live]
        context.actors = [actor_card(row.actor) for row in actors if row.show_in_sidebar]
        context.claims = [
            claim_card(row.claim, sources=sources.get(row.claim_id, []))
            for row in claims
            if row.show_in_sidebar
        ]
        linked.append(
            {"actor": {r.actor_id for r in actors}, "claim": {r.claim_id for r in claims}}
        )
    add_mentions(pages, contexts, linked)
    add_conflicts(pages, contexts, request)
    return contexts


def build_sidebar(page, request=None) -> RelatedContext:
    """One page's sidebar: a bulk of one."""
    return build_sidebars([page], request)[0]


def link_rows(pages, name: str, columns: tuple[str, ...], target: str) -> list[list]:
    """Each page's link rows (actor_links or claim_links) in editor order, hidden ones too (so
    that a mention does not bring them back), with the target's card columns: one query for
    the saved pages; from memory for a page in preview or not saved."""
    model = type(pages[0])
    relation = model._meta.get_field(name)
    page_field = relation.field
    saved = [page for page in pages if page.pk and not getattr(page, name).is_deferring]
    by_page = defaultdict(list)
    if saved:
        related = [target, "claim__claimant"] if target == "claim" else [target]
        fields = [page_field.name, *columns, *card_columns(target, _card_fields(target))]
        if target == "claim":
            fields += card_columns("claim__claimant", ACTOR_CARD_FIELDS)
        rows = relation.related_model.objects.filter(**{f"{page_field.name}__in": saved})
        for row in rows.select_related(*related).only(*fields):
            by_page[getattr(row, page_field.attname)].append(row)
    saved_ids = {page.pk for page in saved}
    return [
        by_page[page.pk] if page.pk in saved_ids else list(getattr(page, name).all())
        for page in pages
    ]


def _card_fields(target: str) -> tuple[str, ...]:
    return CLAIM_CARD_FIELDS if target == "claim" else ACTOR_CARD_FIELDS


def sources_by_claim(claim_ids) -> dict[int, list]:
    """{claim id: its ClaimSource rows with their source, in editor order}, in one query."""
    grouped = defaultdict(list)
    if claim_ids:
        for claim_source in ClaimSource.objects.for_cards().filter(claim_id__in=claim_ids):
            grouped[claim_source.claim_id].append(claim_source)
    return grouped


def add_mentions(pages, contexts, linked) -> None:
    """Actors and claims named in each page's text and not linked, after the linked ones: one
    query per kind, only when named (none while the page is served)."""
    mentioned = [page.get_mentioned_ids() for page in pages]
    builders = {"actor": ("actors", actor_card), "claim": ("claims", claim_card)}
    for kind, (attribute, card) in builders.items():
        wanted = sorted({pk for ids in mentioned for pk in ids[kind]})
        found = live_mentions(kind, wanted) if wanted else {}
        for context, ids, links in zip(contexts, mentioned, linked, strict=True):
            getattr(context, attribute).extend(
                card(found[pk], mentioned=True)
                for pk in ids[kind]
                if pk in found and pk not in links[kind]
            )


def add_conflicts(pages, contexts, request) -> None:
    """Each page's explainer card, the timeline around its date and more stories on it."""
    explainer_ids = {page.explainer_id for page in pages if page.explainer_id}
    if not explainer_ids:
        return
    private = Page.objects.private_q()  # the view restrictions, read once for both queries
    explainers = (
        ConflictExplainerPage.objects.live_public(private).filter(pk__in=explainer_ids).in_bulk()
    )
    if not explainers:
        return
    timelines = defaultdict(list)
    events = TimelineEvent.objects.filter(page__in=list(explainers)).only(*TIMELINE_ENTRY_FIELDS)
    for event in events.order_by("page", *TimelineEvent._meta.ordering):
        timelines[event.page_id].append(event)
    stories = newest_stories(type(pages[0]), sorted(explainers), private)
    for page, context in zip(pages, contexts, strict=True):
        explainer = explainers.get(page.explainer_id)
        if explainer is None:
            continue
        context.explainer = explainer_card(explainer, request)
        day = story_day(page)
        events = timelines[explainer.pk]
        # By the end of each event's period, as the timeline is ordered: a month still under
        # way on the story's day comes after it.
        before = [e for e in events if e.period_end <= day][-TIMELINE_BEFORE:]
        after = [e for e in events if e.period_end > day][:TIMELINE_AFTER]
        context.timeline_before = [timeline_entry(e) for e in before]
        context.timeline_after = [timeline_entry(e) for e in after]
        context.more_stories = [
            story_link(s, request) for s in stories[explainer.pk] if s.pk != page.pk
        ][:MORE_STORIES]


def newest_stories(model, explainer_ids, private) -> dict[int, list]:
    """Each explainer's live, public stories, newest first: the first MORE_STORIES + 1, so
    that leaving out the page itself still leaves MORE_STORIES. One query either way."""
    order_field = model.context_date_field
    stories = model.objects.live_public(private).only(
        "title", "slug", "url_path", "explainer_id", order_field
    )
    if connection.features.supports_slicing_ordering_in_compound:
        newest = _newest_by_union(stories, explainer_ids)
    else:
        newest = _newest_by_window(stories, explainer_ids)
    by_explainer = defaultdict(list)
    for story in newest:
        by_explainer[story.explainer_id].append(story)
    return by_explainer


def _newest_by_union(stories, explainer_ids):
    """A UNION ALL of one small query per explainer, each walking the (explainer, date)
    index and stopping at its limit (PostgreSQL). A window over all the explainers'
    stories sorted every one of them: 190 ms at 100,000 stories, 4 ms this way."""
    parts = [stories.on_conflict(pk).newest(MORE_STORIES + 1) for pk in explainer_ids]
    if len(parts) == 1:  # ordered already (a sliced query cannot be reordered)
        return parts[0]
    ordering = parts[0].query.order_by
    return parts[0].union(*parts[1:], all=True).order_by(*ordering)


def _newest_by_window(stories, explainer_ids):
    """The same rows by ranking every story of the explainers (SQLite cannot limit the parts
    of a union)."""
    ordering = stories.newest().query.order_by
    return (
        stories.filter(explainer_id__in=explainer_ids)
        .annotate(rank=Window(RowNumber(), partition_by=F("explainer_id"), order_by=ordering))
        .filter(rank__lte=MORE_STORIES + 1)
        .order_by("explainer_id", "rank")
    )


def story_day(page):
    """The day the page is dated to on its conflict's timeline."""
    story_date = page.get_context_date()
    return story_date.date() if isinstance(story_date, datetime) else story_date
