"""The plugin's tests run on the test host (tests/conflicts/host): its site tree replaces the
host site's; the other fixtures (editor, purged, sidebar_cache_on ...) are tests/conftest.py's.
Beside it, the Karabakh conflict the reader-page tests read: its actors, explainer, Peskov's
claim and the stories on it. The host is imported in the fixtures: this file loads under any
settings (tests/conftest.py then leaves tests/conflicts out)."""

import datetime
import json

import pytest
from wagtail_factories import ImageFactory

from conflicts.models import ActorAffiliation, ClaimSource, ConflictParty, KeyFact, Verdict
from tests.conflicts.factories import (
    ActorFactory,
    ClaimFactory,
    ConflictExplainerPageFactory,
    SourceFactory,
    TimelineEventFactory,
)
from tests.conflicts.reader_pages import STORY_DATE
from tests.conflicts.site_tree import SiteTree, build_site_tree


@pytest.fixture
def site_tree(db) -> SiteTree:
    """The test host's home page as the default site's root, a News section and a Conflicts
    index: stories at /news/<slug>/, explainers at /conflicts/<slug>/."""
    from tests.conflicts.host.factories import HomePageFactory, SectionPageFactory

    return build_site_tree(HomePageFactory, SectionPageFactory)


# --- The reader pages' conflict ---------------------------------------------------------


@pytest.fixture
def actors(db):
    kremlin = ActorFactory(
        name="The Kremlin", slug="the-kremlin", kind="government_body", description=""
    )
    peskov = ActorFactory(
        name="Dmitry Peskov",
        slug="dmitry-peskov",
        description="Kremlin spokesperson",
        bio="<p>Press secretary of the <b>President of Russia</b>.</p>",
        aliases="Dmitri Peskov\nPeskov",
        wikidata_id="Q193645",
        image=ImageFactory(title="Portrait"),
    )
    ActorAffiliation.objects.create(
        actor=peskov,
        organisation=kremlin,
        role="Spokesperson",
        start_date=datetime.date(2012, 5, 22),
    )
    mfa = ActorFactory(name="Armenian Foreign Ministry", slug="armenian-mfa", kind="state")
    draft = ActorFactory(name="Unpublished Actor", slug="unpublished-actor", live=False)
    return {"kremlin": kremlin, "peskov": peskov, "mfa": mfa, "draft": draft}


@pytest.fixture
def explainer(site_tree, actors):
    page = ConflictExplainerPageFactory(
        parent=site_tree.conflicts,
        slug="nagorno-karabakh",
        status="ended",
        last_reviewed=datetime.date(2024, 6, 14),
        review_note="Added the peacekeepers' withdrawal.",
        body=json.dumps(
            [
                {
                    "type": "section",
                    "value": {
                        "heading": "How the war ended",
                        "text": "<p>In September 2023 Azerbaijan took the region in a day.</p>",
                    },
                }
            ]
        ),
    )
    ConflictParty.objects.create(page=page, actor=actors["kremlin"], role="Mediator", sort_order=0)
    ConflictParty.objects.create(
        page=page, actor=actors["draft"], role="Secret party", sort_order=1
    )
    KeyFact.objects.create(
        page=page,
        text="About 100,000 people left in a week.",
        source=SourceFactory(
            publisher="UNHCR", title="Armenia emergency", url="https://unhcr.org/am"
        ),
    )
    offensive = TimelineEventFactory(
        page=page, date=datetime.date(2023, 9, 19), title="One-day offensive"
    )
    offensive.actors.set([actors["peskov"], actors["draft"]])
    offensive.sources.set(
        [SourceFactory(publisher="Reuters", title="Azerbaijan launches", url="https://reut.rs/1")]
    )
    offensive.save()
    TimelineEventFactory(
        page=page, date=datetime.date(2020, 9, 1), date_precision="month", title="War begins"
    )
    return page


@pytest.fixture
def claim(actors, explainer):
    """Peskov's claim, on the conflict, with a supporting TASS source."""
    claim = ClaimFactory(
        statement="Russian peacekeepers are leaving Nagorno-Karabakh",
        slug="peacekeepers-are-leaving",
        quote="Yes, it is true.",
        claimant=actors["peskov"],
        conflict=explainer,
        made_on=datetime.date(2024, 4, 17),
        verdict=Verdict.CONFIRMED,
        verdict_explanation="The defence ministry announced the withdrawal the same week.",
        sources=0,
    )
    tass = SourceFactory(
        publisher="TASS",
        title="Kremlin confirms withdrawal",
        url="https://tass.com/politics/1776597",
        archive_url="https://web.archive.org/web/2024/https://tass.com/politics/1776597",
    )
    ClaimSource.objects.create(claim=claim, source=tass, shows="supports", quote="third paragraph")
    return claim


@pytest.fixture
def stories(site_tree, explainer, actors, claim):
    """Two live stories on the conflict that link Peskov and his claim, and a draft one."""
    from tests.conflicts.host.factories import StoryPageFactory

    older = StoryPageFactory(
        parent=site_tree.news,
        title="Armenia freezes its CSTO participation",
        slug="armenia-freezes-csto",
        explainer=explainer,
        display_date=STORY_DATE - datetime.timedelta(days=50),
        actors=[actors["peskov"]],
    )
    newer = StoryPageFactory(
        parent=site_tree.news,
        title="Russian peacekeepers leave Karabakh",
        slug="peacekeepers-leave-karabakh",
        explainer=explainer,
        display_date=STORY_DATE,
        actors=[actors["peskov"]],
        claims=[claim],
    )
    StoryPageFactory(
        parent=site_tree.news,
        title="An embargoed story",
        explainer=explainer,
        actors=[actors["peskov"]],
        claims=[claim],
        live=False,
    )
    return [newer, older]


@pytest.fixture
def locales(db) -> dict:
    """The host's three languages as Locale rows, {"en": ..., "hy": ..., "ru": ...} (English,
    the default, comes with Wagtail's migrations)."""
    from wagtail.models import Locale

    return {
        code: Locale.objects.get_or_create(language_code=code)[0] for code in ("en", "hy", "ru")
    }
