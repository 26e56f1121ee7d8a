"""Admin registration: actors, claims and sources as snippets under one "Conflicts" menu."""

from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.rich_text.editors.draftail import features as draftail_features
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.models import ReferenceIndex
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from conflicts.admin_filters import ActorFilterSet, ClaimFilterSet, SourceFilterSet
from conflicts.models import Actor, Claim, Source
from conflicts.richtext import ActorLinkHandler, ClaimLinkHandler, conversion_rule


class UsageColumn(Column):
    """How many pages and snippets point to this row, linking to Wagtail's usage report."""

    cell_template_name = "conflicts/admin/usage_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        viewset = instance.snippet_viewset
        context["usage_url"] = reverse(viewset.get_url_name("usage"), args=[quote(instance.pk)])
        return context


def usage_count_subquery(model):
    """How many objects refer to each row, from the reference index, as one subquery.

    Wagtail's own ReferenceIndex.usage_count_subquery counts distinct object ids across
    content types, so a claim and a page with the same id count once; this counts
    distinct (content type, id) pairs.
    """
    referrer = Concat("base_content_type_id", Value(":"), "object_id", output_field=CharField())
    return Coalesce(
        Subquery(
            ReferenceIndex.objects.filter(
                to_content_type=ContentType.objects.get_for_model(model),
                to_object_id=Cast(OuterRef("pk"), output_field=CharField()),
            )
            .values("to_object_id")
            .annotate(count=Count(referrer, distinct=True))
            .values("count")
        ),
        0,
    )


class UsageIndexView(IndexView):
    """A snippet list that counts each row's uses in the same query (reference index)."""

    def get_base_queryset(self):
        return super().get_base_queryset().annotate(usage_count=usage_count_subquery(self.model))


class ActorViewSet(SnippetViewSet):
    model = Actor
    icon = "user"
    menu_label = _("Actors")
    index_view_class = UsageIndexView
    filterset_class = ActorFilterSet
    list_display = [
        "name",
        "kind",
        "description",
        UsageColumn("usage_count", label=_("Used"), sort_key="usage_count"),
        UpdatedAtColumn(),
    ]
    list_per_page = 50
    ordering = ["name"]


class ClaimViewSet(SnippetViewSet):
    model = Claim
    icon = "openquote"
    menu_label = _("Claims")
    index_view_class = UsageIndexView
    filterset_class = ClaimFilterSet
    list_display = [
        "__str__",
        Column("claimant", label=_("Claimant"), sort_key="claimant__name"),
        Column("made_on", label=_("Date made"), sort_key="made_on"),
        Column("verdict", label=_("Verdict"), accessor="get_verdict_display", sort_key="verdict"),
        UsageColumn("usage_count", label=_("Used"), sort_key="usage_count"),
        UpdatedAtColumn(),
    ]
    list_per_page = 50
    ordering = ["-made_on"]

    def get_queryset(self, request):
        return Claim.objects.select_related("claimant")


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "link"
    menu_label = _("Sources")
    index_view_class = UsageIndexView
    filterset_class = SourceFilterSet
    list_display = [
        "title",
        "publisher",
        "kind",
        "published_on",
        UsageColumn("usage_count", label=_("Used"), sort_key="usage_count"),
        UpdatedAtColumn(),
    ]
    list_per_page = 50


class ConflictsViewSetGroup(SnippetViewSetGroup):
    items = (ActorViewSet, ClaimViewSet, SourceViewSet)
    menu_label = _("Conflicts")
    menu_icon = "site"
    menu_order = 250


register_snippet(ConflictsViewSetGroup)


MENTION_FEATURES = [
    # (feature name, link handler, Draftail entity type, icon, what the toolbar button says)
    ("actor-mention", ActorLinkHandler, "ACTOR", "user", _("Mention an actor")),
    ("claim-reference", ClaimLinkHandler, "CLAIM", "openquote", _("Refer to a claim")),
]


@hooks.register("register_rich_text_features")
def register_mention_features(features):
    """Rich-text link types for actors and claims, chosen with the snippet choosers."""
    for name, handler, entity_type, icon, description in MENTION_FEATURES:
        features.register_link_type(handler)
        chooser = handler.get_model().snippet_viewset.chooser_viewset
        features.register_editor_plugin(
            "draftail",
            name,
            draftail_features.EntityFeature(
                {
                    "type": entity_type,
                    "icon": icon,
                    "description": description,
                    "chooserUrls": {"chooser": reverse_lazy(chooser.get_url_name("choose"))},
                },
                js=["wagtailadmin/js/chooser-modal.js", "conflicts/js/mention-entities.js"],
            ),
        )
        features.register_converter_rule(
            "contentstate", name, conversion_rule(handler.kind, entity_type)
        )
