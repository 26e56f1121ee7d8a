"""Links to pages in rich text, each to the linked page's edition in the reader's language.

Wagtail's handler sends each link to `page.localized`, which with i18n on reads the active
locale and then the page's translation from the database for every link: a story with ten
page links paid twenty queries. This one reads the live editions of all a text's linked pages
in the reader's language at once (one query for a text with page links, none without); a page
with no live edition in that language keeps its own address, as Wagtail's does.
"""

from django.utils import translation
from django.utils.html import escape
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler


class LocalizedPageLinkHandler(PageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        pages = cls.get_many(attrs_list)
        keys = {page.translation_key for page in pages if page is not None}
        editions = {}
        if keys:
            found = Page.objects.filter(
                translation_key__in=keys,
                locale__language_code=translation.get_language(),
                live=True,
            ).only("url_path", "path", "depth", "translation_key")
            editions = {edition.translation_key: edition for edition in found}
        return [
            f'<a href="{escape(editions.get(page.translation_key, page).url)}">' if page else "<a>"
            for page in pages
        ]
