"""The desk dashboard as each role sees it in a browser, with a screenshot of each."""

import pytest
from playwright.sync_api import expect

from newsroom.stories import roles
from newsroom.stories.models import SectionPage
from tests.browser.admin import create_member, log_in
from tests.factories import ArticlePageFactory
from tests.newsroom.test_desk import DESKS

HEADLINE = "Armenia removes Russian border guards from Yerevan airport"


@pytest.fixture
def admin_url(newsroom_site):
    """The demo site, its three roles, and a story the reporter sent to fact check."""
    reporter = create_member("reporter", roles.REPORTERS)
    create_member("checker", roles.FACT_CHECKERS)
    create_member("editor", roles.EDITORS)
    news = SectionPage.objects.get(slug="news", locale__language_code="en")
    story = ArticlePageFactory(parent=news, title=HEADLINE, live=False, owner=reporter)
    story.save_revision(user=reporter)
    story.get_workflow().start(story, reporter)
    return newsroom_site


def test_each_role_sees_its_desk(new_tab, admin_url, screenshot):
    for person, panels in DESKS.items():
        tab = new_tab()
        log_in(tab, admin_url, person)

        assert tab.locator(".w-panel__heading").all_inner_texts() == panels
        screenshot(tab, f"desk-{person}")

    # The reporter's story, in their drafts and in the fact-checker's list.
    reporter, checker = new_tab(), new_tab()
    log_in(reporter, admin_url, "reporter")
    log_in(checker, admin_url, "checker")
    drafts = reporter.get_by_role("region", name="My drafts")
    expect(drafts.get_by_role("row", name=HEADLINE)).to_contain_text("In Fact check")
    waiting = checker.get_by_role("region", name="Awaiting my fact check")
    expect(waiting.get_by_role("link", name=HEADLINE)).to_be_visible()
