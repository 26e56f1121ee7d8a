"""What a partner's list of 50 stories costs to rebuild after one story is published.

In process, against a corpus `make bench` built (newsroom_bench_10000 unless
BENCH_DATABASE names another): the 50 newest stories' contexts are cached, then either a
story that is not among them is published (what the code does now: only the stories on its
conflict are dropped) or the site's generation is restarted (what every publish did until
session 8). Prints the median milliseconds and the queries of the rebuild for each; it
publishes 6 stories of the corpus, as the harness's publishing case does.

    uv run --frozen python -m bench.after_publish
"""

import os
import statistics
import time

from bench.env import bench_environ

os.environ.update(
    bench_environ(os.environ.get("BENCH_DATABASE", "newsroom_bench_10000"), BENCH_STATIC="plain")
)
os.environ.setdefault("BENCH_CACHE_PREFIX", "bench-after-publish")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from caching.generations import SITE, start_new  # noqa: E402
from conflicts.sidebar import sidebars_for  # noqa: E402
from newsroom.stories.models import ArticlePage  # noqa: E402

ROUNDS = 6


def rebuild_after(change, stories, pages) -> list[tuple[float, int]]:
    runs = []
    for story in stories:
        sidebars_for(pages)  # all 50 cached
        change(story)
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            sidebars_for(pages)
            runs.append(((time.perf_counter() - started) * 1000, len(queries)))
    return runs


def main():
    pages = list(ArticlePage.objects.live().public().order_by("-display_date", "-pk")[:50])
    others = list(ArticlePage.objects.live().exclude(pk__in=[p.pk for p in pages]).order_by("pk"))[
        : 2 * ROUNDS
    ]
    cases = {
        "publish a story (its conflict's sidebars dropped)": (
            lambda story: story.save_revision().publish(),
            others[:ROUNDS],
        ),
        "restart the site's generation (every publish before)": (
            lambda story: start_new([SITE]),
            others[ROUNDS:],
        ),
    }
    for label, (change, stories) in cases.items():
        runs = rebuild_after(change, stories, pages)
        median = statistics.median(ms for ms, _ in runs)
        print(f"{label}: median {median:.1f} ms, queries {sorted({q for _, q in runs})}")  # noqa: T201
    print(f"conflicts among the 50: {len({p.explainer_id for p in pages})}")  # noqa: T201


if __name__ == "__main__":
    main()
