"""Admin for the partner API: partners, their keys (newsroom/partners/api, docs/api.md) and
their webhooks (newsroom/partners/webhooks/admin.py, docs/webhooks.md)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.views.generic.models import CreateView, DeleteView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from newsroom.partners.models import Partner, PartnerAPIKey, WebhookDelivery, WebhookSubscription
from newsroom.partners.webhooks.admin import (
    WebhookDeliveryViewSet,
    WebhookSubscriptionViewSet,
    partner_permissions,
)

register_permission_policy(WebhookSubscription, partner_permissions)
register_permission_policy(WebhookDelivery, partner_permissions)


class PartnerDeleteView(DeleteView):
    """A partner with webhook subscriptions is kept (PROTECT): its delivery log would go."""

    def form_valid(self, form):
        if self.object.webhook_subscriptions.exists():
            messages.error(
                self.request,
                "This partner has webhook subscriptions, whose delivery log would be lost: "
                "untick Active to suspend the partner instead.",
            )
            return redirect(reverse("partner:edit", args=[self.object.pk]))
        return super().form_valid(form)


class PartnerViewSet(ModelViewSet):
    model = Partner
    delete_view_class = PartnerDeleteView
    icon = "group"
    menu_label = "Partners"
    list_display = ["name", "contact_email", "active"]
    list_filter = ["active"]
    search_fields = ["name"]
    form_fields = ["name", "contact_email", "active", "sections", "conflicts", "throttle_rate"]


class PartnerKeyCreateView(CreateView):
    """Generates the key and shows it once, in the success message: only its hash is kept."""

    def save_instance(self):
        self.new_key = PartnerAPIKey.objects.assign_key(self.form.instance)
        return super().save_instance()

    def get_success_message(self, instance):
        return format_html(
            "The key for {}: <code>{}</code>. Copy it now and send it safely: it is stored "
            "hashed and will not be shown again.",
            instance.partner,
            self.new_key,
        )


class PartnerAPIKeyViewSet(ModelViewSet):
    """Create a key (shown once) or revoke one; a revoked key cannot be restored."""

    model = PartnerAPIKey
    icon = "key"
    menu_label = "API keys"
    add_view_class = PartnerKeyCreateView
    list_display = ["name", "partner", "prefix", "created", "expiry_date", "revoked"]
    list_filter = ["partner", "revoked"]
    form_fields = ["partner", "name", "expiry_date", "revoked"]


class PartnerAPIViewSetGroup(ModelViewSetGroup):
    menu_label = "Partner API"
    menu_icon = "link-external"
    menu_order = 270
    items = (
        PartnerViewSet,
        PartnerAPIKeyViewSet,
        WebhookSubscriptionViewSet,
        WebhookDeliveryViewSet,
    )


@hooks.register("register_admin_viewset")
def register_partner_api_viewsets():
    return PartnerAPIViewSetGroup()
