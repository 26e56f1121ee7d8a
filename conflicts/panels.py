"""Editor panels the plugin offers to host pages."""

from wagtail.admin.panels import Panel


class FactCheckPanel(Panel):
    """Lists what the fact-check step will refuse: claims with no source or unexplained verdicts."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "conflicts/panels/fact_check_panel.html"

        def get_context_data(self, parent_context=None):
            from conflicts.factcheck import page_claim_problems

            context = super().get_context_data(parent_context)
            context["problems"] = page_claim_problems(self.instance) if self.instance.pk else []
            return context


class ActorSuggestionsPanel(Panel):
    """Known actors the headline or text names but the story does not link, each with a
    button that adds it to the key actors (saved with the story)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "conflicts/panels/actor_suggestions_panel.html"

        class Media:
            js = ["conflicts/js/actor-suggestions.js"]

        def get_context_data(self, parent_context=None):
            from conflicts.suggestions import actor_suggestions

            context = super().get_context_data(parent_context)
            context["suggestions"] = actor_suggestions(self.instance)
            return context
