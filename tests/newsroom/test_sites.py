"""The request's site comes from the cache (newsroom/sites.py), exactly as Wagtail picks it.

Wagtail's own get_site_for_hostname is the reference: every host and port below, over
several arrangements of sites, must give the same site (or none).
"""

import itertools

import pytest
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from newsroom.sites import cached_sites, site_for_host
from tests.factories import ArticlePageFactory, HomePageFactory

HOSTS = ["localhost", "news.example.org", "www.example.org", "other.example"]
PORTS = [80, 443, 8000]

ARRANGEMENTS = {
    "one default site": [("localhost", 80, True)],
    "default and a named site": [("localhost", 80, True), ("news.example.org", 80, False)],
    "the default named, another port": [("news.example.org", 443, True)],
    "a host on two ports, default elsewhere": [
        ("localhost", 80, True),
        ("news.example.org", 80, False),
        ("news.example.org", 8000, False),
    ],
    "a host on two ports, no default": [
        ("news.example.org", 80, False),
        ("news.example.org", 8000, False),
    ],
    "no default site": [("www.example.org", 443, False)],
}


def wagtails_choice(hostname, port):
    try:
        return get_site_for_hostname(hostname, port).pk
    except Site.DoesNotExist:
        return None


@pytest.mark.parametrize("arrangement", ARRANGEMENTS)
def test_the_site_is_the_one_wagtail_picks_for_every_host_and_port(site_tree, arrangement):
    Site.objects.all().delete()
    for hostname, port, default in ARRANGEMENTS[arrangement]:
        Site.objects.create(
            hostname=hostname, port=port, is_default_site=default, root_page=site_tree.home
        )
    sites = cached_sites()

    for hostname, port in itertools.product(HOSTS, PORTS):
        ours = site_for_host(sites, hostname, port)
        assert (ours.pk if ours else None) == wagtails_choice(hostname, port), (hostname, port)


def test_a_request_needs_no_query_for_its_site_or_home_page_once_cached(
    client, site_tree, django_assert_num_queries
):
    ArticlePageFactory(parent=site_tree.news, slug="leave")
    client.get("/news/leave/")  # fills the cache

    story_queries = 5  # story, pages above it with their restriction flags, tags, bylines,
    # corrections
    story_queries += 2  # the sidebar's actor and claim links (its cache is off in tests)
    story_queries += 1  # the sidebar's languages and naming rules (conflicts/sidebar/build.py)
    story_queries += 1  # its editions in other languages (language switch, hreflang)
    with django_assert_num_queries(story_queries):
        assert client.get("/news/leave/").status_code == 200


def test_a_changed_site_or_root_page_is_seen_by_the_next_request(client, site_tree):
    ArticlePageFactory(parent=site_tree.news, slug="leave")
    assert client.get("/news/leave/").status_code == 200

    other_home = HomePageFactory(parent=site_tree.home.get_parent(), slug="other-home")
    site = Site.objects.get(is_default_site=True)
    site.root_page = other_home
    site.save()
    assert client.get("/news/leave/").status_code == 404  # no News under the new home

    site.root_page = site_tree.home
    site.save()
    assert client.get("/news/leave/").status_code == 200

    site_tree.home.slug = "renamed-home"
    site_tree.home.save_revision().publish()
    assert [s.root_page.slug for s in cached_sites()] == ["renamed-home"]


def test_an_unknown_host_or_no_site_gets_a_404_not_an_error(client, site_tree, settings):
    settings.ALLOWED_HOSTS = ["*"]
    ArticlePageFactory(parent=site_tree.news, slug="leave")
    Site.objects.all().delete()

    assert client.get("/news/leave/", HTTP_HOST="elsewhere.example").status_code == 404
