"""Builds the related-context sidebar for any page, as plain data, in a fixed number of queries.

The same data feeds the template, the preview and the API, so partners can rebuild the sidebar.
Queries (whatever the number of links): actor links, claim links, claim sources, the
explainer, two for the timeline around the story's date, view restrictions, more stories.
"""

from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from django.db.models import Prefetch

from conflicts.models import ClaimSource, ConflictExplainerPage, TimelineEvent

TIMELINE_BEFORE = 3
TIMELINE_AFTER = 2
MORE_STORIES = 5


@dataclass
class ExplainerCard:
    title: str
    url: str
    summary: str
    status: str
    status_label: str
    region: str
    last_reviewed: date | None


@dataclass
class ActorCard:
    name: str
    slug: str
    url: str
    kind: str
    kind_label: str
    description: str
    wikidata_id: str


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


def actor_card(actor) -> ActorCard:
    return ActorCard(
        name=actor.name,
        slug=actor.slug,
        url=actor.get_absolute_url(),
        kind=actor.kind,
        kind_label=actor.get_kind_display(),
        description=actor.description,
        wikidata_id=actor.wikidata_id,
    )


def source_ref(claim_source) -> SourceRef:
    source = claim_source.source
    return SourceRef(
        title=source.title,
        publisher=source.publisher,
        url=source.url,
        archive_url=source.archive_url,
        published_on=source.published_on,
        kind_label=source.get_kind_display(),
        shows=claim_source.shows,
        shows_label=claim_source.get_shows_display(),
        quote=claim_source.quote,
    )


def claim_card(claim) -> ClaimCard:
    """A claim as readers see it; expects claimant selected and claim_sources prefetched."""
    return ClaimCard(
        statement=claim.statement,
        slug=claim.slug,
        url=claim.get_absolute_url(),
        quote=claim.quote,
        made_on=claim.made_on,
        claimant=actor_card(claim.claimant),
        verdict=claim.verdict,
        verdict_label=claim.get_verdict_display(),
        verdict_explanation=claim.verdict_explanation,
        sources=[source_ref(cs) for cs in claim.claim_sources.all()],
    )


def timeline_entry(event) -> TimelineEntry:
    return TimelineEntry(
        date=event.date,
        display_date=event.display_date,
        title=event.title,
        description=event.description,
    )


def claim_sources_prefetch(lookup: str = "claim_sources") -> Prefetch:
    """Prefetch a claim's sources in editor order, with each source, in one query."""
    return Prefetch(lookup, queryset=ClaimSource.objects.select_related("source"))


def related_context(page, request=None) -> RelatedContext:
    """Everything the sidebar shows for page, built from its links; only live, public things.

    Pass the request so page URLs are resolved against its site without extra queries.
    """
    context = RelatedContext()

    actor_links = page.actor_links.filter(show_in_sidebar=True, actor__live=True).select_related(
        "actor"
    )
    context.actors = [actor_card(link.actor) for link in actor_links]

    claim_links = (
        page.claim_links.filter(show_in_sidebar=True, claim__live=True, claim__claimant__live=True)
        .select_related("claim__claimant")
        .prefetch_related(claim_sources_prefetch("claim__claim_sources"))
    )
    context.claims = [claim_card(link.claim) for link in claim_links]

    explainer = (
        ConflictExplainerPage.objects.live().public().filter(pk=page.explainer_id).first()
        if page.explainer_id
        else None
    )
    if explainer is None:
        return context

    context.explainer = ExplainerCard(
        title=explainer.title,
        url=explainer.get_url(request),
        summary=explainer.summary,
        status=explainer.status,
        status_label=explainer.get_status_display(),
        region=explainer.region,
        last_reviewed=explainer.last_reviewed,
    )

    story_date = page.get_context_date()
    story_day = story_date.date() if isinstance(story_date, datetime) else story_date
    events = TimelineEvent.objects.filter(page=explainer)
    before = events.filter(date__lte=story_day).order_by("-date", "-sort_order")[:TIMELINE_BEFORE]
    after = events.filter(date__gt=story_day).order_by("date", "sort_order")[:TIMELINE_AFTER]
    context.timeline_before = [timeline_entry(e) for e in reversed(list(before))]
    context.timeline_after = [timeline_entry(e) for e in after]

    order_field = page.context_date_field
    more = (
        type(page)
        .objects.live()
        .public()
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
