"""load_demo builds the demo story and its context through the models, idempotently and
atomically. These tests start from Wagtail's freshly migrated database (its welcome page,
no site_tree fixture): the loader builds the tree itself."""

import copy
import datetime
import io
import json
import re

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient
from wagtail.models import Page, Revision, Site, WorkflowPage

from conflicts.models import Actor, Claim, ClaimSource, ConflictExplainerPage, Source, Verdict
from newsroom.partners.models import Partner, PartnerAPIKey
from newsroom.stories.demo.loader import DEMO_FILE
from newsroom.stories.models import ArticlePage, HomePage, SectionPage
from tests.factories import ActorFactory
from tests.pages import get_page, soup_of, text_of

pytestmark = pytest.mark.django_db

DATA = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
# The seed gives the CivilNet story no web address: the source is named, not linked.
CIVILNET = "CIVILNET: Russian peacekeepers leave Karabakh"
STORY_DATE = datetime.datetime.fromisoformat(DATA["articles"][0]["display_date"])
STORY_URL = "/news/russian-peacekeepers-leave-karabakh/"
NAMED_ACTORS = {
    "Dmitry Peskov",
    "Nikol Pashinyan",
    "Vedant Patel",
    "Russia",
    "Azerbaijan",
    "Armenia",
    "Turkey",
    "Collective Security Treaty Organization",
    "Russian peacekeeping contingent in Nagorno-Karabakh",
    "US State Department",
    "The Kremlin",
    "CivilNet",
    "Karabakh Armenians",
    "Azerbaijani media",
    "Joint Russian-Turkish Monitoring Centre",
}
COUNTS = {key: len(DATA[key]) for key in ("actors", "sources", "explainers", "claims")}


def row_counts() -> dict:
    """Rows of every table (M2M tables too): what "changes nothing" is measured on."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
    }


def load(path=None) -> str:
    out = io.StringIO()
    call_command("load_demo", *(["--file", str(path)] if path else []), stdout=out)
    return out.getvalue()


def write(tmp_path, data) -> str:
    path = tmp_path / "demo.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


@pytest.fixture
def story():
    load()
    return ArticlePage.objects.get(slug="russian-peacekeepers-leave-karabakh")


def test_the_first_load_says_what_it_created():
    output = load()

    assert output == (
        f"Demo loaded: created {COUNTS['actors']} actors, {COUNTS['sources']} sources, "
        # 7 pages: the home, News and Conflicts, and the Armenian and Russian home and News
        f"1 explainer, {COUNTS['claims']} claims, 7 pages, 1 author, 1 article, 1 image, "
        "2 naming policies; skipped nothing.\n"
    )


def test_the_home_page_replaces_wagtails_welcome_page_on_the_default_site(client):
    site_before = Site.objects.get(is_default_site=True)

    load()

    site = Site.objects.get(is_default_site=True)
    assert site.pk == site_before.pk  # the same site, repointed (not deleted with its root)
    assert Site.objects.count() == 1
    assert isinstance(site.root_page.specific, HomePage)
    # The home and its Armenian and Russian editions (README, "Languages")
    assert [p.title for p in Page.objects.filter(depth=2)] == ["The Newsroom", "Գլխավոր", "Главная"]
    assert [(p.title, p.url, p.live) for p in site.root_page.get_children().specific()] == [
        ("News", "/news/", True),
        ("Conflicts", "/conflicts/", True),
    ]
    home = get_page(client, "/")
    assert "Russian peacekeepers leave Karabakh" in text_of(home)


def test_the_story_is_published_under_news_with_its_byline_and_syndication(story):
    assert story.live and not story.has_unpublished_changes
    assert story.url == STORY_URL
    assert isinstance(story.get_parent().specific, SectionPage)
    assert story.original_publisher == "CIVILNET"
    assert story.original_url == ""  # the seed names the publisher, not the story's address
    assert [b.author.name for b in story.bylines.all()] == ["Ani Avetisyan"]
    assert story.explainer.slug == "nagorno-karabakh"
    assert sorted(t.name for t in story.tags.all()) == sorted(DATA["articles"][0]["tags"])
    paragraphs = [block.value.source for block in story.body]
    assert len(paragraphs) == 12
    peskov, contingent = (
        Actor.objects.get(slug=slug).pk
        for slug in ("dmitry-peskov", "russian-peacekeeping-contingent")
    )
    assert paragraphs[0] == (
        f'<p>Kremlin spokesperson <a linktype="actor" id="{peskov}">Dmitry Peskov</a> confirmed '
        f'this week that <a linktype="actor" id="{contingent}">Russian peacekeepers</a> will be '
        "leaving Nagorno-Karabakh.</p>"
    )
    assert all(block.block_type == "paragraph" for block in story.body)
    assert not any("By Ani Avetisyan" in p or "appeared first on" in p for p in paragraphs)
    assert Revision.page_revisions.filter(object_id=str(story.pk)).count() == 1


def test_what_the_demo_publishes_is_dated_to_the_story_not_to_the_load(story):
    revision = Revision.page_revisions.get(object_id=str(story.pk))

    assert story.first_published_at == story.last_published_at == STORY_DATE
    assert story.latest_revision_created_at == revision.created_at == STORY_DATE
    for published in (Page.objects.filter(depth__gt=1), Actor.objects, Claim.objects):
        dates = set(published.values_list("first_published_at", "last_published_at"))
        assert dates == {(STORY_DATE, STORY_DATE)}, published.model
    assert set(Revision.objects.values_list("created_at", flat=True)) == {STORY_DATE}


def test_the_named_actors_are_published_with_their_affiliations(story):
    live = set(Actor.objects.filter(live=True).values_list("name", flat=True))
    assert live >= NAMED_ACTORS
    assert Actor.objects.filter(live=True).count() >= 12
    assert not Actor.objects.filter(latest_revision=None).exists()

    def affiliations(slug):
        actor = Actor.objects.get(slug=slug)
        return [(a.role, a.organisation.name) for a in actor.affiliations.all()]

    assert affiliations("dmitry-peskov") == [("Spokesperson", "The Kremlin")]
    assert affiliations("nikol-pashinyan") == [("Prime Minister", "Armenia")]
    assert affiliations("vedant-patel") == [
        ("Principal Deputy Spokesperson", "US State Department")
    ]
    assert affiliations("us-state-department") == [("Part of", "United States")]
    csto_members = Actor.objects.get(slug="csto").member_affiliations.values_list(
        "actor__name", flat=True
    )
    assert sorted(csto_members) == ["Armenia", "Russia"]
    wikidata = dict(Actor.objects.exclude(wikidata_id="").values_list("slug", "wikidata_id"))
    assert wikidata == {
        "russia": "Q159",
        "armenia": "Q399",
        "azerbaijan": "Q227",
        "turkey": "Q43",
        "united-states": "Q30",
    }


def test_the_story_links_its_actors_and_claims_in_the_files_order(story):
    article = DATA["articles"][0]
    actors = [link.actor.slug for link in story.actor_links.all()]
    claims = [link.claim.slug for link in story.claim_links.all()]

    assert actors == article["actors"]
    assert actors[:3] == ["dmitry-peskov", "nikol-pashinyan", "russian-peacekeeping-contingent"]
    assert len(actors) >= 10
    assert claims == article["claims"] == [c["slug"] for c in DATA["claims"]]


def test_every_claim_is_published_with_sources_and_an_explained_verdict(story):
    claims = Claim.objects.all()

    assert claims.count() >= 6
    for claim in claims:
        assert claim.live and claim.latest_revision_id, claim.slug
        assert claim.claim_sources.exists(), claim.slug
        assert claim.verdict in Verdict.values, claim.slug
        assert claim.verdict_explanation.strip(), claim.slug
        assert claim.conflict.slug == "nagorno-karabakh", claim.slug
    not_inactive = Claim.objects.get(slug="peacekeepers-were-not-inactive")
    assert [(s.source.reference, s.shows) for s in not_inactive.claim_sources.all()] == [
        (CIVILNET, "reports"),
        (CIVILNET, "disputes"),
        (CIVILNET, "disputes"),
    ]
    assert not_inactive.claimant.name == "The Kremlin"
    recognition = Claim.objects.get(slug="pashinyan-recognition-caused-developments")
    assert [(r.kind, r.other.slug) for r in recognition.relations.all()] == [
        ("disputes", "russia-failed-to-support-armenia")
    ]
    assert Claim.objects.get(slug="armenia-is-shifting-blame-to-russia").verdict == "disputed"


def test_the_verdict_rule_is_applied_to_every_partys_claims_alike(story):
    """The README's rule: "Disputed" where the same story reports another party on the
    record contradicting the claim (a "disputes" relation with another claimant's claim,
    either way), "Reported" otherwise; a Disputed claim cites the passage that disputes it."""
    contradicted = set()
    for claim in Claim.objects.prefetch_related("relations__other"):
        for relation in claim.relations.all():
            if relation.kind == "disputes" and relation.other.claimant_id != claim.claimant_id:
                contradicted |= {claim.slug, relation.other.slug}
    text = " ".join(DATA["articles"][0]["paragraphs"])

    verdicts = dict(Claim.objects.values_list("slug", "verdict"))
    assert verdicts == {
        slug: "disputed" if slug in contradicted else "reported" for slug in verdicts
    }
    assert verdicts["russia-failed-to-support-armenia"] == "disputed"  # Pashinyan's, as Russia's
    assert verdicts["peacekeepers-were-not-inactive"] == "disputed"  # the Kremlin's
    for claim in Claim.objects.filter(verdict="disputed"):
        disputing = [cs.quote for cs in claim.claim_sources.all() if cs.shows == "disputes"]
        assert disputing and all(quote in text for quote in disputing), claim.slug
    for claim in Claim.objects.filter(verdict="reported"):
        assert "We make no finding." in claim.verdict_explanation, claim.slug


def test_every_quote_from_the_story_is_the_storys_own_wording(story):
    text = " ".join(DATA["articles"][0]["paragraphs"])
    story_sources = ClaimSource.objects.filter(source__url=None, source__publisher="CIVILNET")

    assert story_sources.count() >= Claim.objects.count() >= 6
    for claim_source in story_sources:
        assert claim_source.quote in text, claim_source.claim.slug


def test_the_explainer_has_parties_key_facts_sections_and_a_dated_timeline(story):
    explainer = ConflictExplainerPage.objects.get(slug="nagorno-karabakh")
    events = list(explainer.timeline_events.all())

    assert explainer.live and explainer.url == "/conflicts/nagorno-karabakh/"
    assert explainer.status == "ended" and explainer.region == "South Caucasus"
    assert str(explainer.last_reviewed) == "2024-04-17" and explainer.review_note
    assert [b.value["heading"] for b in explainer.body][0] == "What the conflict is about"
    assert len(explainer.body) >= 3
    roles = {p.actor.slug: p.role for p in explainer.parties.all()}
    assert {"armenia", "azerbaijan", "karabakh-armenians", "russia", "turkey"} <= set(roles)
    assert roles["russian-peacekeeping-contingent"].startswith("Peacekeeper")
    facts = list(explainer.key_facts.all())
    assert len(facts) >= 4 and all(f.source_id for f in facts)
    assert len(events) >= 9
    assert all(e.actors.exists() for e in events)
    assert sum(e.sources.exists() for e in events) >= 9
    dates = {e.title: e.display_date for e in events}
    assert dates["Six-week war begins"] == "27 September 2020"
    assert dates["Ceasefire; Russian peacekeepers deploy"] == "10 November 2020"
    # As the story it cites says: "established in November 2020".
    assert dates["Russian-Turkish monitoring centre established in Aghdam"] == "November 2020"
    assert dates["Lachin corridor blockade begins"] == "12 December 2022"
    assert dates["One-day offensive"] == "19 September 2023"
    assert dates["Exodus of Karabakh Armenians"] == "September 2023"
    ceasefire = explainer.timeline_events.get(date="2020-11-10")
    assert [s.url for s in ceasefire.sources.all()] == [
        "http://en.kremlin.ru/events/president/news/64384"
    ]


def test_the_explainers_timeline_reads_in_order_and_says_what_its_sources_show(client, story):
    page = get_page(client, "/conflicts/nagorno-karabakh/")
    events = page.select("ol.timeline > li")
    text = " ".join(DATA["articles"][0]["paragraphs"])

    titles = [text_of(e.strong) for e in events]
    assert titles.index("One-day offensive") < titles.index("Exodus of Karabakh Armenians")
    assert titles.index("Karabakh authorities decree their dissolution") < titles.index(
        "Exodus of Karabakh Armenians"
    )
    assert titles.index("Ceasefire; Russian peacekeepers deploy") < titles.index(
        "Russian-Turkish monitoring centre established in Aghdam"
    )
    for event in events:
        sources = text_of(event.select_one(".event-sources"))
        note = event.select_one(".sources-note")
        if "CIVILNET" in sources:
            assert "CIVILNET, Russian peacekeepers leave Karabakh (no web address recorded)" in (
                sources
            )
            # Every passage a note quotes is the story's own wording.
            quoted = re.findall("“([^”]+)”", text_of(note))
            assert quoted and all(passage in text for passage in quoted), text_of(event.strong)
        elif sources == "Sources: none recorded":
            assert note is None
        else:
            assert note is not None, text_of(event.strong)
    assert not page.select('a[href^="https://www.civilnet.am"]')


def test_the_story_page_shows_its_sidebar_to_a_reader(client, story):
    page = get_page(client, STORY_URL)

    assert text_of(page.h1) == "Russian peacekeepers leave Karabakh"
    sidebar = page.select_one('aside[aria-label="Related context"]')
    actors = [(text_of(li.a), li.a["href"]) for li in sidebar.select("#context-actors + ul > li")]
    assert actors[:3] == [
        ("Dmitry Peskov", "/actors/dmitry-peskov/"),
        ("Nikol Pashinyan", "/actors/nikol-pashinyan/"),
        (
            "Russian peacekeeping contingent in Nagorno-Karabakh",
            "/actors/russian-peacekeeping-contingent/",
        ),
    ]
    assert "Kremlin spokesperson" in text_of(sidebar)
    assert "Verdict: Disputed" in text_of(sidebar)
    syndication = page.select_one(".syndication")
    assert text_of(syndication) == "This story appeared first on CIVILNET."
    assert syndication.a is None  # no link to CivilNet's home page
    assert not page.select('a[href^="https://www.civilnet.am"]')


def test_readers_meet_the_actors_the_story_names_as_mention_cards(client, story):
    body = get_page(client, STORY_URL).select_one(".story-body")

    # The words are the seed's, paragraph by paragraph; the mentions only link them.
    assert [text_of(p) for p in body.find_all("p")] == DATA["articles"][0]["paragraphs"]
    mentions = body.select("a.mention[data-mention=actor]")
    assert [(text_of(a), a["href"]) for a in mentions] == [
        (row["text"], f"/actors/{row['actor']}/") for row in DATA["articles"][0]["mentions"]
    ]
    assert {text_of(a) for a in mentions} >= {"Dmitry Peskov", "Nikol Pashinyan", "The Kremlin"}
    for link in mentions:
        card = client.get(link["data-card-url"])
        assert card.status_code == 200, link["data-card-url"]
    peskov = client.get("/actors/dmitry-peskov/card/")
    assert "Kremlin spokesperson" in text_of(soup_of(peskov))


def test_the_news_section_goes_through_the_fact_check_workflow(story):
    assert WorkflowPage.objects.get(page__slug="news").workflow.name == (
        "Fact check before publishing"
    )


def test_a_second_load_changes_nothing():
    load()
    before = row_counts()

    output = load()

    assert row_counts() == before
    assert before["wagtailcore.Revision"] > 0 and before["wagtailcore.Page"] == 10
    assert output.startswith(
        f"Demo loaded: created nothing; skipped {COUNTS['actors']} actors, "
        f"{COUNTS['sources']} sources"
    )


def test_what_already_exists_is_left_untouched():
    peskov = ActorFactory(slug="dmitry-peskov", name="Dmitry Peskov", description="As edited")

    output = load()

    peskov.refresh_from_db()
    assert peskov.description == "As edited"
    assert not peskov.affiliations.exists()
    assert not Revision.objects.filter(object_id=str(peskov.pk), base_content_type__model="actor")
    assert Claim.objects.get(slug="peacekeepers-will-leave-karabakh").claimant == peskov
    assert f"created {COUNTS['actors'] - 1} actors" in output
    assert "skipped 1 actor " in output


def _last_claim(data):
    return data["claims"][-1]


BAD_FILES = {
    "verdict without explanation": (
        lambda data: _last_claim(data).update(verdict_explanation=""),
        'claim "russian-troops-did-not-support-peace": verdict_explanation: '
        "Explain the verdict: say what the sources show.",
    ),
    "javascript: source": (
        lambda data: data["sources"].append(dict(data["sources"][0], url="javascript:alert(1)")),
        'source "javascript:alert(1)": url: Enter a web address that starts with http:// '
        "or https://.",
    ),
    "claim citing an unknown source": (
        lambda data: _last_claim(data)["sources"][0].update(url="javascript:alert(1)", source=""),
        'claim "russian-troops-did-not-support-peace" source 1: url: no source with the URL '
        '(or, without one, the "publisher: title") "javascript:alert(1)" in the file or site',
    ),
    "claim without a source": (
        lambda data: _last_claim(data).update(sources=[]),
        'claim "russian-troops-did-not-support-peace": claim_sources: Sources: add at least '
        "one source that shows this claim before publishing it.",
    ),
    "verdict outside the vocabulary": (
        lambda data: _last_claim(data).update(verdict="true"),
        'claim "russian-troops-did-not-support-peace": verdict: '
        "Value 'true' is not a valid choice.",
    ),
    "misspelt field": (
        lambda data: _last_claim(data).update(verdict_explaination="typo"),
        'claim "russian-troops-did-not-support-peace": verdict_explaination: unknown field',
    ),
    "slug given twice": (
        lambda data: data["claims"].append(copy.deepcopy(data["claims"][0])),
        'claim "peacekeepers-will-leave-karabakh": slug: given twice in the file',
    ),
    "bad Wikidata id": (
        lambda data: data["actors"][-1].update(wikidata_id="civilnet"),
        'actor "civilnet": wikidata_id: Enter a Wikidata id',
    ),
    "timeline date that is not a date": (
        lambda data: data["explainers"][0]["timeline_events"][-1].update(date="April 2024"),
        'explainer "nagorno-karabakh" timeline event 10: date: "April 2024" is not a date',
    ),
    "explainer section heading too long": (
        lambda data: data["explainers"][0]["body"][1].update(heading="x" * 300),
        'explainer "nagorno-karabakh": body: block 2: heading: Ensure this value has at most '
        "200 characters (it has 300).",
    ),
    "mention of words the paragraph lacks": (
        lambda data: data["articles"][0]["mentions"][0].update(text="Vladimir Putin"),
        'article "russian-peacekeepers-leave-karabakh": mentions 1: text: "Vladimir Putin" '
        "is not in paragraph 1",
    ),
    "mention of an unknown actor": (
        lambda data: data["articles"][0]["mentions"][0].update(actor="vladimir-putin"),
        'article "russian-peacekeepers-leave-karabakh": mentions 1: actor: no actor with the '
        'slug "vladimir-putin"',
    ),
    "lead image that is not in the demo folder": (
        lambda data: data["articles"][0]["lead_image"].update(file="../secret.png"),
        'article "russian-peacekeepers-leave-karabakh": lead_image: file: no file '
        '"../secret.png" in',
    ),
    "article linking an unknown actor": (
        lambda data: data["articles"][0]["actors"].append("vladimir-putin"),
        'article "russian-peacekeepers-leave-karabakh": actors: no actor with the slug '
        '"vladimir-putin"',
    ),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_file_names_the_object_and_field_and_changes_nothing(tmp_path, case):
    break_it, message = BAD_FILES[case]
    data = copy.deepcopy(DATA)
    break_it(data)
    path = write(tmp_path, data)
    before = row_counts()

    with pytest.raises(CommandError) as raised:
        load(path)

    assert str(raised.value).startswith(f"Nothing was loaded. Fix {path}: {message}")
    assert raised.value.returncode == 1
    assert row_counts() == before


def test_a_bad_file_changes_nothing_on_a_loaded_site_either(tmp_path):
    load()
    data = copy.deepcopy(DATA)
    data["actors"].append({"slug": "new-actor", "name": "New actor", "kind": "person"})
    data["sources"].append(dict(data["sources"][0], url="https://example.org/new"))
    new_claim = dict(_last_claim(data), slug="new-claim", verdict_explanation=" ")
    data["claims"].append(new_claim)
    before = row_counts()

    with pytest.raises(CommandError, match='claim "new-claim": verdict_explanation: Explain'):
        load(write(tmp_path, data))

    assert row_counts() == before
    assert not Source.objects.filter(url="https://example.org/new").exists()


def test_a_missing_or_unreadable_file_is_a_clear_error(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    a_list = tmp_path / "list.json"
    a_list.write_text("[]", encoding="utf-8")
    no_site = tmp_path / "no-site.json"
    no_site.write_text('{"actors": []}', encoding="utf-8")

    with pytest.raises(CommandError, match="missing.json: no such file") as raised:
        load(tmp_path / "missing.json")
    assert raised.value.returncode == 1
    with pytest.raises(CommandError, match="broken.json: not valid JSON"):
        load(broken)
    with pytest.raises(CommandError, match="list.json: expected one JSON object"):
        load(a_list)
    with pytest.raises(CommandError, match="file: site: this field is required"):
        load(no_site)
    assert not HomePage.objects.exists()


def test_partners_get_the_timeline_in_order_with_what_its_sources_show(story):
    _, key = PartnerAPIKey.objects.create_key(partner=Partner.objects.create(name="P"), name="k")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")

    [explainer] = api.get("/api/v1/explainers/").json()["results"]
    detail = api.get(f"/api/v1/explainers/{explainer['id']}/").json()

    timeline = [(e["display_date"], e["title"]) for e in detail["timeline"]]
    assert timeline.index(("19 September 2023", "One-day offensive")) < timeline.index(
        ("September 2023", "Exodus of Karabakh Armenians")
    )
    offensive = next(e for e in detail["timeline"] if e["title"] == "One-day offensive")
    assert offensive["sources_note"].endswith("It gives the month, not the day.")
    assert [(s["publisher"], s["url"]) for s in offensive["sources"]] == [("CIVILNET", None)]
