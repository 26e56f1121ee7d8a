"""The test host's pages, for the plugin's tests (tests/conflicts/factories.py has the
plugin's own factories)."""

import factory
import wagtail_factories
from django.utils import timezone
from factory.django import DjangoModelFactory

from tests.conflicts.host.models import (
    HomePage,
    SectionPage,
    StoryActorLink,
    StoryClaimLink,
    StoryPage,
)


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Conflicts test host"


class SectionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SectionPage

    title = "News"


class StoryActorLinkFactory(DjangoModelFactory):
    class Meta:
        model = StoryActorLink


class StoryClaimLinkFactory(DjangoModelFactory):
    class Meta:
        model = StoryClaimLink


class StoryPageFactory(wagtail_factories.PageFactory):
    """A live story; actors=[...] and claims=[...] link them in that order."""

    class Meta:
        model = StoryPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Story {n}")
    display_date = factory.LazyFunction(timezone.now)
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>Kremlin spokesperson Dmitry Peskov confirmed it.</p>")]
    )

    @factory.post_generation
    def actors(self, create, extracted, **kwargs):
        if create and extracted:
            for i, actor in enumerate(extracted):
                StoryActorLinkFactory(page=self, actor=actor, sort_order=i)

    @factory.post_generation
    def claims(self, create, extracted, **kwargs):
        if create and extracted:
            for i, claim in enumerate(extracted):
                StoryClaimLinkFactory(page=self, claim=claim, sort_order=i)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)
            self.save()
