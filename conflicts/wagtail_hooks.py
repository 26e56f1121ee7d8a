"""Admin registration: actors, claims and sources as snippets under one "Conflicts" menu."""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path, reverse, reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import CancelWorkflowMenuItem
from wagtail.admin.rich_text.editors.draftail import features as draftail_features
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.models import ReferenceIndex
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    DeleteView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from conflicts import admin_suggestions, admin_views
from conflicts.admin_filters import ActorFilterSet, ClaimFilterSet, SourceFilterSet
from conflicts.choosers import ActorChooserViewSet, ClaimChooserViewSet, SourceChooserViewSet
from conflicts.models import Actor, Claim, NamingPolicy, Source
from conflicts.models.workflows import user_may_cancel_workflow
from conflicts.richtext import ActorLinkHandler, ClaimLinkHandler, conversion_rule
from conflicts.uses import uses_of
from conflicts.workflow_messages import reword_workflow_message


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


class UsesListedDeleteView(DeleteView):
    """The delete page names what uses the item, with links (at most ten, then "and N
    more"): the refusal of a protected one says what to unlink first
    (templates/wagtailsnippets/snippets/conflicts/delete.html)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context.get("usage_count"):
            uses, count = uses_of(self.object)
            context["uses"], context["more_uses"] = uses, count - len(uses)
        return context


class ActorViewSet(SnippetViewSet):
    model = Actor
    icon = "user"
    menu_label = _("Actors")
    index_view_class = UsageIndexView
    delete_view_class = UsesListedDeleteView
    filterset_class = ActorFilterSet
    chooser_viewset_class = ActorChooserViewSet  # with a Create tab (conflicts/choosers.py)
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
    delete_view_class = UsesListedDeleteView
    filterset_class = ClaimFilterSet
    chooser_viewset_class = ClaimChooserViewSet
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
    delete_view_class = UsesListedDeleteView
    filterset_class = SourceFilterSet
    chooser_viewset_class = SourceChooserViewSet
    list_display = [
        "title",
        "publisher",
        "kind",
        "published_on",
        UsageColumn("usage_count", label=_("Used"), sort_key="usage_count"),
        UpdatedAtColumn(),
    ]
    list_per_page = 50


class NamingPolicyViewSet(SnippetViewSet):
    """How each language names a contested place or actor (conflicts/naming.py applies it)."""

    model = NamingPolicy
    icon = "globe"
    menu_label = _("Naming policies")
    list_display = ["subject", "actor", UpdatedAtColumn()]
    search_fields = ["subject"]


class ConflictsViewSetGroup(SnippetViewSetGroup):
    items = (ActorViewSet, ClaimViewSet, SourceViewSet, NamingPolicyViewSet)
    menu_label = _("Conflicts")
    menu_icon = "site"
    menu_order = 250


register_snippet(ConflictsViewSetGroup)


MENTION_FEATURES = [
    # (feature name, link handler, Draftail entity type, icon, what the toolbar button says,
    # whether the chooser searches for the selected words: a name is; a claim's wording rarely)
    ("actor-mention", ActorLinkHandler, "ACTOR", "user", _("Mention an actor"), True),
    ("claim-reference", ClaimLinkHandler, "CLAIM", "openquote", _("Refer to a claim"), False),
]


@hooks.register("register_rich_text_features")
def register_mention_features(features):
    """Rich-text link types for actors and claims, chosen with the snippet choosers (which
    can create one: conflicts/choosers.py); Mention searches for the selected words."""
    for name, handler, entity_type, icon, description, search_selection in MENTION_FEATURES:
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
                    "searchSelection": search_selection,
                },
                js=["wagtailadmin/js/chooser-modal.js", "conflicts/js/mention-entities.js"],
            ),
        )
        features.register_converter_rule(
            "contentstate", name, conversion_rule(handler.kind, entity_type)
        )


# --- The fact-check step in the page editor ---------------------------------------------


@hooks.register("register_admin_urls")
def register_fact_check_urls():
    return [
        path(
            "conflicts/fact-check/<int:page_id>/publish-drafts/",
            admin_views.publish_fact_check_drafts,
            name="conflicts_publish_fact_check_drafts",
        )
    ]


@hooks.register("after_edit_page")
def reword_workflow_messages(request, page):
    """Sent to fact check, approved, published: not "submitted for moderation" or "updated"."""
    reword_workflow_message(request, page)


@hooks.register("construct_page_action_menu")
def offer_cancel_workflow_only_to_those_who_may(menu_items, request, context):
    """At the fact-check step, "Cancel workflow" only for whoever sent or owns the story (or
    an approver who may publish it), not every fact-checker (user_may_cancel_workflow)."""
    page = context.get("page")
    state = page.current_workflow_state if page is not None and page.pk else None
    if state is None or user_may_cancel_workflow(state, request.user):
        return
    menu_items[:] = [item for item in menu_items if not isinstance(item, CancelWorkflowMenuItem)]


@hooks.register("before_edit_page")
def refuse_cancel_workflow_to_others(request, page):
    """The same rule for a posted "Cancel workflow": refused, nothing saved."""
    if request.method != "POST" or not request.POST.get("action-cancel-workflow"):
        return None
    state = page.current_workflow_state
    if state is None or user_may_cancel_workflow(state, request.user):
        return None
    messages.error(
        request, _("At fact check, only whoever wrote or sent the story may cancel its workflow.")
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


# --- Suggestions as you type, and autosave one save at a time ------------------------------


@hooks.register("register_admin_urls")
def register_suggestion_urls():
    """The suggestions panel's endpoint: actors named in the unsaved text (README)."""
    return admin_suggestions.urls()


@hooks.register("insert_editor_js")
def hold_save_while_autosaving():
    """Every page and snippet editor: a Save waits for an autosave on its way, so nothing is
    created twice (conflicts/static/conflicts/js/autosave-guard.js, README "Autosave")."""
    return format_html('<script src="{}"></script>', static("conflicts/js/autosave-guard.js"))
