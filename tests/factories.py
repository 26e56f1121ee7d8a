"""The one shared set of factories for the test suite."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
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
from newsroom.stories.models import (
    ArticleActorLink,
    ArticleByline,
    ArticleClaimLink,
    ArticlePage,
    Author,
    HomePage,
    SectionPage,
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


class AuthorFactory(DjangoModelFactory):
    class Meta:
        model = Author
        django_get_or_create = ("slug",)

    name = "Ani Avetisyan"
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "The Newsroom"


class SectionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SectionPage

    title = "News"


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


class ArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Story {n}")
    dek = "Why this story matters."
    display_date = factory.LazyFunction(timezone.now)
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>Kremlin spokesperson Dmitry Peskov confirmed it.</p>")]
    )

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create:
            for i, author in enumerate(extracted or [AuthorFactory()]):
                ArticleByline.objects.create(page=self, author=author, sort_order=i)

    @factory.post_generation
    def actors(self, create, extracted, **kwargs):
        if create and extracted:
            for i, actor in enumerate(extracted):
                ArticleActorLink.objects.create(page=self, actor=actor, sort_order=i)

    @factory.post_generation
    def claims(self, create, extracted, **kwargs):
        if create and extracted:
            for i, claim in enumerate(extracted):
                ArticleClaimLink.objects.create(page=self, claim=claim, sort_order=i)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)
            self.save()
