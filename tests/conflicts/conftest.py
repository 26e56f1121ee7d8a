"""The plugin's tests run on the test host (tests/conflicts/host): its site tree replaces the
host site's; the other fixtures (editor, purged, sidebar_cache_on ...) are tests/conftest.py's.
The host is imported in the fixture: this file loads under any settings (tests/conftest.py
then leaves tests/conflicts out)."""

import pytest

from tests.conflicts.site_tree import SiteTree, build_site_tree


@pytest.fixture
def site_tree(db) -> SiteTree:
    """The test host's home page as the default site's root, a News section and a Conflicts
    index: stories at /news/<slug>/, explainers at /conflicts/<slug>/."""
    from tests.conflicts.host.factories import HomePageFactory, SectionPageFactory

    return build_site_tree(HomePageFactory, SectionPageFactory)
