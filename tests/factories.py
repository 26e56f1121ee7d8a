"""The newsroom's factories; the plugin's are tests/conflicts/factories.py, re-exported here
so the newsroom's tests find every factory in one place."""

import factory
import wagtail_factories
from django.utils import timezone
from factory.django import DjangoModelFactory

from newsroom.stories.models import (
    ArticleActorLink,
    ArticleByline,
    ArticleClaimLink,
    ArticlePage,
    Author,
    HomePage,
    SectionPage,
)
from tests.conflicts.factories import (  # noqa: F401 (re-exported)
    ActorFactory,
    ClaimFactory,
    ConflictExplainerPageFactory,
    ConflictIndexPageFactory,
    SourceFactory,
    TimelineEventFactory,
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
