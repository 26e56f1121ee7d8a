"""Admin for the partner API: partners and their keys (newsroom/partners/api, docs/api.md)."""

from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.views.generic.models import CreateView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from newsroom.partners.models import Partner, PartnerAPIKey


class PartnerViewSet(ModelViewSet):
    model = Partner
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
    items = (PartnerViewSet, PartnerAPIKeyViewSet)


@hooks.register("register_admin_viewset")
def register_partner_api_viewsets():
    return PartnerAPIViewSetGroup()
