"""Admin registration: actors, claims and sources as snippets under one "Conflicts" menu."""

from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from conflicts.models import Actor, Claim, Source


class ActorViewSet(SnippetViewSet):
    model = Actor
    icon = "user"
    menu_label = "Actors"
    list_display = ["name", "kind", "description", UpdatedAtColumn()]
    list_filter = ["kind", "live"]
    list_per_page = 50
    ordering = ["name"]


class ClaimViewSet(SnippetViewSet):
    model = Claim
    icon = "openquote"
    menu_label = "Claims"
    list_display = ["__str__", "claimant", "made_on", "verdict", UpdatedAtColumn()]
    list_filter = ["verdict", "live", "conflict"]
    list_per_page = 50
    ordering = ["-made_on"]

    def get_queryset(self, request):
        return Claim.objects.select_related("claimant", "conflict")


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "link"
    menu_label = "Sources"
    list_display = ["title", "publisher", "kind", "published_on", UpdatedAtColumn()]
    list_filter = ["kind"]
    list_per_page = 50


class ConflictsViewSetGroup(SnippetViewSetGroup):
    items = (ActorViewSet, ClaimViewSet, SourceViewSet)
    menu_label = "Conflicts"
    menu_icon = "site"
    menu_order = 250


register_snippet(ConflictsViewSetGroup)
