"""Time publishing a story with 50 links, as an editor's "Publish" does, purge included.

    BENCH_FRONTEND_CACHE_URL=http://127.0.0.1:PORT/ python -m bench.publish --repeat 5

Runs inside Django (bench settings). Each round makes a draft story (not timed) linking an
explainer, 25 actors and 25 claims, then times `save_revision().publish()`: the revision,
the live page, search and reference index updates, and the frontend-cache purge (an HTTP
PURGE to BENCH_FRONTEND_CACHE_URL, answered by bench/run.py's stand-in for a CDN). Prints
the times and checks each story's links reached the reference index; the story is deleted.
"""

import argparse
import json
import statistics
import time

import django

ACTOR_LINKS = CLAIM_LINKS = 25


def draft_story(n: int):
    from conflicts.models import Actor, Claim, ConflictExplainerPage
    from newsroom.models import (
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


def publish_rounds(repeat: int) -> dict:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page, ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    seconds, queries, references, links = [], [], [], 0
    for n in range(repeat):
        story = draft_story(n)
        links = story.actor_links.count() + story.claim_links.count() + 1
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            story.save_revision().publish()
            seconds.append(time.perf_counter() - started)
        queries.append(len(captured))
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
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    django.setup()
    print(json.dumps(publish_rounds(args.repeat)))  # noqa: T201


if __name__ == "__main__":
    main()
