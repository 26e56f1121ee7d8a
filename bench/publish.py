"""Time publishing a story with 50 links, as an editor's "Publish" does, purge included.

    BENCH_FRONTEND_CACHE_URL=http://127.0.0.1:PORT/ python -m bench.publish --repeat 5

Runs inside Django (bench settings). Each round makes a draft story (not timed) linking an
explainer, 25 actors and 25 claims, then times `save_revision().publish()`: the revision,
the live page, and enqueueing the search and reference index updates and the
frontend-cache purge; then runs them as the worker does (`worker_median_ms`: the index
updates and an HTTP PURGE to BENCH_FRONTEND_CACHE_URL, answered by bench/run.py's
stand-in for a CDN). Prints
the times and checks each story's links reached the reference index; the story is deleted.
Then times republishing an explainer as it is (`explainer_republish`): its purge is not
capped, so it shows what an explainer edit costs at the corpus's scale.
"""

import argparse
import json
import statistics
import time
from contextlib import contextmanager

import django

ACTOR_LINKS = CLAIM_LINKS = 25


def draft_story(n: int):
    from conflicts.models import Actor, Claim, ConflictExplainerPage
    from newsroom.stories.models import (
        ArticleActorLink,
        ArticleByline,
        ArticleClaimLink,
        ArticlePage,
        Author,
        SectionPage,
    )

    section = SectionPage.objects.order_by("path").first()
    explainer = ConflictExplainerPage.objects.live().order_by("pk").first()
    claims = list(Claim.objects.filter(live=True, conflict=explainer)[:CLAIM_LINKS])
    claims += list(Claim.objects.filter(live=True)[: CLAIM_LINKS - len(claims)])
    story = ArticlePage(
        title=f"Bench publishing story {n}",
        slug=f"bench-publish-{n}-{time.time_ns()}",
        dek="A story made and deleted by the benchmark.",
        body=[("paragraph", "<p>Made up for the benchmark.</p>")],
        explainer=explainer,
        live=False,
        bylines=[ArticleByline(author=Author.objects.order_by("pk").first())],
        actor_links=[
            ArticleActorLink(actor=actor, sort_order=i)
            for i, actor in enumerate(Actor.objects.filter(live=True)[:ACTOR_LINKS])
        ],
        claim_links=[ArticleClaimLink(claim=claim, sort_order=i) for i, claim in enumerate(claims)],
    )
    section.add_child(instance=story)
    return ArticlePage.objects.get(pk=story.pk)


@contextmanager
def counting_purges():
    """Yields a list that gets the number of URLs of each frontend-cache purge made."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    purged: list[int] = []
    original = PurgeBatch.purge

    def purge(batch, *args, **kwargs):
        purged.append(len(batch.urls))
        return original(batch, *args, **kwargs)

    PurgeBatch.purge = purge
    try:
        yield purged
    finally:
        PurgeBatch.purge = original


def run_queued_tasks() -> float:
    """Run what the publish enqueued (the purge, the index updates: README "Background
    work"), as the worker does, outside the editor's timed request; returns the seconds."""
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("run_worker", batch=True, interval=0, verbosity=0)
    return time.perf_counter() - started


def publish_rounds(repeat: int) -> dict:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page, ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    seconds, queries, references, links, worker_seconds = [], [], [], 0, []
    purged_urls = []
    for n in range(repeat):
        story = draft_story(n)
        links = story.actor_links.count() + story.claim_links.count() + 1
        with CaptureQueriesContext(connection) as captured, counting_purges() as purged:
            started = time.perf_counter()
            story.save_revision().publish()
            seconds.append(time.perf_counter() - started)
        queries.append(len(captured))
        purged_urls.append(sum(purged))
        worker_seconds.append(run_queued_tasks())
        references.append(
            ReferenceIndex.objects.filter(base_content_type=page_type, object_id=str(story.pk))
            .exclude(to_content_type=page_type, to_object_id=str(story.get_parent().pk))
            .count()
        )
        story.delete()
    return {
        "links": links,  # 51 unless the corpus has fewer than 25 actors or claims
        "rounds": repeat,
        "median_ms": round(statistics.median(seconds) * 1000, 1),
        "max_ms": round(max(seconds) * 1000, 1),
        "queries": queries,
        "reference_index_rows": references,
        "purged_urls": purged_urls,
        "worker_median_ms": round(statistics.median(worker_seconds) * 1000, 1),
    }


def explainer_rounds(repeat: int) -> dict:
    """Time republishing the first explainer as it is: its own purge reaches every story
    that links it (their sidebars show its card), uncapped, unlike a story's."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from conflicts.models import ConflictExplainerPage
    from newsroom.stories.models import ArticlePage

    explainer = ConflictExplainerPage.objects.live().order_by("pk").first()
    seconds, queries = [], []
    with counting_purges() as purged:
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                explainer.save_revision().publish()
                seconds.append(time.perf_counter() - started)
            queries.append(len(captured))
            run_queued_tasks()
    return {
        "stories_linking": ArticlePage.objects.live().filter(explainer=explainer).count(),
        "rounds": repeat,
        "median_ms": round(statistics.median(seconds) * 1000, 1),
        "max_ms": round(max(seconds) * 1000, 1),
        "queries": queries,
        "purged_urls": purged,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    django.setup()
    result = publish_rounds(args.repeat)
    result["explainer_republish"] = explainer_rounds(args.repeat)
    print(json.dumps(result))  # noqa: T201


if __name__ == "__main__":
    main()
