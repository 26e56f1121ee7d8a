"""Lead images: the demo's locator map, drawn from Natural Earth data and loaded once; the
story page's responsive picture, caption and credit; og:image and JSON-LD on the site's own
address; thumbnails in lists, in the same number of queries however many stories show one."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail_factories import ImageFactory

from newsroom.stories import images
from newsroom.stories.demo import locator_map
from newsroom.stories.models import ArticlePage
from tests.factories import ArticlePageFactory
from tests.newsroom.test_page_queries import QUERIES
from tests.pages import get_page, text_of, warm_site_caches

STORY_URL = "/news/russian-peacekeepers-leave-karabakh/"
CREDIT = "Map: The Newsroom; data: Natural Earth (public domain)"


def load_demo(*args):
    call_command("load_demo", *args, stdout=io.StringIO())


@pytest.fixture
def demo(db):
    load_demo("--address", "127.0.0.1:8000")
    return ArticlePage.objects.get(slug="russian-peacekeepers-leave-karabakh")


def meta(page, prop):
    tag = page.find("meta", property=prop) or page.find("meta", attrs={"name": prop})
    return tag["content"] if tag else None


def test_the_committed_map_is_a_small_png_of_the_og_shape():
    with PILImage.open(locator_map.MAP_FILE) as drawn:
        assert drawn.format == "PNG"
        assert drawn.size == (1600, 840)  # 40:21, og:image's 1200x630
    assert locator_map.MAP_FILE.stat().st_size < 150_000


def test_the_demo_loads_its_map_once_into_the_newsroom_collection(demo):
    load_demo()  # a second load finds the image by its contents

    image = get_image_model().objects.get()
    assert demo.lead_image == image
    assert image.collection.name == "Newsroom images"
    assert (image.width, image.height) == (1600, 840)
    assert image.description.startswith("Map of the South Caucasus: Georgia, Armenia and")
    assert demo.lead_image_credit == CREDIT
    # Every rendition a page shows is made by the load, none on a reader's first visit.
    assert sorted(image.renditions.values_list("filter_spec", flat=True)) == sorted(
        images.EVERY_SPEC
    )
    for rendition in image.renditions.all():
        assert rendition.file.size < 120_000, rendition.filter_spec


def test_the_story_shows_a_responsive_lead_picture_with_caption_and_credit(client, demo):
    figure = get_page(client, STORY_URL).find("figure", class_="lead-image")

    source = figure.picture.source
    assert source["type"] == "image/webp"
    assert [entry.split()[1] for entry in source["srcset"].split(", ")] == ["400w", "800w", "1200w"]
    img = figure.picture.img
    assert img["alt"] == demo.lead_image.description
    assert (img["width"], img["height"]) == ("400", "210")
    assert len(img["srcset"].split(", ")) == 3
    assert img["sizes"] == source["sizes"]
    assert "loading" not in img.attrs  # above the fold
    assert text_of(figure.figcaption) == f"{demo.lead_image_caption} {CREDIT}"
    assert text_of(figure.figcaption.find(class_="credit")) == CREDIT


def test_social_cards_and_json_ld_get_the_image_on_the_sites_own_address(client, demo):
    page = get_page(client, STORY_URL)

    image = meta(page, "og:image")
    assert image.startswith("http://127.0.0.1:8000/media/images/")  # as og:url and canonical
    assert meta(page, "og:url").startswith("http://127.0.0.1:8000/")
    assert image.endswith(".fill-1200x630.format-jpeg.jpg")
    assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("1200", "630")
    assert meta(page, "og:image:alt") == demo.lead_image.description
    assert meta(page, "twitter:card") == "summary_large_image"
    scripts = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
    article = next(item for item in scripts if item["@type"] == "NewsArticle")
    assert article["image"] == {"@type": "ImageObject", "url": image, "width": 1200, "height": 630}


def test_the_home_page_shows_the_lead_storys_image_large_and_eager(client, demo):
    lead = get_page(client, "/").select_one(".story-item--lead")

    img = lead.find("img", class_="story-item-image")
    assert ".fill-400x210.format-webp." in img["src"]
    assert [entry.split()[1] for entry in img["srcset"].split(", ")] == ["400w", "800w", "1200w"]
    assert img["alt"] == demo.lead_image.description
    assert "loading" not in img.attrs


def build_stories(site_tree, n, with_images=True):
    for i in range(n):
        ArticlePageFactory(
            parent=site_tree.news,
            slug=f"story-{i}",
            title=f"Lachin story {i}",
            tags=["lachin"],
            lead_image=ImageFactory(title=f"Map {i}") if with_images else None,
        )


def counts_and_pages(client, urls):
    warm_site_caches()
    pages = {url: get_page(client, url) for url in urls}  # makes the renditions
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts[url] = len(queries)
    return counts, pages


@pytest.mark.parametrize("n", [3, 15])
def test_lists_show_thumbnails_in_two_queries_however_many_stories(client, site_tree, n):
    build_stories(site_tree, n)
    urls = ["/", "/news/", "/tags/lachin/"]

    counts, pages = counts_and_pages(client, urls)

    # The pages' counts without images (test_page_queries.py), plus the images and their
    # renditions, each read once for the whole list.
    assert counts == {url: QUERIES[url] + 2 for url in urls}
    for url in ["/news/", "/tags/lachin/"]:
        thumbs = pages[url].select(".story-item img.story-item-thumb")
        assert len(thumbs) == n
        assert all(".fill-240x126.format-webp." in img["src"] for img in thumbs)
        assert all(len(img["srcset"].split(", ")) == 2 for img in thumbs)
        assert "loading" not in thumbs[0].attrs  # the first may be in view
        assert all(img["loading"] == "lazy" for img in thumbs[1:])
        assert sorted(img["alt"] for img in thumbs) == sorted(f"Map {i}" for i in range(n))


def test_lists_without_images_cost_no_image_query(client, site_tree):
    build_stories(site_tree, 3, with_images=False)
    urls = ["/", "/news/", "/tags/lachin/"]

    counts, pages = counts_and_pages(client, urls)

    assert counts == {url: QUERIES[url] for url in urls}
    assert not any(page.select(".story-item img") for page in pages.values())


def test_a_story_reads_its_image_and_renditions_in_two_queries(client, site_tree):
    build_stories(site_tree, 1, with_images=False)
    plain_counts, _ = counts_and_pages(client, ["/news/story-0/"])
    ArticlePage.objects.filter(slug="story-0").update(lead_image=ImageFactory())

    counts, pages = counts_and_pages(client, ["/news/story-0/"])

    assert counts["/news/story-0/"] == plain_counts["/news/story-0/"] + 2
    assert pages["/news/story-0/"].select_one("figure.lead-image picture img")


@pytest.mark.usefixtures("sidebar_cache_on")
def test_a_warm_story_reads_no_more_with_an_image_than_without(client, site_tree):
    """The image and its renditions are kept with the story's parts (story_parts.py)."""
    build_stories(site_tree, 1, with_images=False)
    plain = ArticlePage.objects.get(slug="story-0")
    illustrated = ArticlePageFactory(
        parent=site_tree.news, slug="illustrated", lead_image=ImageFactory(title="Map")
    )
    warm_site_caches()
    warm = {}
    for story in (plain, illustrated):
        get_page(client, story.url)
        with CaptureQueriesContext(connection) as queries:
            page = get_page(client, story.url)
        warm[story.slug] = len(queries)

    assert warm["illustrated"] == warm["story-0"]  # 2 today: test_story_parts.py
    assert page.select_one("figure.lead-image picture img")["alt"] == "Map"
