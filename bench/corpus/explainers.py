"""The conflict explainers, the few plugin pages, published through Wagtail as an editor
would: parties, key facts and a timeline whose events name sources and actors."""

from bench.corpus.fiction import BASE_DATE, NOUNS, VERBS, sentence, when
from bench.progress import Progress


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
