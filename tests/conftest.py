"""Fixtures shared by every test, for the newsroom and the plugin's test host alike.

Host-neutral: the newsroom is imported only inside the newsroom's own fixture (site_tree),
which tests/conflicts/conftest.py replaces with the test host's. Each settings module
collects its own tests: tests/conflicts under tests.conflicts.host.settings, the rest under
the newsroom's (`make pytest` runs both).
"""

from pathlib import Path

import pytest
from django.conf import settings

from tests.conflicts.site_tree import SiteTree, build_site_tree

PLUGIN_TESTS = Path(__file__).resolve().parent / "conflicts"
PLUGIN_HOST_SETTINGS = "tests.conflicts.host.settings"


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


def collected_here(path: Path) -> bool | None:
    """Whether these settings collect path: tests/conflicts only under the test host's, the
    rest only under the others; None for a folder above tests/conflicts (both, in part)."""
    path = path.resolve()
    if path in PLUGIN_TESTS.parents:
        return None
    in_plugin = path == PLUGIN_TESTS or PLUGIN_TESTS in path.parents
    return in_plugin == (settings.SETTINGS_MODULE == PLUGIN_HOST_SETTINGS)


def pytest_configure(config):
    """Leave out the paths given on the command line that the other settings run, so
    `make pytest PYTEST_ARGS=tests/conflicts/...` runs them in the host's pass only (the
    other pass selects nothing: exit 5)."""
    here = config.invocation_params.dir
    config.args[:] = [
        arg for arg in config.args if collected_here(here / arg.split("::")[0]) is not False
    ]


def pytest_ignore_collect(collection_path, config):
    return True if collected_here(Path(collection_path)) is False else None


def pytest_report_header(config):
    if settings.SETTINGS_MODULE == PLUGIN_HOST_SETTINGS:
        collected = "the plugin's tests (tests/conflicts) on its test host"
    else:
        collected = "all but tests/conflicts (those run with --ds tests.conflicts.host.settings)"
    note = getattr(settings, "TEST_DATABASE_NOTE", None)
    return [f"{settings.SETTINGS_MODULE}: {collected}", *([note] if note else [])]


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


@pytest.fixture
def site_tree(db) -> SiteTree:
    """The newsroom's HomePage, a News section and a Conflicts index (build_site_tree)."""
    from tests.factories import HomePageFactory, SectionPageFactory

    return build_site_tree(HomePageFactory, SectionPageFactory)


@pytest.fixture
def purged():
    """The URLs purged from the frontend cache during the test, in order (a live list)."""
    from tests.frontend_cache import RecordingBackend

    RecordingBackend.purged.clear()
    yield RecordingBackend.purged
    RecordingBackend.purged.clear()
