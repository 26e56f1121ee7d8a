"""What a partner's list of 50 stories, and a story page, cost right after a change.

In process, against a corpus `make bench` built (newsroom_bench_10000 unless
BENCH_DATABASE names another). Prints the median milliseconds and the queries of each case:

- the 50 newest stories' contexts are cached, then a story that is not among them is
  published (only what it changes goes cold), or the site's generation is restarted (what
  every publish did until session 8, and every change of the plugin's until sidebars were
  keyed by context versions), or the site structure's (a page moved), or a claim one of
  the 50 shows gets a new verdict (before context versions: every sidebar cold; with them:
  only the stories showing it);
- a story page read warm, then right after a new verdict on a claim it shows: with the
  worker's warm-up (conflicts/sidebar/warm.py) not done, and done.

It publishes 6 stories of the corpus, as the harness's publishing case does, and gives a few
claims new verdicts (with a "bench:" explanation).

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
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from caching.generations import SITE, start_new  # noqa: E402
from conflicts.models import Claim, Verdict  # noqa: E402
from conflicts.sidebar import cache as sidebar_cache  # noqa: E402
from conflicts.sidebar import sidebars_for  # noqa: E402
from conflicts.sidebar.scopes import STRUCTURE  # noqa: E402
from conflicts.signals import context_changed  # noqa: E402
from newsroom.stories.models import ArticleClaimLink, ArticlePage  # noqa: E402

try:
    from conflicts.sidebar.warm import warm_sidebars  # noqa: E402
except ImportError:  # before the worker warmed sidebars
    warm_sidebars = None

ROUNDS = 6
NO_WARM_UP = override_settings(CONFLICTS_WARM_STORIES=0)  # the worker has not run yet


class Counted:
    """How many pages the sidebar cache built (the rest it read)."""

    def __init__(self):
        self.pages = 0
        self.real = sidebar_cache.build_sidebars

    def __call__(self, pages, request=None):
        self.pages += len(pages)
        return self.real(pages, request)


BUILT = Counted()
sidebar_cache.build_sidebars = BUILT


def measure(read) -> tuple[float, int]:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        read()
        return (time.perf_counter() - started) * 1000, len(queries)


def summary(runs) -> str:
    median = statistics.median(run[0] for run in runs)
    return f"median {median:.1f} ms, queries {sorted({run[1] for run in runs})}"


def rebuild_after(change, targets, ids) -> list[tuple[float, int, int]]:
    """(ms, queries, sidebars built) of the 50's contexts read again after each change. The
    pages are read afresh, as a partner's request does (their context versions may have
    moved), outside the measure."""
    runs = []
    for target in targets:
        sidebars_for(load(ids))  # all 50 cached
        with NO_WARM_UP:
            change(target)
        pages = load(ids)
        BUILT.pages = 0
        ms, queries = measure(lambda pages=pages: sidebars_for(pages))
        runs.append((ms, queries, BUILT.pages))
    return runs


def load(ids) -> list:
    return list(ArticlePage.objects.filter(pk__in=ids).order_by("-display_date", "-pk"))


def new_verdict(claim_id) -> None:
    """A claim published again with another verdict than it has."""
    claim = Claim.objects.get(pk=claim_id)
    choices = [v for v in Verdict.values if v != claim.verdict]
    claim.verdict = choices[int(time.time() * 1000) % len(choices)]
    claim.verdict_explanation = f"bench: {claim.verdict}"
    claim.save_revision().publish()


def bumped_by(change) -> dict:
    """{story model label: the story ids whose context version change moved}."""
    bumped = {}

    def note(sender, pks, **kwargs):
        bumped.setdefault(sender._meta.label, []).extend(pks)

    context_changed.connect(note, dispatch_uid="bench-after-publish")
    try:
        change()
    finally:
        context_changed.disconnect(dispatch_uid="bench-after-publish")
    return bumped


def list_cases(pages, others) -> None:
    ids = [p.pk for p in pages]
    claims = list(
        ArticleClaimLink.objects.filter(page__in=ids, claim__live=True)
        .values_list("claim_id", flat=True)
        .distinct()
        .order_by("claim_id")[:ROUNDS]
    )
    cases = {
        "publish a story (its conflict's sidebars dropped)": (
            lambda story: story.save_revision().publish(),
            others[:ROUNDS],
        ),
        "restart the site's generation (every publish until session 8)": (
            lambda story: start_new([SITE]),
            others[ROUNDS:],
        ),
        "restart the site structure's generation (a page moved)": (
            lambda story: start_new([STRUCTURE]),
            others[:ROUNDS],
        ),
        "a new verdict on a claim one of the 50 shows": (new_verdict, claims),
    }
    for label, (change, targets) in cases.items():
        runs = rebuild_after(change, targets, ids)
        built = sorted({b for *_, b in runs})
        print(f"list of 50, {label}: {summary(runs)}, sidebars built {built}")  # noqa: T201


def story_page_cases(pages) -> None:
    link = ArticleClaimLink.objects.filter(page__in=[p.pk for p in pages], claim__live=True)
    link = link.order_by("-page__display_date", "page_id").first()
    url = ArticlePage.objects.get(pk=link.page_id).url
    client = Client()
    read = lambda: client.get(url)  # noqa: E731
    read()
    read()
    warm = [measure(read) for _ in range(ROUNDS)]
    print(f"story page {url} warm: {summary(warm)}")  # noqa: T201
    cold, warmed, warm_ups = [], [], []
    for _ in range(ROUNDS):
        with NO_WARM_UP:
            new_verdict(link.claim_id)
        cold.append(measure(read))
        with NO_WARM_UP:
            bumped = bumped_by(lambda: new_verdict(link.claim_id))
        if warm_sidebars is not None:
            stories = sum(len(pks) for pks in bumped.values())
            for label, pks in bumped.items():  # what the worker does
                warm_up = lambda label=label, pks=pks: warm_sidebars.call(label, pks)  # noqa: E731
                warm_ups.append((*measure(warm_up), stories))
            warmed.append(measure(read))
    print(f"story page right after a new verdict, warm-up not done: {summary(cold)}")  # noqa: T201
    if warmed:
        print(f"story page right after a new verdict, warm-up done: {summary(warmed)}")  # noqa: T201
        stories = sorted({run[2] for run in warm_ups})
        print(f"the worker's warm-up, for {stories} stories: {summary(warm_ups)}")  # noqa: T201


def main():
    pages = list(ArticlePage.objects.live().public().order_by("-display_date", "-pk")[:50])
    others = list(ArticlePage.objects.live().exclude(pk__in=[p.pk for p in pages]).order_by("pk"))[
        : 2 * ROUNDS
    ]
    list_cases(pages, others)
    story_page_cases(pages)
    print(f"conflicts among the 50: {len({p.explainer_id for p in pages})}")  # noqa: T201


if __name__ == "__main__":
    main()
