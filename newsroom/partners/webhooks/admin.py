"""The Wagtail admin for webhooks: a partner's subscriptions, its delivery log, and Replay.

Permissions are the partners' (Partner's model permissions): whoever may manage a partner
manages where its webhooks go, reads their log and replays them.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView, EditView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy

from newsroom.partners.models import Partner
from newsroom.partners.webhooks.delivery import replay
from newsroom.partners.webhooks.models import EventType, WebhookDelivery, WebhookSubscription

partner_permissions = ModelPermissionPolicy(Partner)


class WebhookSubscriptionForm(WagtailAdminModelForm):
    """Events as checkboxes; the secret shown (to give to the partner), never typed in."""

    url = forms.URLField(
        label="Receiver URL",
        max_length=1000,
        assume_scheme="https",
        help_text=WebhookSubscription._meta.get_field("url").help_text,
    )
    events = forms.MultipleChoiceField(
        choices=EventType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,  # the model says "Tick at least one event."
        help_text="The events this receiver wants.",
    )
    secret = forms.CharField(
        disabled=True,
        required=False,
        help_text="Signs every delivery (Standard Webhooks). Give it to the partner safely.",
    )
    rotate_secret = forms.BooleanField(
        required=False,
        label="Make a new secret",
        help_text="The old one stops working at once: the partner must switch to the new one.",
    )

    class Meta:
        model = WebhookSubscription
        fields = ["partner", "url", "events", "secret", "active"]

    def save(self, commit=True):
        if self.cleaned_data.get("rotate_secret"):
            self.instance.rotate_secret()
        return super().save(commit=commit)


def secret_message(verb: str, subscription) -> str:
    return format_html(
        "Webhook subscription for {} {}. Its secret: <code>{}</code>. Give it to the partner "
        "safely: it signs every delivery.",
        subscription.partner,
        verb,
        subscription.secret,
    )


class WebhookSubscriptionCreateView(CreateView):
    def get_success_message(self, instance):
        return secret_message("created", instance)


class WebhookSubscriptionEditView(EditView):
    def get_success_message(self):
        if self.form.cleaned_data.get("rotate_secret"):
            return secret_message("saved with a new secret", self.object)
        return super().get_success_message()


class LinkColumn(Column):
    """A cell with one link, e.g. to a subscription's log or to a delivery's Replay."""

    cell_template_name = "partners/webhooks/link_cell.html"

    def __init__(self, name, label, get_url, text, **kwargs):
        super().__init__(name, label=label, accessor=get_url, **kwargs)
        self.text = text

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["text"] = self.text
        return context


def delivery_log_url(subscription) -> str:
    return reverse("webhookdelivery:index") + f"?subscription={subscription.pk}"


def replay_url(delivery) -> str:
    return reverse("webhookdelivery:replay", args=[delivery.pk])


class WebhookSubscriptionViewSet(ModelViewSet):
    model = WebhookSubscription
    icon = "resubmit"
    menu_label = "Webhooks"
    form_class = WebhookSubscriptionForm
    add_view_class = WebhookSubscriptionCreateView
    edit_view_class = WebhookSubscriptionEditView
    copy_view_enabled = False
    list_display = [
        "url",
        "partner",
        Column("events", label="Events", accessor=lambda s: ", ".join(s.events)),
        "active",
        LinkColumn("log", "Delivery log", delivery_log_url, "Deliveries"),
    ]
    list_filter = ["partner", "active"]
    search_fields = ["url", "partner__name"]

    def get_form_class(self, for_update=False):
        return WebhookSubscriptionForm

    def get_common_view_kwargs(self, **kwargs):
        # Never deleted (its log would go): switched off. Kept in the reference index, so a
        # partner with subscriptions shows as protected on its delete page.
        return super().get_common_view_kwargs(delete_url_name=None, **kwargs)

    def get_urlpatterns(self):
        return [url for url in super().get_urlpatterns() if url.name != "delete"]

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().none()  # the partners' apply


class DeliveryInspectView(InspectView):
    """One delivery: the payload exactly as sent, its answers, and Replay."""

    fields = [
        "subscription",
        "event_type",
        "message_id",
        "status",
        "attempts",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "delivered_at",
        "last_response_status",
        "last_response_body",
        "last_error",
        "payload",
    ]

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if partner_permissions.user_has_permission(self.request.user, "change"):
            buttons.append(Button("Replay", url=replay_url(self.object), icon_name="resubmit"))
        return buttons


class WebhookDeliveryViewSet(ModelViewSet):
    """The delivery log: read-only but for Replay (no add, edit or delete)."""

    model = WebhookDelivery
    icon = "list-ul"
    menu_label = "Webhook log"
    inspect_view_enabled = True
    inspect_view_class = DeliveryInspectView
    copy_view_enabled = False
    add_to_reference_index = False  # a row per message: nothing in it is an editor's link
    list_display = [
        "created_at",
        "event_type",
        "subscription",
        "status",
        "attempts",
        "last_response_status",
        "message_id",
        LinkColumn("replay", "Replay", replay_url, "Replay"),
    ]
    list_filter = ["subscription__partner", "subscription", "status", "event_type"]
    search_fields = ["message_id"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self, request):
        return WebhookDelivery.objects.select_related("subscription__partner")

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            add_url_name=None,
            edit_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            **kwargs,
        )

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().none()

    @property
    def replay_view(self):
        return require_http_methods(["GET", "POST"])(replay_delivery)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("replay/<int:pk>/", self.replay_view, name="replay"),
        ]


def replay_delivery(request, pk):
    """GET asks to confirm; POST sends the message again (same webhook-id, new signature)."""
    if not partner_permissions.user_has_permission(request.user, "change"):
        raise PermissionDenied
    delivery = get_object_or_404(WebhookDelivery.objects.select_related("subscription"), pk=pk)
    if request.method == "POST":
        replay(delivery)
        messages.success(
            request,
            f"Replaying {delivery.event_type} {delivery.message_id} to "
            f"{delivery.subscription.url}: its attempt shows in the log.",
        )
        return redirect(reverse("webhookdelivery:inspect", args=[delivery.pk]))
    return TemplateResponse(
        request,
        "partners/webhooks/replay_confirm.html",
        {"delivery": delivery, "inspect_url": reverse("webhookdelivery:inspect", args=[pk])},
    )
