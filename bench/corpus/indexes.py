"""What Wagtail would have filled on save, filled in bulk for the bulk-inserted rows: the
search index and the reference index, each extracted by Wagtail itself."""

from bench.corpus.bulk import chunks
from bench.progress import Progress


def index_for_search():
    """Wagtail's search index (PostgreSQL full text) for what was bulk-inserted."""
    from wagtail.search.backends import get_search_backend

    from conflicts.models import Actor, Claim, Source
    from newsroom.stories.models import ArticlePage, Author

    backend = get_search_backend()
    querysets = [
        ArticlePage.objects.prefetch_related("tags"),
        Actor.objects.all(),
        Claim.objects.select_related("claimant"),
        Source.objects.all(),
        Author.objects.all(),
    ]
    for queryset in querysets:
        model = queryset.model
        ids = list(queryset.order_by("pk").values_list("pk", flat=True))
        progress = Progress(f"search: {model._meta.model_name}", len(ids))
        for chunk in chunks(ids):
            backend.add_bulk(model, list(queryset.filter(pk__in=chunk).order_by("pk")))
            progress.advance(len(chunk))
        progress.close()


def index_references():
    """Wagtail's reference index ("Used by" in the admin) for the bulk-inserted articles,
    extracted by Wagtail itself from prefetched objects and inserted in bulk."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    from newsroom.stories.models import ArticlePage

    content_type = ContentType.objects.get_for_model(ArticlePage)
    base_content_type = ReferenceIndex._get_base_content_type(ArticlePage)
    queryset = ArticlePage.objects.prefetch_related(
        "actor_links", "claim_links", "bylines", "tagged_items", "corrections"
    ).order_by("pk")
    ids = list(queryset.values_list("pk", flat=True))
    progress = Progress("reference index", len(ids))
    for chunk in chunks(ids):
        rows = []
        for page in queryset.filter(pk__in=chunk):
            for to_ct, to_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(page)
            ):
                rows.append(
                    ReferenceIndex(
                        content_type=content_type,
                        base_content_type=base_content_type,
                        object_id=page.pk,
                        to_content_type_id=to_ct,
                        to_object_id=to_id,
                        model_path=model_path,
                        content_path=content_path,
                        content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                    )
                )
        ReferenceIndex.objects.bulk_create(rows, ignore_conflicts=True)
        progress.advance(len(chunk))
    progress.close()
