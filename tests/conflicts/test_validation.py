"""Validation on the models: bad input gets a message that names the field, and saves nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError

from conflicts.models import Actor, ActorAffiliation, Claim, ClaimRelation, Source, Verdict
from tests.conflicts.factories import ActorFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


def errors_of(obj) -> dict:
    with pytest.raises(ValidationError) as raised:
        obj.full_clean()
    return raised.value.message_dict


@pytest.mark.parametrize("value", ["193645", "Q", "q123", "Q0123", "P31", "Q12 "])
def test_wikidata_id_must_be_q_and_digits(value):
    actor = Actor(name="Dmitry Peskov", kind=Actor.Kind.PERSON, wikidata_id=value)

    assert errors_of(actor)["wikidata_id"] == [
        "Enter a Wikidata id: the letter Q followed by digits, for example Q193645."
    ]


def test_a_valid_wikidata_id_is_accepted_and_a_slug_is_made_from_the_name():
    actor = Actor(name="Dmitry Peskov", kind=Actor.Kind.PERSON, wikidata_id="Q193645")
    actor.full_clean()
    actor.save()

    assert actor.slug == "dmitry-peskov"
    assert actor.wikidata_url == "https://www.wikidata.org/wiki/Q193645"


def test_two_actors_cannot_share_a_wikidata_id():
    ActorFactory(wikidata_id="Q159")
    actor = Actor(name="Russian Federation", kind=Actor.Kind.STATE, wikidata_id="Q159")

    assert "Another actor already has this Wikidata id." in str(errors_of(actor))


@pytest.mark.parametrize(  # javascript:, data:, vbscript: in tests/security/test_urls.py
    "url", ["ftp://example.org/a", "mailto:desk@example.org", "example.org/no-scheme"]
)
def test_source_urls_must_be_http_or_https(url):
    source = Source(title="T", publisher="P", kind=Source.Kind.DOCUMENT, url=url, archive_url=url)

    errors = errors_of(source)

    message = ["Enter a web address that starts with http:// or https://."]
    assert errors["url"] == message
    assert errors["archive_url"] == message


def test_a_verdict_needs_an_explanation():
    claim = ClaimFactory.build(
        claimant=ActorFactory(), verdict=Verdict.DISPUTED, verdict_explanation="  "
    )

    assert errors_of(claim)["verdict_explanation"] == [
        "Explain the verdict: say what the sources show."
    ]


def test_a_claim_without_a_verdict_needs_no_explanation():
    claim = ClaimFactory.build(claimant=ActorFactory(), verdict="", verdict_explanation="")
    claim.full_clean()


def test_a_claim_with_no_source_cannot_be_published():
    claim = ClaimFactory(sources=0, live=False)

    with pytest.raises(ValidationError) as raised:
        claim.save_revision().publish()

    assert "add at least one source" in str(raised.value)
    claim.refresh_from_db()
    assert claim.live is False


def test_a_claim_with_a_source_publishes():
    claim = ClaimFactory(sources=1, live=False)

    claim.save_revision().publish()

    claim.refresh_from_db()
    assert claim.live is True


def test_an_affiliation_cannot_end_before_it_starts_nor_point_at_itself():
    actor = ActorFactory()
    affiliation = ActorAffiliation(
        actor=actor,
        organisation=actor,
        role="Spokesperson",
        start_date=datetime.date(2012, 5, 22),
        end_date=datetime.date(2010, 1, 1),
    )

    errors = errors_of(affiliation)

    assert errors["end_date"] == ["The end date must be on or after the start date."]


def test_an_actor_cannot_be_affiliated_with_itself():
    actor = ActorFactory()
    affiliation = ActorAffiliation(actor=actor, organisation=actor, role="Part of")

    assert errors_of(affiliation)["organisation"] == [
        "An actor cannot be affiliated with itself: choose another."
    ]


def test_a_claim_cannot_relate_to_itself():
    claim = ClaimFactory()

    relation = ClaimRelation(claim=claim, other=claim, kind=ClaimRelation.Kind.DISPUTES)

    assert errors_of(relation)["other"] == ["A claim cannot relate to itself: choose another."]


def test_deleting_an_actor_with_claims_is_refused_and_keeps_everything():
    claim = ClaimFactory()

    with pytest.raises(ProtectedError):
        claim.claimant.delete()

    assert Claim.objects.filter(pk=claim.pk).exists()
    assert Actor.objects.filter(pk=claim.claimant_id).exists()


def test_deleting_a_source_a_claim_cites_is_refused():
    claim = ClaimFactory(sources=1)
    source = claim.claim_sources.get().source

    with pytest.raises(ProtectedError):
        source.delete()

    assert Source.objects.filter(pk=source.pk).exists()


def test_slugs_stay_unique():
    first = ClaimFactory(statement="The peacekeepers will leave")
    second = ClaimFactory(statement="The peacekeepers will leave")

    assert (first.slug, second.slug) == (
        "the-peacekeepers-will-leave",
        "the-peacekeepers-will-leave-2",
    )


def test_sources_are_unique_by_web_address():
    SourceFactory(url="https://tass.com/politics/1")
    duplicate = Source(
        title="Same",
        publisher="TASS",
        kind=Source.Kind.NEWS_REPORT,
        url="https://tass.com/politics/1",
    )

    assert errors_of(duplicate)["url"] == [
        "A source with this web address already exists: choose it."
    ]


@pytest.mark.parametrize(
    ("role", "expected"),
    [("Spokesperson", "Spokesperson of Kremlin"), ("Part of", "Part of Kremlin")],
)
def test_an_affiliation_reads_as_a_phrase(role, expected):
    affiliation = ActorAffiliation(role=role, organisation=Actor(name="Kremlin"))

    assert str(affiliation) == expected


@pytest.mark.parametrize(
    "url", ["https://www.civilnet.am/", "https://www.civilnet.am/en/", "https://tass.com"]
)
def test_a_publishers_home_page_is_not_a_sources_address(url):
    source = Source(title="T", publisher="P", kind=Source.Kind.NEWS_REPORT, url=url)

    assert errors_of(source)["url"] == [
        "This is a home page, not an article: enter the article's own address, or leave it "
        "blank if it is not known."
    ]


def test_a_source_may_have_no_address_but_is_then_unique_by_publisher_and_title():
    Source.objects.create(title="Peacekeepers leave", publisher="CIVILNET", kind="news_report")
    Source.objects.create(title="Another story", publisher="CIVILNET", kind="news_report")
    SourceFactory(title="Peacekeepers leave", publisher="CIVILNET")  # with an address: fine
    duplicate = Source(title="Peacekeepers leave", publisher="CIVILNET", kind="news_report")

    assert errors_of(duplicate)["__all__"] == [
        "A source with this publisher and title and no web address already exists: choose it."
    ]
    assert Source.objects.filter(url=None).count() == 2
