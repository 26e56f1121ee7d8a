"""Where each page type may be created, with Wagtail's own page assertions."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from conflicts.models import ConflictExplainerPage, ConflictIndexPage
from newsroom.stories.models import ArticlePage, HomePage, SectionPage


class PageRulesTests(WagtailPageTestCase):
    def test_home_lives_at_the_root_and_holds_sections_and_the_conflicts_index(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {SectionPage, ConflictIndexPage})

    def test_articles_live_in_sections_only(self):
        self.assertAllowedParentPageTypes(ArticlePage, {SectionPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertCanCreateAt(SectionPage, ArticlePage)
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(ConflictIndexPage, ArticlePage)

    def test_explainers_live_in_the_conflicts_index_only(self):
        self.assertAllowedParentPageTypes(ConflictExplainerPage, {ConflictIndexPage})
        self.assertAllowedSubpageTypes(ConflictExplainerPage, set())
        self.assertAllowedParentPageTypes(ConflictIndexPage, {HomePage})
        self.assertCanNotCreateAt(SectionPage, ConflictExplainerPage)

    def test_sections_live_under_home(self):
        self.assertAllowedParentPageTypes(SectionPage, {HomePage})
        self.assertAllowedSubpageTypes(SectionPage, {ArticlePage})
