"""Editor panels the plugin offers to host pages: the "Related context" group and its parts.

A host page puts `related_context_panels` in its content panels (README, "Adding the sidebar
to any page").
"""

import json

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, Panel

from conflicts.factcheck import drafts_among
from conflicts.models import FactCheckTask
from conflicts.suggestions import actor_suggestions, text_field_names


class FactCheckPanel(Panel):
    """Lists what the fact-check step will refuse (claims with no source or unexplained
    verdicts, drafts the sidebar would leave out), each linking to its item, with a button
    that publishes the drafts together (conflicts/admin_views.py)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "conflicts/panels/fact_check_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            problems = FactCheckTask.page_fact_check(page) if page.pk else []
            context["problems"] = problems
            context["drafts"] = drafts_among(problems)
            if context["drafts"]:
                context["publish_drafts_url"] = reverse(
                    "conflicts_publish_fact_check_drafts", args=[page.pk]
                )
            return context


class ActorSuggestionsPanel(Panel):
    """Known actors the headline or text names but the story does not link, each with a
    button that adds it to the key actors (saved with the story). Rendered from the saved
    page; its script then keeps it up to date from the text as the editor types
    (conflicts/admin_suggestions.py)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "conflicts/panels/actor_suggestions_panel.html"

        class Media:
            js = ["conflicts/js/actor-suggestions.js"]

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            parent = getattr(self.form, "parent_page", None)
            context.update(
                suggestions=actor_suggestions(page),
                suggestions_url=reverse("conflicts_draft_actor_suggestions"),
                text_fields=json.dumps(text_field_names(type(page))),
                page_id=page.pk,
                parent_id=parent.pk if parent is not None else "",
                model_label=page._meta.label,
            )
            return context


related_context_panels = [
    MultiFieldPanel(
        [
            FieldPanel("explainer"),
            InlinePanel("actor_links", label=_("Key actor")),
            ActorSuggestionsPanel(heading=_("Named in the story but not linked")),
            InlinePanel("claim_links", label=_("Claim")),
            FactCheckPanel(heading=_("Fact check")),
        ],
        heading=_("Related context"),
    )
]
