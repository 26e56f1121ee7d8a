"""Build a fictional newsroom at a chosen scale, fast, for the benchmark.

    python -m bench.corpus --articles 10000 [--seed 1] [--actors 1000] [--claims 20000]

Run it against an empty, migrated database (bench/run.py makes one). Everything is
fictional ("Actor 12", "Region 3", example.org sources) and deterministic for a seed.

Few things (the site tree, explainers with their timelines) go through Wagtail's normal
publishing. The many (actors, sources, claims, articles and their links) are bulk-inserted:
article pages get their treebeard paths, url paths and live/published fields computed
here, then the search index and Wagtail's reference index are filled in bulk with
Wagtail's own extraction, so the site, search, the API and the admin see them as they
would see published pages.

Here: the command line and the order of the build. The words and dates are in fiction.py,
the plugin's records in records.py, the explainers in explainers.py, the site tree and the
stories in pages.py, the search and reference indexes in indexes.py.
"""

import argparse
import json
import random
import time

from bench.corpus.explainers import build_explainers
from bench.corpus.indexes import index_for_search, index_references
from bench.corpus.pages import build_articles, build_site
from bench.corpus.records import build_actors, build_claims, build_sources


def corpus_label(args) -> str:
    """What identifies a corpus: stored on the home page, so run.py knows if it is built."""
    return json.dumps(
        {
            "articles": args.articles,
            "actors": args.actors,
            "claims": args.claims,
            "explainers": args.explainers,
            "seed": args.seed,
        },
        sort_keys=True,
    )


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench.corpus", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--actors", type=int, default=1_000)
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--explainers", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    for name in ("articles", "actors", "claims", "explainers"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1")
    if args.actors < 15:
        parser.error("--actors must be at least 15 (an article links up to 15)")
    return args


def build(args) -> dict:
    """Build the whole corpus in one transaction; returns what was made and how long it took."""
    from django.db import transaction

    rng = random.Random(args.seed)
    started = time.perf_counter()
    with transaction.atomic():
        _, sections, index = build_site(corpus_label(args))
        actor_ids = build_actors(rng, args.actors)
        source_ids = build_sources(rng, max(args.claims * 3 // 4, 10))
        explainer_ids = build_explainers(rng, args, index, actor_ids, source_ids)
        claims_by_conflict = build_claims(rng, args, actor_ids, source_ids, explainer_ids)
        build_articles(rng, args, sections, explainer_ids, actor_ids, claims_by_conflict)
        index_for_search()
        index_references()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"seconds": round(time.perf_counter() - started, 1), **json.loads(corpus_label(args))}


def main(argv=None):
    import django

    args = parse_args(argv)
    django.setup()
    summary = build(args)
    print(json.dumps(summary))  # noqa: T201
