"""The renditions a story's lead image is shown in, and how pages read them in fixed queries.

Templates name their sizes in Wagtail's tags; the specs here are the same words in the same
order (Wagtail keys a rendition by its spec string), so a page can fetch every rendition it
will show in one query: the story page through its cached parts (story_parts.py), a list of
stories through `with_lead_images`. A spec used in a template but missing here costs a query
per image, which tests/newsroom/test_lead_images.py counts.
"""

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_rendition_or_not_found, get_renditions_or_not_found

# article_page.html: {% picture page_image format-{webp,jpeg} width-{400,800,1200} ... %}
STORY = Filter.expand_spec(["format-{webp,jpeg}", "width-{400,800,1200}"])
# og:image and JSON-LD image: the 1.91:1 card social sites crop to, as JPEG.
SOCIAL = "fill-1200x630|format-jpeg"
# story_list.html: the front page's lead story, and the thumbnail of every other story.
LIST_LEAD = Filter.expand_spec(["fill-{400x210,800x420,1200x630}", "format-webp"])
THUMBNAIL = Filter.expand_spec(["fill-{240x126,480x252}", "format-webp"])

STORY_PAGE = [*STORY, SOCIAL]
STORY_LISTS = [*LIST_LEAD, *THUMBNAIL]
EVERY_SPEC = [*STORY_PAGE, *STORY_LISTS]


def lead_image(page, specs=STORY_PAGE):
    """The story's lead image with its renditions for specs, made if missing: two queries
    (the image, its renditions), more only when they are first made; None if it has none."""
    if not page.lead_image_id:
        return None
    image = (
        get_image_model().objects.filter(pk=page.lead_image_id).prefetch_renditions(*specs).first()
    )
    if image is not None:
        # Kept with the image: the page reads no more. A missing file shows a broken image,
        # as Wagtail's tags do, not an error.
        get_renditions_or_not_found(image, specs)
    return image


def with_lead_images(stories) -> list:
    """The stories as a list, each with its lead image and the list renditions read: two
    queries in all when any has an image, none when none has, whatever their number."""
    stories = list(stories)
    illustrated = [story for story in stories if getattr(story, "lead_image_id", None)]
    if illustrated:
        images = get_image_model().objects.prefetch_renditions(*STORY_LISTS)
        prefetch_related_objects(illustrated, Prefetch("lead_image", queryset=images))
    return stories


def social_image(image, root_url: str) -> dict | None:
    """og:image and JSON-LD's image: the absolute URL of the social rendition (root_url, the
    site's own address, before a media URL that has no host), its size and alt text."""
    if image is None:
        return None
    rendition = get_rendition_or_not_found(image, SOCIAL)
    if not rendition.width:  # the image's file is missing: no card image rather than a 404
        return None
    url = rendition.url
    if url.startswith("/") and root_url:
        url = root_url.rstrip("/") + url
    return {"url": url, "width": rendition.width, "height": rendition.height, "alt": rendition.alt}
