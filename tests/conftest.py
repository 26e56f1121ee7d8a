"""Site bootstrap shared by every test: a home page, a News section and a Conflicts index."""

from dataclasses import dataclass

import pytest
from django.conf import settings
from wagtail.models import Locale, Page, Site

from tests.factories import ConflictIndexPageFactory, HomePageFactory, SectionPageFactory


def pytest_addoption(parser):
    parser.addoption(
        "--transactional",
        choices=["all", "only", "skip"],
        default="all",
        help="run only the tests that flush the database (live servers, transaction=True), "
        "or all but them; `make pytest` runs the rest first, then these (see the Makefile)",
    )


def flushes_the_database(item) -> bool:
    """A transactional test ends by emptying the database, the migrations' rows (the roles,
    the fact-check workflow) included: any test after it on the same worker would miss them."""
    marker = item.get_closest_marker("django_db")
    transaction = bool(marker and marker.kwargs.get("transaction"))
    return transaction or bool({"transactional_db", "live_server"} & set(item.fixturenames))


def pytest_collection_modifyitems(config, items):
    choice = config.getoption("--transactional")
    if choice == "all":
        return
    wanted = choice == "only"
    kept = [item for item in items if flushes_the_database(item) == wanted]
    dropped = [item for item in items if flushes_the_database(item) != wanted]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def pytest_report_header(config):
    from django.conf import settings

    return getattr(settings, "TEST_DATABASE_NOTE", None)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a rolled-back database must not meet the sites,
    sidebars or answers an earlier test cached."""
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture
def sidebar_cache_on(settings):
    """The sidebar cache (and the story rows cached beside it) on, in a memory cache of its
    own: what production does with Redis, in one process."""
    from django.core.cache import cache

    settings.CONFLICTS_SIDEBAR_CACHE_SECONDS = 300
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "sidebar-cache-tests",
        }
    }
    cache.clear()


@pytest.fixture
def editor(client, django_user_model):
    """A test client logged in to the admin as a superuser."""
    user = django_user_model.objects.create_superuser("editor", "e@example.org", "pw")
    client.force_login(user)
    return client


@dataclass
class SiteTree:
    home: object
    news: object
    conflicts: object


@pytest.fixture
def site_tree(db) -> SiteTree:
    """Replace Wagtail's welcome page with our HomePage, as load_demo does. After a
    transactional test's flush (which wipes what Wagtail's migrations made), make the
    locale, the tree's root and the default site again."""
    root = Page.get_first_root_node()
    if root is None:
        Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    home = HomePageFactory(parent=root, slug="home-page")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        old_root = site.root_page
        site.root_page = home
        site.save()
        old_root.delete()
    news = SectionPageFactory(parent=home, slug="news")
    conflicts = ConflictIndexPageFactory(parent=home, slug="conflicts")
    return SiteTree(home=home, news=news, conflicts=conflicts)


@pytest.fixture
def purged():
    """The URLs purged from the frontend cache during the test, in order (a live list)."""
    from tests.frontend_cache import RecordingBackend

    RecordingBackend.purged.clear()
    yield RecordingBackend.purged
    RecordingBackend.purged.clear()
