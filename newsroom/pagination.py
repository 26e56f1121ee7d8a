"""Page numbers in reader listings (?page=): only numbers we link to are served."""

from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404

MAX_PAGE_DIGITS = 9


def page_or_404(items, per_page: int, number: str | None) -> Page:
    """Page `number` of items (the first if None); Http404 for anything but a page that exists.

    "abc", "-1", "0", "1.5" and 10**30 are not pages: a 404, not the first or last page
    served under a made-up address that search engines would index.
    """
    paginator = Paginator(items, per_page)
    if number is None:
        return paginator.page(1)
    if not (number.isascii() and number.isdigit()) or len(number) > MAX_PAGE_DIGITS:
        raise Http404("No such page number.")
    try:
        return paginator.page(int(number))
    except InvalidPage:
        raise Http404("No such page number.") from None
