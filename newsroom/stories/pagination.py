"""Numbered pages of a listing (sections, tags, search), shared by every listing.

`?page=` absent means page 1; a number past the end, zero, or anything that is not a
number answers 404 rather than quietly showing another page.
"""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404

STORIES_PER_PAGE = 20


def page_or_404(items, number, per_page: int = STORIES_PER_PAGE):
    """The page `number` of items, with `page_numbers` (1 … 4 5 [6] 7 8 … 20) for the links."""
    paginator = Paginator(items, per_page)
    try:
        page = paginator.page(1 if number in (None, "") else number)
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404(
            f"There is no page {number} here: ?page= takes a number from 1 to "
            f"{paginator.num_pages}."
        ) from error
    page.page_numbers = list(
        paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
    return page


def page_count(total: int, per_page: int = STORIES_PER_PAGE) -> int:
    """How many numbered pages total items fill (at least one)."""
    return max(1, -(-total // per_page))


def numbered_pages_to_purge(total: int) -> range:
    """The numbered pages (2 on) a new story shifts that are purged from the frontend cache:
    at most settings.PURGE_NUMBERED_PAGES. Deeper pages, read rarely, wait for their shared
    copy to expire (PAGE_CACHE_S_MAXAGE) rather than costing a purge per page per publish."""
    last = min(page_count(total), settings.PURGE_NUMBERED_PAGES)
    return range(2, last + 1)


def count_for_purge(items) -> int:
    """How many of items (a queryset) to count for numbered_pages_to_purge: no more than the
    purged pages hold, so the count stops there instead of counting every story (a section
    of 100,000 stories took 334 ms of every publish to count)."""
    return items[: settings.PURGE_NUMBERED_PAGES * STORIES_PER_PAGE].count()
