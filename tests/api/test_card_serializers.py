"""The partner API's card serializers give exactly what DRF's own Serializer would.

conflicts.api.serializers.CardSerializer skips DRF's per-field lookup for speed; here every
kind of card, with nulls, nested cards and lists, goes through both.
"""

import datetime

from django.test import RequestFactory
from django.utils import timezone
from rest_framework import serializers

from conflicts.api.serializers import RelatedContextSerializer
from conflicts.models import Verdict
from conflicts.sidebar.build import build_sidebar
from tests.api.conftest import make_article
from tests.factories import ActorFactory, ClaimFactory, TimelineEventFactory


def drf_representation(serializer, instance):
    """What DRF's Serializer gives, with every nested card serialized by DRF too."""
    out = {}
    for field in serializer._readable_fields:
        value = field.get_attribute(instance)
        if value is None:
            out[field.field_name] = None
        elif isinstance(field, serializers.ListSerializer):
            out[field.field_name] = [drf_representation(field.child, item) for item in value]
        elif isinstance(field, serializers.Serializer):
            out[field.field_name] = drf_representation(field, value)
        else:
            out[field.field_name] = field.to_representation(value)
    return out


def test_every_card_serializes_as_drf_would(site_tree, explainer):
    TimelineEventFactory(page=explainer, date=datetime.date(2024, 4, 1), title="Before")
    TimelineEventFactory(page=explainer, date=datetime.date(2024, 5, 1), title="After")
    peskov = ActorFactory(name="Peskov", wikidata_id="Q123")
    checked = ClaimFactory(claimant=peskov, sources=2, verdict=Verdict.DISPUTED)
    unchecked = ClaimFactory(claimant=peskov, sources=0, verdict="")
    when = timezone.make_aware(datetime.datetime(2024, 4, 17, 12))
    make_article(site_tree, explainer=explainer, actors=[peskov], claims=[checked], when=when)
    story = make_article(
        site_tree, explainer=explainer, actors=[peskov], claims=[checked, unchecked], when=when
    )
    request = RequestFactory().get("/api/v1/articles/")
    context = build_sidebar(story, request)
    assert context.explainer and context.actors and context.more_stories
    assert len(context.claims) == 2 and context.timeline_before and context.timeline_after

    serializer = RelatedContextSerializer(context={"request": request})
    ours = serializer.to_representation(context)

    assert ours == drf_representation(serializer, context)
    assert ours["claims"][0]["sources"][0]["url"].startswith("http")
    assert ours["claims"][1]["verdict"] == ""
    assert ours["explainer"]["url"] == "http://localhost/conflicts/nagorno-karabakh/"


def test_a_story_without_an_explainer_serializes_a_null_card(site_tree):
    story = make_article(site_tree, actors=[ActorFactory()])
    context = build_sidebar(story)

    representation = RelatedContextSerializer().to_representation(context)

    assert representation["explainer"] is None
    assert representation == drf_representation(RelatedContextSerializer(), context)
