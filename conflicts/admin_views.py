"""Admin views of the fact-check step: publish, in one go, the drafts that hold a story."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from conflicts.factcheck_publishing import DraftsNotPublished, publish_drafts, story_drafts


@require_POST
def publish_fact_check_drafts(request, page_id):
    """POST (CSRF-checked): publish the draft claims, claimants and key actors the story's
    fact check names, as the user, all or nothing; back to the story's editor with a message."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    drafts = story_drafts(page)
    if not drafts:
        messages.info(request, _("The fact check names no draft to publish."))
        return redirect(edit_url)
    try:
        published = publish_drafts(drafts, request.user)
    except DraftsNotPublished as refusal:
        for reason in refusal.reasons:
            messages.error(request, reason)
        return redirect(edit_url)
    names = get_text_list([f'"{item}"' for item in published], _("and"))
    messages.success(request, _("Published %(names)s.") % {"names": names})
    return redirect(edit_url)
