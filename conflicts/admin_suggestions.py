"""The admin endpoint behind "Named in the story but not linked": the open story form's
unsaved text in, the actors it names and does not link out (conflicts/suggestions.py)."""

from django.apps import apps
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from conflicts.models import RelatedContextMixin
from conflicts.suggestions import MAX_TEXT_CHARS, TextTooLong, draft_suggestions


class Refused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@require_POST
def draft_actor_suggestions(request):
    """POST (CSRF-checked) the story form's fields with `page` (editing) or `parent` and
    `model` (adding): JSON with the suggestions and the panel's list rendered, for whoever
    may edit that story (or add it there)."""
    try:
        model = story_model_for(request)
        suggestions = draft_suggestions(model, request.POST)
    except Refused as refusal:
        return JsonResponse({"error": str(refusal)}, status=refusal.status)
    except TextTooLong as too_long:
        message = _(
            "text: the headline and text are %(length)s characters long; suggestions read "
            "at most %(limit)s."
        ) % {"length": f"{too_long.args[0]:,}", "limit": f"{MAX_TEXT_CHARS:,}"}
        return JsonResponse({"error": message}, status=400)
    html = render_to_string(
        "conflicts/panels/actor_suggestions_list.html", {"suggestions": suggestions}, request
    )
    return JsonResponse(
        {
            "suggestions": [
                {
                    "id": s.actor.pk,
                    "name": s.actor.name,
                    "named_as": s.named_as,
                    "live": s.actor.live,
                }
                for s in suggestions
            ],
            "html": html,
        }
    )


def story_model_for(request):
    """The page model of the story the form edits or adds, once the user may do that."""
    page_id, parent_id = request.POST.get("page", ""), request.POST.get("parent", "")
    if page_id:
        page = _page(page_id, "page")
        if not page.permissions_for_user(request.user).can_edit():
            raise Refused(403, _("You may not edit this story."))
        model = page.specific_class
    elif parent_id:
        parent = _page(parent_id, "parent")
        try:
            model = apps.get_model(request.POST.get("model", ""))
        except (LookupError, ValueError):
            model = None
        if model is None or not issubclass(model, Page):
            raise Refused(400, _("model: say which page model the story is (app_label.model)."))
        if not parent.permissions_for_user(request.user).can_add_subpage():
            raise Refused(403, _("You may not add a story here."))
    else:
        raise Refused(400, _("page: say which story the text is from (page, or parent)."))
    if not issubclass(model, RelatedContextMixin):
        raise Refused(400, _("model: this page links no actors."))
    return model


def _page(pk: str, field: str) -> Page:
    page = Page.objects.filter(pk=pk).first() if pk.isdigit() else None
    if page is None:
        raise Refused(400, _("%(field)s: there is no page %(pk)s.") % {"field": field, "pk": pk})
    return page


def urls():
    return [
        path(
            "conflicts/actor-suggestions/",
            draft_actor_suggestions,
            name="conflicts_draft_actor_suggestions",
        )
    ]
