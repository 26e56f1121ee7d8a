"""The demo loader builds the story and its context, idempotently and atomically."""

import json

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision, WorkflowPage

from conflicts.models import Actor, Claim, ConflictExplainerPage, Source, TimelineEvent
from newsroom.demo.loader import DEMO_FILE
from newsroom.models import ArticlePage

pytestmark = pytest.mark.django_db

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
}


def counts() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (Actor, Claim, Source, Page, Revision, TimelineEvent, WorkflowPage)
    }


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)
    return ArticlePage.objects.get(slug="russian-peacekeepers-leave-karabakh")


def test_the_demo_story_is_published_in_news_with_its_syndication_and_byline(demo):
    assert demo.live
    assert demo.get_parent().slug == "news"
    assert demo.original_publisher == "CIVILNET"
    assert demo.original_url.startswith("https://www.civilnet.am/")
    assert [b.author.name for b in demo.bylines.all()] == ["Ani Avetisyan"]
    assert demo.explainer.slug == "nagorno-karabakh"
    first = demo.body[0].value.source
    assert first.startswith("<p>Kremlin spokesperson Dmitry Peskov confirmed this week")
    assert "appeared first on" not in str(demo.body)


def test_the_demo_has_the_named_actors_linked_in_the_files_order(demo):
    assert set(Actor.objects.filter(live=True).values_list("name", flat=True)) >= NAMED_ACTORS
    data = json.loads(DEMO_FILE.read_text())
    linked = [link.actor.slug for link in demo.actor_links.all()]
    assert linked == data["articles"][0]["actors"]
    assert len(linked) >= 10
    peskov = Actor.objects.get(slug="dmitry-peskov")
    assert [(a.role, a.organisation.name) for a in peskov.affiliations.all()] == [
        ("Spokesperson", "The Kremlin")
    ]


def test_every_demo_claim_is_published_with_a_source_and_an_explained_verdict(demo):
    claims = Claim.objects.all()
    assert claims.count() >= 6
    for claim in claims:
        assert claim.live, claim.slug
        assert claim.claim_sources.exists(), claim.slug
        assert claim.verdict and claim.verdict_explanation, claim.slug
    assert demo.claim_links.count() == claims.count()


def test_the_explainer_has_a_dated_timeline(demo):
    explainer = ConflictExplainerPage.objects.get(slug="nagorno-karabakh")
    events = list(explainer.timeline_events.order_by("date"))
    assert explainer.live
    assert len(events) >= 9
    assert (events[0].display_date, events[0].title) == ("27 September 2020", "Six-week war begins")
    blockade = explainer.timeline_events.get(title="Lachin corridor blockade begins")
    assert blockade.display_date == "12 December 2022"
    assert [
        s.publisher for s in explainer.timeline_events.get(date="2020-11-10").sources.all()
    ] == ["President of Russia (kremlin.ru)"]


def test_the_demo_story_renders_with_its_sidebar(client, demo):
    response = client.get(demo.url)

    body = response.content.decode()
    assert response.status_code == 200
    assert '<aside class="related-context" aria-label="Related context">' in body
    assert '<a href="/actors/dmitry-peskov/">Dmitry Peskov</a>' in body
    assert "Verdict: Disputed" in body
    assert "This story appeared first on" in body


def test_the_news_section_goes_through_the_fact_check_workflow(demo):
    assert WorkflowPage.objects.get(page__slug="news").workflow.name == (
        "Fact check before publishing"
    )


def test_a_second_load_changes_nothing(demo, capsys):
    before = counts()

    call_command("load_demo")

    assert counts() == before
    assert "created nothing" in capsys.readouterr().out


def test_a_bad_file_names_the_object_and_field_and_changes_nothing(tmp_path, db):
    data = json.loads(DEMO_FILE.read_text())
    data["claims"][2]["verdict_explanation"] = ""
    data["sources"][1]["url"] = "javascript:alert(1)"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    before = counts()

    with pytest.raises(CommandError) as raised:
        call_command("load_demo", file=str(bad))

    assert str(raised.value) == (
        'Nothing was loaded. Fix the demo file: source "javascript:alert(1)": '
        "url: Enter a web address that starts with http:// or https://."
    )
    assert counts() == before


def test_an_unexplained_verdict_is_refused(tmp_path, db):
    data = json.loads(DEMO_FILE.read_text())
    data["claims"][2]["verdict_explanation"] = ""
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))

    with pytest.raises(CommandError, match='claim "peacekeepers-future-is-russian-azerbaijani-'):
        call_command("load_demo", file=str(bad))
    assert not Claim.objects.exists()


def test_a_missing_or_broken_file_is_a_clear_error(tmp_path, db):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")

    with pytest.raises(CommandError, match="no such file"):
        call_command("load_demo", file=str(tmp_path / "missing.json"))
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("load_demo", file=str(broken))
