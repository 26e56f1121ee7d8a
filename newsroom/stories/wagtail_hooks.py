"""Admin registration for the newsroom's own snippets."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from newsroom.stories.desk import construct_desk_panels
from newsroom.stories.models import Author
from newsroom.stories.page_links import LocalizedPageLinkHandler


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = "Authors"
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["name", "role"]


register_snippet(AuthorViewSet)


@hooks.register("construct_homepage_panels")
def desk_dashboard(request, panels):
    """The desk: the dashboard's panels for the user's newsroom role (desk.py)."""
    construct_desk_panels(request, panels)


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own "page" links
def localized_page_links(features):
    """Page links to the linked page's edition in the reader's language, all of a text's in
    one query (page_links.py)."""
    features.register_link_type(LocalizedPageLinkHandler)
