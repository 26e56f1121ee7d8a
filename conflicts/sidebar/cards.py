"""The sidebar's cards as plain data: what the template, the preview and the API all show.

Each builder reads only the columns listed beside its model (ACTOR_CARD_FIELDS ...): the
queries that build cards load only those. `RelatedContext.as_dict()` is the JSON partners get.

Cards are built in the default language and put into the story's language afterwards
(conflicts/sidebar/words.py): each card's `lang` says what language its words are in, so a
card whose words fell back says so (`lang` differs from `RelatedContext.language`).
"""

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from functools import cache


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
    lang: str = ""  # the language of its words (the explainer page's locale)


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
    lang: str = ""  # the language of the name ("" until put into a language)
    description_lang: str = ""


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
    source_id: int | None = None
    title_lang: str = ""


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
    lang: str = ""  # the language of the statement and the quote
    verdict_explanation_lang: str = ""


@dataclass
class TimelineEntry:
    date: date
    display_date: str
    title: str
    description: str


@dataclass
class StoryLink:
    id: int
    slug: str
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
    language: str = ""  # the story's language: what the cards are in, or fall back from

    @property
    def is_empty(self) -> bool:
        return not (self.explainer or self.actors or self.claims or self.more_stories)

    def as_dict(self) -> dict:
        return asdict(self)


@cache
def _labels(model, field_name: str) -> dict:
    return dict(model._meta.get_field(field_name).flatchoices)


def _label(instance, field_name: str):
    """What get_<field>_display() gives, from the field's choices read once, not per card;
    kept lazy, so that a sidebar rendered in another language than it was built in (a
    Russian story's, warmed by the worker) names the verdict in that language."""
    value = getattr(instance, field_name)
    return _labels(type(instance), field_name).get(value, value)


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
        source_id=claim_source.source_id,
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
        lang=explainer.locale.language_code if "locale" in explainer._state.fields_cache else "",
    )


def timeline_entry(event) -> TimelineEntry:
    return TimelineEntry(
        date=event.date,
        display_date=event.display_date,
        title=event.title,
        description=event.description,
    )


def story_link(story, request=None) -> StoryLink:
    order_field = story.context_date_field
    return StoryLink(
        id=story.pk,
        slug=story.slug,
        title=story.title,
        url=story.get_url(request),
        date=getattr(story, order_field),
    )
