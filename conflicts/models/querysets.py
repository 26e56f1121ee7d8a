"""What readers may see, said once: the querysets every door (pages, sidebar, API, feeds,
search, purges) filters through."""

from wagtail.query import PageQuerySet


def card_columns(path: str, fields: tuple[str, ...]) -> list[str]:
    """fields as seen through the relation path, for .only() beside select_related(path)."""
    return [f"{path}__{name}" for name in fields]


class PublicPageQuerySet(PageQuerySet):
    """Pages readers may see: live, and under no view restriction."""

    def live_public(self, private=None):
        """Live and public. Pass `private` (Page.objects.private_q(), one query) to reuse one
        read of the view restrictions across several querysets."""
        if private is None:
            private = self.private_q()
        return self.live().exclude(private)


class StoryQuerySet(PublicPageQuerySet):
    """A host's pages that link context (RelatedContextMixin): stories."""

    def on_conflict(self, explainer):
        """Stories about this conflict (an explainer page or its id)."""
        return self.filter(explainer_id=getattr(explainer, "pk", explainer))

    def newest(self, limit: int | None = None):
        """Newest first by the model's context date, at most limit. The date alone, so that
        an (explainer, date) index gives the order and nothing sorts every story."""
        ordered = self.order_by(f"-{self.model.context_date_field}")
        return ordered if limit is None else ordered[:limit]
