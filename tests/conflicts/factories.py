"""The plugin's factories: actors, sources, claims, explainers and their timelines.

Host-free, so any host's tests can use them (tests/factories.py re-exports them for the
host site's tests; the test host's pages are in tests/conflicts/host/factories.py).
"""

import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from conflicts.models import (
    Actor,
    Claim,
    ClaimSource,
    ConflictExplainerPage,
    ConflictIndexPage,
    Source,
    TimelineEvent,
    Verdict,
)


class ActorFactory(DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Actor {n}")
    kind = Actor.Kind.PERSON
    description = factory.LazyAttribute(lambda o: f"Description of {o.name}")
    live = True


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Source document {n}")
    publisher = "TASS"
    url = factory.Sequence(lambda n: f"https://example.org/source/{n}")
    published_on = datetime.date(2024, 4, 17)
    kind = Source.Kind.NEWS_REPORT


class ClaimFactory(DjangoModelFactory):
    """A published claim with one source that reports it (pass sources=0 for none)."""

    class Meta:
        model = Claim
        skip_postgeneration_save = True

    statement = factory.Sequence(lambda n: f"Claim number {n} was made")
    claimant = factory.SubFactory(ActorFactory)
    made_on = datetime.date(2024, 4, 17)
    verdict = Verdict.REPORTED
    verdict_explanation = "The statement is on the record; we make no finding."
    live = True

    @factory.post_generation
    def sources(self, create, extracted, **kwargs):
        if not create:
            return
        count = 1 if extracted is None else extracted
        for i in range(count):
            ClaimSource.objects.create(
                claim=self, source=SourceFactory(), shows=ClaimSource.Shows.REPORTS, sort_order=i
            )


class ConflictIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ConflictIndexPage

    title = "Conflicts"


class ConflictExplainerPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ConflictExplainerPage

    title = "Nagorno-Karabakh conflict"
    summary = "A conflict between Armenia and Azerbaijan over Nagorno-Karabakh."
    region = "South Caucasus"


class TimelineEventFactory(DjangoModelFactory):
    class Meta:
        model = TimelineEvent

    title = factory.Sequence(lambda n: f"Event {n}")
    date = datetime.date(2023, 9, 19)
