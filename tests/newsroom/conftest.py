"""Fixtures the newsroom's test files share: the story the reader-page tests read (with its
explainer, Peskov and his claim), and the world the purge tests change."""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import Workflow, WorkflowPage
from wagtail_factories import ImageFactory

from conflicts.models import ActorAffiliation, ClaimRelation, ClaimSource, ConflictParty, Verdict
from newsroom.stories import roles
from newsroom.stories.models import ArticleCorrection
from tests.factories import (
    ActorFactory,
    ArticlePageFactory,
    AuthorFactory,
    ClaimFactory,
    ConflictExplainerPageFactory,
    SourceFactory,
    TimelineEventFactory,
)
from tests.newsroom.reader_pages import HEADLINE, STORY_DATE

# --- The reader pages' story ------------------------------------------------------------


@pytest.fixture
def explainer(site_tree):
    page = ConflictExplainerPageFactory(
        parent=site_tree.conflicts, slug="nagorno-karabakh", last_reviewed=datetime.date(2024, 5, 2)
    )
    TimelineEventFactory(page=page, date=datetime.date(2020, 9, 27), title="War begins")
    TimelineEventFactory(page=page, date=datetime.date(2023, 9, 19), title="One-day offensive")
    TimelineEventFactory(page=page, date=datetime.date(2024, 6, 12), title="Withdrawal completed")
    return page


@pytest.fixture
def peskov(db):
    return ActorFactory(
        name="Dmitry Peskov", slug="dmitry-peskov", description="Kremlin spokesperson"
    )


@pytest.fixture
def claim(peskov):
    claim = ClaimFactory(
        statement="Russian peacekeepers are leaving Nagorno-Karabakh",
        slug="peacekeepers-are-leaving",
        quote="Yes, it is true.",
        claimant=peskov,
        verdict=Verdict.CONFIRMED,
        verdict_explanation="The Russian defence ministry announced the withdrawal.",
        sources=0,
    )
    tass = SourceFactory(
        publisher="TASS",
        title="Kremlin confirms withdrawal of peacekeepers",
        url="https://tass.com/politics/1776597",
        archive_url="https://web.archive.org/web/2024/https://tass.com/politics/1776597",
        published_on=datetime.date(2024, 4, 17),
    )
    ClaimSource.objects.create(claim=claim, source=tass, shows="supports", quote="third paragraph")
    return claim


@pytest.fixture
def story(site_tree, explainer, peskov, claim):
    pashinyan = ActorFactory(
        name="Nikol Pashinyan", slug="nikol-pashinyan", description="Prime Minister of Armenia"
    )
    page = ArticlePageFactory(
        parent=site_tree.news,
        title=HEADLINE,
        slug="peacekeepers-leave-karabakh",
        dek="The Kremlin confirms the contingent is withdrawing.",
        display_date=STORY_DATE,
        authors=[AuthorFactory(name="Ani Avetisyan"), AuthorFactory(name="Lilit Shahverdyan")],
        explainer=explainer,
        actors=[peskov, pashinyan],
        claims=[claim],
        lead_image=ImageFactory(title="Peacekeepers at a checkpoint"),
        lead_image_caption="A Russian checkpoint near Stepanakert.",
        lead_image_credit="Photo: CivilNet",
        original_publisher="CIVILNET",
        original_url="https://www.civilnet.am/en/news/771234/",
    )
    page.tags.add("peacekeepers", "Russia")
    page.save()
    ArticleCorrection.objects.create(
        page=page,
        kind=ArticleCorrection.Kind.CORRECTION,
        date=STORY_DATE + datetime.timedelta(days=1),
        text="<p>An earlier version misstated the size of the contingent.</p>",
    )
    ArticlePageFactory(
        parent=site_tree.news,
        title="Armenia freezes its CSTO participation",
        slug="armenia-freezes-csto",
        explainer=explainer,
        display_date=STORY_DATE - datetime.timedelta(days=50),
    )
    return page


# --- The purge tests' world -------------------------------------------------------------


def mention(kind, obj, words):
    return ("paragraph", f'<p><a linktype="{kind}" id="{obj.pk}">{words}</a> said so.</p>')


@pytest.fixture
def world(site_tree):
    """An explainer, Peskov (of the Kremlin) with a claim, and stories around them."""
    explainer = ConflictExplainerPageFactory(parent=site_tree.conflicts, slug="karabakh")
    kremlin = ActorFactory(name="The Kremlin", slug="kremlin")
    peskov = ActorFactory(name="Dmitry Peskov", slug="peskov")
    ActorAffiliation.objects.create(actor=peskov, organisation=kremlin, role="Spokesperson")
    ConflictParty.objects.create(page=explainer, actor=kremlin, role="Mediator")
    claim = ClaimFactory(claimant=peskov, slug="they-leave", conflict=explainer)
    answer = ClaimFactory(claimant=kremlin, slug="they-stay")
    ClaimRelation.objects.create(claim=answer, other=claim, kind="disputes")
    story = ArticlePageFactory(
        parent=site_tree.news,
        slug="story",
        explainer=explainer,
        actors=[peskov],
        claims=[claim],
        tags=["lachin", "peacekeepers"],
    )
    other = ArticlePageFactory(parent=site_tree.news, slug="other-story", explainer=explainer)
    mentioning = ArticlePageFactory(
        parent=site_tree.news,
        slug="mentions",
        body=[mention("actor", peskov, "Peskov"), mention("claim", claim, "the claim")],
    )
    draft = ArticlePageFactory(parent=site_tree.news, slug="draft", actors=[peskov], live=False)
    unrelated = ArticlePageFactory(parent=site_tree.news, slug="unrelated")
    for page in (story, other, mentioning, draft, unrelated):
        page.save_revision()  # fills Wagtail's reference index as the admin does
    mentioning.save_revision().publish()
    return {
        "story": story,
        "peskov": peskov,
        "kremlin": kremlin,
        "claim": claim,
        "explainer": explainer,
    }


@pytest.fixture
def desk(site_tree, django_user_model):
    """News on the fact-check workflow; a reporter, a fact-checker and an editor, each a
    member of their group only, each with their own admin client."""
    workflow = Workflow.objects.get(name=roles.FACT_CHECK_WORKFLOW)
    WorkflowPage.objects.create(workflow=workflow, page=site_tree.news)
    people = {"workflow": workflow}
    for name, group in [
        ("reporter", roles.REPORTERS),
        ("checker", roles.FACT_CHECKERS),
        ("editor", roles.EDITORS),
    ]:
        user = django_user_model.objects.create_user(
            name, password="pw", first_name=name.title(), last_name="Desk"
        )
        user.groups.add(Group.objects.get(name=group))
        client = Client()
        client.force_login(user)
        people[name] = SimpleNamespace(user=user, client=client)
    return SimpleNamespace(**people)
