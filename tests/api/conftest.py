"""A partner with a key, a client that sends it, and public and non-public things to hide."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from newsroom.partners.models import Partner, PartnerAPIKey
from tests.factories import ArticlePageFactory, ConflictExplainerPageFactory

NOW = timezone.now().replace(microsecond=0)


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def partner(db):
    return Partner.objects.create(name="CIVILNET")


@pytest.fixture
def api_key(partner):
    _, key = PartnerAPIKey.objects.create_key(partner=partner, name="main")
    return key


@pytest.fixture
def api(api_key) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {api_key}")
    return client


def published(**kwargs) -> dict:
    """Timestamps a published page has (factories create pages without publishing them)."""
    when = kwargs.pop("when", NOW)
    return {"first_published_at": when, "last_published_at": when, **kwargs}


@pytest.fixture
def explainer(site_tree):
    return ConflictExplainerPageFactory(
        parent=site_tree.conflicts, slug="nagorno-karabakh", **published()
    )


def make_article(site_tree, **kwargs):
    kwargs.setdefault("parent", site_tree.news)
    when = kwargs.pop("when", NOW - datetime.timedelta(days=1))
    kwargs.setdefault("display_date", when)
    return ArticlePageFactory(**published(when=when, **kwargs))
