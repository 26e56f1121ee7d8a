"""What uses an actor, claim or source: the pages and snippets Wagtail's reference index
says point to it, for the delete page to list (as Wagtail's usage report does)."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.text import capfirst
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page, ReferenceIndex

USES_LISTED = 10


@dataclass(frozen=True)
class Use:
    """One page or snippet that points to the object: its kind, title and edit page."""

    kind: str
    title: str
    edit_url: str | None


def uses_of(obj, limit=USES_LISTED) -> tuple[list[Use], int]:
    """Up to limit things that use obj, and how many do in all: one query for the references,
    one per kind of thing listed (pages are named by their own type, at no cost)."""
    referrers = list(
        ReferenceIndex.get_references_to(obj)
        .values_list("base_content_type_id", "object_id")
        .distinct()
        .order_by("base_content_type_id", "object_id")
    )
    listed = referrers[:limit]
    by_type: dict[int, list[str]] = {}
    for content_type_id, object_id in listed:
        by_type.setdefault(content_type_id, []).append(object_id)
    found = {}
    for content_type_id, object_ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        pks = [model._meta.pk.to_python(pk) for pk in object_ids]
        for pk, item in model._default_manager.in_bulk(pks).items():
            found[(content_type_id, str(pk))] = item
    uses, edit_url = [], AdminURLFinder().get_edit_url
    for key in listed:
        item = found.get(key)
        if item is None:
            continue
        if isinstance(item, Page):
            kind = ContentType.objects.get_for_id(item.content_type_id).model_class()
            title = item.get_admin_display_title()
        else:
            kind, title = type(item), str(item)
        uses.append(Use(capfirst(kind._meta.verbose_name), title, edit_url(item)))
    return uses, len(referrers)
