"""Readable, unique slugs for snippets that have their own public page."""

from django.utils.text import slugify


def unique_slug(instance, text: str, max_length: int = 80) -> str:
    """Slugify text and add -2, -3 ... until no other row of instance's model uses it and it
    is none of the model's `reserved_slugs` (addresses its own pages take, as /claims/verdicts/)."""
    base = slugify(text, allow_unicode=False)[:max_length].strip("-") or "item"
    model = type(instance)
    others = model._default_manager.all()
    if instance.pk:
        others = others.exclude(pk=instance.pk)
    reserved = getattr(model, "reserved_slugs", frozenset())
    slug, n = base, 2
    while slug in reserved or others.filter(slug=slug).exists():
        suffix = f"-{n}"
        slug = base[: max_length - len(suffix)] + suffix
        n += 1
    return slug
