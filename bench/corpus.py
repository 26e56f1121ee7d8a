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
"""

import argparse
import datetime
import json
import random
import sys
import time
import uuid

from bench.progress import Progress

BATCH = 1000
BASE_DATE = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)  # fixed: same corpus every run
SECTIONS = ["News", "Analysis", "World", "Politics", "Opinion"]
NOUNS = [
    "ceasefire",
    "convoy",
    "border crossing",
    "water supply",
    "prisoner exchange",
    "peace talks",
    "checkpoint",
    "road corridor",
    "election",
    "aid delivery",
    "power line",
    "refugee camp",
]
VERBS = ["held", "collapsed", "resumed", "was delayed", "was agreed", "was disputed"]
WORDS = (  # noqa: SIM905
    "the delegation said on the record that observers would report again after the "
    "meeting while officials in the capital declined to comment on the numbers cited by "
    "the monitors and residents described long queues at the crossing"
).split()
KINDS = [
    "person",
    "state",
    "government_body",
    "armed_force",
    "alliance",
    "media_outlet",
    "group",
]
VERDICTS = ["reported", "confirmed", "disputed", "misleading", "false", "unproven", ""]
SOURCE_KINDS = ["official_statement", "briefing", "news_report", "document", "social_post"]


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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
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


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def when(rng: random.Random, days: int = 5 * 365) -> datetime.datetime:
    """A moment in the years before BASE_DATE."""
    return BASE_DATE - datetime.timedelta(seconds=rng.randrange(days * 86400))


def chunks(items, size=BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def bulk_insert(model, objs, label) -> None:
    progress = Progress(label, len(objs))
    for chunk in chunks(objs):
        model.objects.bulk_create(chunk)
        progress.advance(len(chunk))
    progress.close()


def build_site(args):
    """Home, sections and the conflicts index, through Wagtail (a handful of pages)."""
    from wagtail.models import Page, Site

    from conflicts.models import ConflictIndexPage
    from newsroom.stories.models import HomePage, SectionPage

    if HomePage.objects.exists():
        sys.exit("This database already has a home page: build the corpus in an empty one.")
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title="The Bench Newsroom", slug="bench-home", intro=corpus_label(args))
    )
    site = Site.objects.get(is_default_site=True)
    welcome = site.root_page
    site.root_page = home
    site.save()
    welcome.delete()  # Wagtail's welcome page, made by its migrations
    home.refresh_from_db()
    sections = [
        home.add_child(instance=SectionPage(title=name, slug=name.lower())) for name in SECTIONS
    ]
    index = home.add_child(instance=ConflictIndexPage(title="Conflicts", slug="conflicts"))
    for page in [home, *sections, index]:
        page.save_revision().publish()
    return home, sections, index


def build_actors(rng, count):
    from conflicts.models import Actor

    actors = []
    for n in range(1, count + 1):
        published = when(rng)
        actors.append(
            Actor(
                name=f"Actor {n}",
                slug=f"actor-{n}",
                kind=KINDS[n % len(KINDS)],
                description=f"Fictional actor {n}, made up for the benchmark",
                bio=f"<p>{sentence(rng, 40)}</p>",
                aliases=f"A{n}\nActor number {n}",
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
            )
        )
    bulk_insert(Actor, actors, "actors")
    return list(Actor.objects.order_by("pk").values_list("pk", flat=True))


def build_sources(rng, count):
    from conflicts.models import Source

    sources = [
        Source(
            title=f"Source document {n}",
            publisher=f"Publisher {n % 97 + 1}",
            url=f"https://example.org/bench/source/{n}",
            published_on=when(rng).date(),
            kind=SOURCE_KINDS[n % len(SOURCE_KINDS)],
        )
        for n in range(1, count + 1)
    ]
    bulk_insert(Source, sources, "sources")
    return list(Source.objects.order_by("pk").values_list("pk", flat=True))


def build_explainers(rng, args, index, actor_ids, source_ids):
    """Explainers with parties, key facts and a timeline, published the normal way."""
    from conflicts.models import ConflictExplainerPage, ConflictParty, KeyFact, TimelineEvent

    explainers = []
    progress = Progress("explainers", args.explainers)
    for n in range(1, args.explainers + 1):
        events = []
        for e in range(40):
            event = TimelineEvent(
                date=when(rng, days=10 * 365).date(),
                date_precision="day",
                title=f"Event {e + 1} in Conflict {n}: the {rng.choice(NOUNS)} {rng.choice(VERBS)}",
                description=sentence(rng, 25),
                sort_order=e,
            )
            event._bench_links = rng.sample(source_ids, 2), rng.sample(actor_ids, 3)
            events.append(event)
        page = ConflictExplainerPage(
            title=f"Conflict {n}",
            slug=f"conflict-{n}",
            summary=f"A fictional conflict in Region {n}, made up for the benchmark. "
            + sentence(rng, 20),
            region=f"Region {n}",
            body=[("section", {"heading": "Background", "text": f"<p>{sentence(rng, 80)}</p>"})],
            last_reviewed=BASE_DATE.date(),
            parties=[
                ConflictParty(actor_id=actor_id, role=role, sort_order=i)
                for i, (actor_id, role) in enumerate(
                    zip(
                        rng.sample(actor_ids, 4),
                        ["Belligerent", "Belligerent", "Mediator", "Observer"],
                        strict=True,
                    )
                )
            ],
            key_facts=[
                KeyFact(text=sentence(rng, 12), source_id=source_id, sort_order=i)
                for i, source_id in enumerate(rng.sample(source_ids, 3))
            ],
            timeline_events=events,
        )
        index.add_child(instance=page)
        sources_through = TimelineEvent.sources.through
        actors_through = TimelineEvent.actors.through
        sources_through.objects.bulk_create(
            sources_through(timelineevent_id=event.pk, source_id=source_id)
            for event in events
            for source_id in event._bench_links[0]
        )
        actors_through.objects.bulk_create(
            actors_through(timelineevent_id=event.pk, actor_id=actor_id)
            for event in events
            for actor_id in event._bench_links[1]
        )
        page.save_revision().publish()
        explainers.append(page.pk)
        progress.advance()
    progress.close()
    return explainers


def build_claims(rng, args, actor_ids, source_ids, explainer_ids):
    """Claims (1-3 sources each), grouped by conflict so articles can link their own."""
    from conflicts.models import Claim, ClaimSource

    claims = []
    for n in range(1, args.claims + 1):
        published = when(rng)
        verdict = rng.choice(VERDICTS)
        claims.append(
            Claim(
                statement=f"Claim {n}: the {rng.choice(NOUNS)} in Region "
                f"{rng.randrange(1, args.explainers + 1)} {rng.choice(VERBS)}",
                quote=sentence(rng, 15) if n % 3 == 0 else "",
                slug=f"claim-{n}",
                claimant_id=rng.choice(actor_ids),
                made_on=published.date(),
                conflict_id=explainer_ids[n % len(explainer_ids)],
                verdict=verdict,
                verdict_explanation=sentence(rng, 20) if verdict else "",
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
            )
        )
    bulk_insert(Claim, claims, "claims")
    claim_rows = list(Claim.objects.order_by("pk").values_list("pk", "conflict_id"))
    links = []
    for claim_id, _ in claim_rows:
        for i, source_id in enumerate(rng.sample(source_ids, rng.randint(1, 3))):
            links.append(
                ClaimSource(
                    claim_id=claim_id,
                    source_id=source_id,
                    shows=rng.choice(["supports", "disputes", "reports"]),
                    sort_order=i,
                )
            )
    bulk_insert(ClaimSource, links, "claim sources")
    by_conflict = {}
    for claim_id, conflict_id in claim_rows:
        by_conflict.setdefault(conflict_id, []).append(claim_id)
    return by_conflict


def story_body(rng, n) -> list[dict]:
    """About 3 KB of text in paragraphs and a heading: the size of a short news story."""
    blocks = [{"type": "heading", "value": f"What happened in story {n}"}]
    blocks += [{"type": "paragraph", "value": f"<p>{sentence(rng, 60)}</p>"} for _ in range(7)]
    for block in blocks:
        block["id"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    return blocks


def build_articles(rng, args, sections, explainer_ids, actor_ids, claims_by_conflict):
    """Article pages in bulk: treebeard paths, url paths and published fields computed here."""
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import Tag
    from wagtail.models import Locale, Page

    from newsroom.stories.models import (
        ArticleActorLink,
        ArticleByline,
        ArticleClaimLink,
        ArticlePage,
        ArticleTag,
        Author,
    )

    authors = Author.objects.bulk_create(
        [Author(name=f"Author {n}", slug=f"author-{n}", role="Reporter") for n in range(1, 51)]
    )
    tags = Tag.objects.bulk_create(
        [Tag(name=noun.capitalize(), slug=noun.replace(" ", "-")) for noun in NOUNS]
    )
    content_type = ContentType.objects.get_for_model(ArticlePage)
    locale = Locale.get_default()
    page_fields = [f for f in Page._meta.local_concrete_fields if f.attname != "id"]
    article_fields = ArticlePage._meta.local_concrete_fields
    children = {section.pk: section.numchild for section in sections}

    progress = Progress("articles", args.articles)
    for start in range(0, args.articles, BATCH):
        pages = []
        for n in range(start + 1, min(start + BATCH, args.articles) + 1):
            section = sections[n % len(sections)]
            children[section.pk] += 1
            published = when(rng)
            slug = f"story-{n}"
            noun = rng.choice(NOUNS)
            title = f"Story {n}: the {noun} in Region {rng.randrange(1, 100)} {rng.choice(VERBS)}"
            page = ArticlePage(
                title=title,
                draft_title=title,
                slug=slug,
                content_type_id=content_type.pk,
                locale_id=locale.pk,
                translation_key=uuid.UUID(int=rng.getrandbits(128), version=4),
                path=ArticlePage._get_path(section.path, section.depth + 1, children[section.pk]),
                depth=section.depth + 1,
                numchild=0,
                url_path=f"{section.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                latest_revision_created_at=published,
                dek=sentence(rng, 18),
                display_date=published,
                body=story_body(rng, n),
                explainer_id=rng.choice(explainer_ids),
            )
            page._noun = noun
            pages.append(page)
        # Wagtail pages use multi-table inheritance, which bulk_create refuses: insert the
        # Page rows (getting their ids back), then the ArticlePage rows that point to them.
        ids = Page.objects._insert(pages, fields=page_fields, returning_fields=[Page._meta.pk])
        for page, (pk,) in zip(pages, ids, strict=True):
            page.pk = page.id = page.page_ptr_id = pk
        ArticlePage.objects._insert(pages, fields=article_fields)

        actor_links, claim_links, bylines, tagged = [], [], [], []
        for page in pages:
            for i, actor_id in enumerate(rng.sample(actor_ids, rng.randint(3, 15))):
                actor_links.append(
                    ArticleActorLink(page_id=page.pk, actor_id=actor_id, sort_order=i)
                )
            own_claims = claims_by_conflict.get(page.explainer_id) or [0]
            count = min(rng.randint(0, 10), len(own_claims))
            for i, claim_id in enumerate(rng.sample(own_claims, count)):
                claim_links.append(
                    ArticleClaimLink(page_id=page.pk, claim_id=claim_id, sort_order=i)
                )
            for i, author in enumerate(rng.sample(authors, rng.randint(1, 2))):
                bylines.append(ArticleByline(page_id=page.pk, author_id=author.pk, sort_order=i))
            tag = tags[NOUNS.index(page._noun)]
            tagged.append(ArticleTag(content_object_id=page.pk, tag_id=tag.pk))
        ArticleActorLink.objects.bulk_create(actor_links)
        ArticleClaimLink.objects.bulk_create(claim_links)
        ArticleByline.objects.bulk_create(bylines)
        ArticleTag.objects.bulk_create(tagged)
        progress.advance(len(pages))
    progress.close()
    for section in sections:
        Page.objects.filter(pk=section.pk).update(numchild=children[section.pk])


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


def build(args) -> dict:
    """Build the whole corpus in one transaction; returns what was made and how long it took."""
    from django.db import transaction

    rng = random.Random(args.seed)
    started = time.perf_counter()
    with transaction.atomic():
        _, sections, index = build_site(args)
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


if __name__ == "__main__":
    main()
