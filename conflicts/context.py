"""Builds the related-context sidebar for any page, as plain data, in a fixed number of queries.

The same data feeds the template, the preview and the API, so partners can rebuild the sidebar.
Queries (whatever the number of links): actor links, claim links, claim sources, view
restrictions, the explainer, two for the timeline around the story's date, more stories;
one more per kind when the text names actors or claims and the page is not being served
(serving prefetches them, see conflicts/richtext.py).
"""

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from functools import cache

from django.db.models import Prefetch
from django.utils.encoding import force_str
from wagtail.models import Page

from conflicts.models import ClaimSource, ConflictExplainerPage, TimelineEvent
from conflicts.richtext import live_mentions

TIMELINE_BEFORE = 3
TIMELINE_AFTER = 2
MORE_STORIES = 5

# The columns each card reads. The queries that build cards load only these: an actor's or
# a claim's row also carries revision, workflow and locking columns no card shows, and a
# list of 50 stories builds ~3,000 such rows.
ACTOR_CARD_FIELDS = ("live", "name", "slug", "kind", "description", "wikidata_id")
CLAIM_CARD_FIELDS = (
    *("live", "statement", "slug", "quote", "made_on"),
    *("verdict", "verdict_explanation", "claimant"),
)
SOURCE_REF_FIELDS = ("title", "publisher", "url", "archive_url", "published_on", "kind")
TIMELINE_ENTRY_FIELDS = ("page", "sort_order", "date", "date_precision", "title", "description")


def card_columns(path: str, fields: tuple[str, ...]) -> list[str]:
    """fields as seen through the relation path, for .only() beside select_related(path)."""
    return [f"{path}__{name}" for name in fields]


def link_page_field(model, name: str) -> str:
    """The name of the field by which a link row (actor_links, claim_links) points at its page."""
    return model._meta.get_field(name).field.name


def linked_actor_columns(page_field: str) -> list[str]:
    """What an actor link row and its actor's card need."""
    return [page_field, "show_in_sidebar", "actor", *card_columns("actor", ACTOR_CARD_FIELDS)]


def linked_claim_columns(page_field: str) -> list[str]:
    """What a claim link row, its claim's card and the claimant's card need."""
    return [
        *(page_field, "show_in_sidebar", "claim"),
        *card_columns("claim", CLAIM_CARD_FIELDS),
        *card_columns("claim__claimant", ACTOR_CARD_FIELDS),
    ]


@dataclass
class ExplainerCard:
    id: int
    slug: str
    title: str
    url: str
    summary: str
    status: str
    status_label: str
    region: str
    last_reviewed: date | None


@dataclass
class ActorCard:
    id: int
    name: str
    slug: str
    url: str
    kind: str
    kind_label: str
    description: str
    wikidata_id: str
    mentioned: bool = False  # named in the story's text, not linked by an editor


@dataclass
class SourceRef:
    title: str
    publisher: str
    url: str
    archive_url: str
    published_on: date | None
    kind_label: str
    shows: str
    shows_label: str
    quote: str


@dataclass
class ClaimCard:
    id: int
    statement: str
    slug: str
    url: str
    quote: str
    made_on: date
    claimant: ActorCard
    verdict: str
    verdict_label: str
    verdict_explanation: str
    sources: list[SourceRef]
    mentioned: bool = False  # referred to in the story's text, not linked by an editor


@dataclass
class TimelineEntry:
    date: date
    display_date: str
    title: str
    description: str


@dataclass
class StoryLink:
    title: str
    url: str
    date: datetime | None


@dataclass
class RelatedContext:
    explainer: ExplainerCard | None = None
    actors: list[ActorCard] = field(default_factory=list)
    claims: list[ClaimCard] = field(default_factory=list)
    timeline_before: list[TimelineEntry] = field(default_factory=list)
    timeline_after: list[TimelineEntry] = field(default_factory=list)
    more_stories: list[StoryLink] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.explainer or self.actors or self.claims or self.more_stories)

    def as_dict(self) -> dict:
        return asdict(self)


@cache
def _labels(model, field_name: str) -> dict:
    return dict(model._meta.get_field(field_name).flatchoices)


def _label(instance, field_name: str):
    """What get_<field>_display() gives, from the field's choices read once, not per card."""
    value = getattr(instance, field_name)
    return force_str(_labels(type(instance), field_name).get(value, value), strings_only=True)


def actor_card(actor, mentioned: bool = False) -> ActorCard:
    return ActorCard(
        id=actor.pk,
        name=actor.name,
        slug=actor.slug,
        url=actor.get_absolute_url(),
        kind=actor.kind,
        kind_label=_label(actor, "kind"),
        description=actor.description,
        wikidata_id=actor.wikidata_id,
        mentioned=mentioned,
    )


def source_ref(claim_source) -> SourceRef:
    source = claim_source.source
    return SourceRef(
        title=source.title,
        publisher=source.publisher,
        url=source.url,
        archive_url=source.archive_url,
        published_on=source.published_on,
        kind_label=_label(source, "kind"),
        shows=claim_source.shows,
        shows_label=_label(claim_source, "shows"),
        quote=claim_source.quote,
    )


def claim_card(claim, mentioned: bool = False, sources=None) -> ClaimCard:
    """A claim as readers see it; expects claimant selected and claim_sources prefetched, or
    sources given (its ClaimSource rows with their source, in order)."""
    if sources is None:
        sources = claim.claim_sources.all()
    return ClaimCard(
        id=claim.pk,
        statement=claim.statement,
        slug=claim.slug,
        url=claim.get_absolute_url(),
        quote=claim.quote,
        made_on=claim.made_on,
        claimant=actor_card(claim.claimant),
        verdict=claim.verdict,
        verdict_label=_label(claim, "verdict"),
        verdict_explanation=claim.verdict_explanation,
        sources=[source_ref(cs) for cs in sources],
        mentioned=mentioned,
    )


def explainer_card(explainer, request=None) -> ExplainerCard:
    return ExplainerCard(
        id=explainer.pk,
        slug=explainer.slug,
        title=explainer.title,
        url=explainer.get_url(request),
        summary=explainer.summary,
        status=explainer.status,
        status_label=_label(explainer, "status"),
        region=explainer.region,
        last_reviewed=explainer.last_reviewed,
    )


def timeline_entry(event) -> TimelineEntry:
    return TimelineEntry(
        date=event.date,
        display_date=event.display_date,
        title=event.title,
        description=event.description,
    )


def _claim_sources():
    return ClaimSource.objects.select_related("source").only(
        "claim", "source", "shows", "quote", *card_columns("source", SOURCE_REF_FIELDS)
    )


def claim_sources_prefetch(lookup: str = "claim_sources") -> Prefetch:
    """Prefetch a claim's sources in editor order, with each source, in one query."""
    return Prefetch(lookup, queryset=_claim_sources())


def sources_by_claim(claim_ids) -> dict[int, list]:
    """{claim id: its ClaimSource rows with their source, in editor order}, in one query.

    For many claims at once: a prefetch would also build a queryset per claim.
    """
    grouped = defaultdict(list)
    for claim_source in _claim_sources().filter(claim_id__in=claim_ids):
        grouped[claim_source.claim_id].append(claim_source)
    return grouped


def links_of(page, name: str, query) -> list:
    """The page's own link rows, as query(rows) returns them.

    A caller may have prefetched the links with its own filters; querying through that
    prefetch would rerun its query across every page it was prefetched for, so then the
    rows are fetched afresh by page. Unsaved pages (previews) keep their in-memory links.
    """
    manager = getattr(page, name)
    if name in getattr(page, "_prefetched_objects_cache", {}):
        return list(query(manager.model._default_manager.filter(page=page)))
    return list(query(manager))


def mentioned(page, kind: str, linked_ids: set[int]) -> list:
    """Live actors (or claims) named in the page's text and not linked by hand, in order.

    Queries only when the text mentions one (none while the page is being served:
    conflicts.richtext prefetches the mentions).
    """
    get_ids = getattr(page, "get_mentioned_ids", None)
    ids = [pk for pk in (get_ids()[kind] if get_ids else []) if pk not in linked_ids]
    if not ids:
        return []
    found = live_mentions(kind, ids)
    return [found[pk] for pk in ids if pk in found]


def related_context(page, request=None) -> RelatedContext:
    """Everything the sidebar shows for page, built from its links; only live, public things.

    Pass the request so page URLs are resolved against its site without extra queries.
    """
    context = RelatedContext()

    actor_links = [
        link
        for link in links_of(
            page,
            "actor_links",
            lambda m: m.select_related("actor").only(
                *linked_actor_columns(link_page_field(type(page), "actor_links"))
            ),
        )
        if link.actor.live
    ]
    context.actors = [actor_card(link.actor) for link in actor_links if link.show_in_sidebar]
    context.actors += [
        actor_card(a, mentioned=True)
        for a in mentioned(page, "actor", {link.actor_id for link in actor_links})
    ]

    claim_links = [
        link
        for link in links_of(
            page,
            "claim_links",
            lambda m: (
                m.select_related("claim__claimant")
                .only(*linked_claim_columns(link_page_field(type(page), "claim_links")))
                .prefetch_related(claim_sources_prefetch("claim__claim_sources"))
            ),
        )
        if link.claim.live and link.claim.claimant.live
    ]
    context.claims = [claim_card(link.claim) for link in claim_links if link.show_in_sidebar]
    context.claims += [
        claim_card(c, mentioned=True)
        for c in mentioned(page, "claim", {link.claim_id for link in claim_links})
    ]

    if not page.explainer_id:
        return context
    private = Page.objects.private_q()  # view restrictions, read once for both queries
    explainer = (
        ConflictExplainerPage.objects.live().exclude(private).filter(pk=page.explainer_id).first()
    )
    if explainer is None:
        return context

    context.explainer = explainer_card(explainer, request)

    story_date = page.get_context_date()
    story_day = story_date.date() if isinstance(story_date, datetime) else story_date
    events = TimelineEvent.objects.filter(page=explainer).only(*TIMELINE_ENTRY_FIELDS)
    before = events.filter(date__lte=story_day).order_by("-date", "-sort_order")[:TIMELINE_BEFORE]
    after = events.filter(date__gt=story_day).order_by("date", "sort_order")[:TIMELINE_AFTER]
    context.timeline_before = [timeline_entry(e) for e in reversed(list(before))]
    context.timeline_after = [timeline_entry(e) for e in after]

    order_field = page.context_date_field
    more = (
        type(page)
        .objects.live()
        .exclude(private)
        .filter(explainer=explainer)
        .exclude(pk=page.pk)
        .order_by(f"-{order_field}")
        .only("title", "url_path", order_field)[:MORE_STORIES]
    )
    context.more_stories = [
        StoryLink(title=story.title, url=story.get_url(request), date=getattr(story, order_field))
        for story in more
    ]
    return context
