"""schema.org JSON-LD for the newsroom's pages: NewsArticle and breadcrumbs."""

from django.conf import settings

from conflicts.structured_data import breadcrumbs_jsonld


def page_breadcrumbs(page, ancestors, request) -> dict:
    """Home > section > page, as a BreadcrumbList of absolute URLs (ancestors: root first)."""
    trail = [
        (each.title, each.get_full_url(request)) for each in [*ancestors, page] if each.depth > 1
    ]
    return breadcrumbs_jsonld(trail)


def article_jsonld(page, parts, request, image=None) -> dict:
    """A NewsArticle with byline, dates, publisher, image and the original it is based on;
    parts are the story's bylines and tags (newsroom/stories/story_parts.py), image its
    social image (newsroom/stories/images.py: the og:image, as an ImageObject)."""
    url = page.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.dek,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": page.display_date.isoformat(),
        # The last published edit (the demo loader sets it from the story, not its load time).
        "dateModified": (page.last_published_at or page.display_date).isoformat(),
        "author": [{"@type": "Person", "name": byline.author.name} for byline in parts.bylines],
        "publisher": {
            "@type": "Organization",
            "name": settings.WAGTAIL_SITE_NAME,
            "url": request.build_absolute_uri("/"),
        },
        "keywords": [tag.name for tag in parts.tags],
    }
    if image:
        data["image"] = {
            "@type": "ImageObject",
            "url": image["url"],
            "width": image["width"],
            "height": image["height"],
        }
    if page.original_article_url:  # the original story itself, never a home page
        data["isBasedOn"] = page.original_article_url
        data["sameAs"] = page.original_article_url
    return data
