"""The plugin's records, bulk-inserted as published: actors, sources, and claims with the
sources that show them."""

from bench.corpus.bulk import bulk_insert
from bench.corpus.fiction import KINDS, NOUNS, SOURCE_KINDS, VERBS, VERDICTS, sentence, when


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
