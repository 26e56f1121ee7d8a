"""Tag pages: every live public story with a tag, newest first, in numbered pages."""

from django.http import Http404
from django.shortcuts import render
from taggit.models import Tag

from caching.headers import reader_cache
from newsroom.stories.models import ArticlePage
from newsroom.stories.pagination import page_or_404


def tagged_stories(tag):
    """Live, public stories carrying tag, newest first."""
    return (
        ArticlePage.objects.live_public()
        .filter(tagged_items__tag=tag)
        .order_by("-display_date", "-pk")
    )


@reader_cache
def tag_page(request, slug):
    """/tags/<slug>/: 404 for a tag no public story carries (drafts do not reveal it)."""
    tag = Tag.objects.filter(slug=slug).first()
    if tag is None:
        raise Http404(f"No tag {slug!r}.")
    stories = page_or_404(tagged_stories(tag), request.GET.get("page"))
    if not stories.object_list:
        raise Http404(f"No public story is tagged {slug!r}.")
    return render(request, "newsroom/tag_page.html", {"tag": tag, "stories": stories})
