"""The explainer editor's read-only "Naming policy" panel: the names its stories and context
follow in each language (the policies themselves are edited as snippets).

The explainer's model declares the panel, so this module reads the policies through the app
registry rather than importing the models (which import it).
"""

from django.apps import apps
from django.db.models import Prefetch, Q
from django.urls import reverse
from wagtail.admin.panels import Panel


def policies_for_explainer(explainer) -> list:
    """The policies an explainer's stories follow (its own, in any translation of it, and the
    site-wide ones), with their rules and languages: what its edit page shows editors."""
    policy_model = apps.get_model("conflicts", "NamingPolicy")
    rule_model = apps.get_model("conflicts", "NamingRule")
    own = Q(explainers__translation_key=explainer.translation_key) if explainer.pk else Q(pk=None)
    policies = policy_model.objects.filter(own | Q(explainers__isnull=True)).distinct()
    rules = Prefetch("rules", queryset=rule_model.objects.select_related("locale"))
    return list(policies.prefetch_related("explainers", rules))


class NamingPolicyPanel(Panel):
    """Lists the naming policies the explainer follows (its own and the site-wide ones), each
    rule as readers will see it, with a link to edit the policy."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "conflicts/panels/naming_policy_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            policies = policies_for_explainer(self.instance)
            for policy in policies:
                policy.edit_url = reverse(
                    policy.snippet_viewset.get_url_name("edit"), args=[policy.pk]
                )
            context["policies"] = policies
            context["add_url"] = reverse("wagtailsnippets_conflicts_namingpolicy:add")
            return context
