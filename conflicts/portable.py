"""The plugin's portable JSON format: actors, sources, explainers and claims by natural key.

Loading goes through the models, so every rule the admin enforces applies: each object is
validated with full_clean() and published the Wagtail way (a revision, then publish).
Objects whose natural key (actor, claim and explainer slug; source URL) already exists
are left untouched, so loading the same file twice changes nothing. Everything happens
in one transaction: a file with one bad object changes nothing at all.
"""

import datetime
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction

from conflicts.models import (
    Actor,
    ActorAffiliation,
    Claim,
    ClaimRelation,
    ClaimSource,
    ConflictExplainerPage,
    ConflictParty,
    KeyFact,
    Source,
    TimelineEvent,
)

FORMAT = "conflicts/1"


class DataError(ValueError):
    """A portable file that cannot be loaded; the message names the object and field."""


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _check(obj, label: str, exclude=None):
    """full_clean() obj, turning errors into one DataError that names label and the field."""
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as error:
        details = "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
        raise DataError(f"{label}: {details}") from None


class _Loader:
    def __init__(self, data: dict, explainer_parent):
        self.data = data
        self.parent = explainer_parent
        self.created = Counter()
        self.skipped = Counter()
        self.actors = {a.slug: a for a in Actor.objects.all()}
        self.sources = {s.url: s for s in Source.objects.all()}
        self.claims = {c.slug: c for c in Claim.objects.all()}
        self.explainers = {p.slug: p for p in ConflictExplainerPage.objects.all()}

    def actor(self, slug, label):
        if slug not in self.actors:
            raise DataError(f'{label}: no actor with the slug "{slug}" in the file or the site')
        return self.actors[slug]

    def source(self, url, label):
        if url not in self.sources:
            raise DataError(f'{label}: no source with the URL "{url}" in the file or the site')
        return self.sources[url]

    def load(self):
        new_actors = self.load_actors()
        self.load_sources()
        self.load_explainers()
        new_claims = self.load_claims()
        for actor in new_actors:
            actor.save_revision().publish()
        for claim in new_claims:
            try:
                claim.save_revision().publish()
            except ValidationError as error:
                raise DataError(f'claim "{claim.slug}": {" ".join(error.messages)}') from None

    def load_actors(self):
        new = []
        for row in self.data.get("actors", []):
            if row["slug"] in self.actors:
                self.skipped["actors"] += 1
                continue
            actor = Actor(
                name=row["name"],
                slug=row["slug"],
                kind=row["kind"],
                description=row.get("description", ""),
                bio=row.get("bio", ""),
                aliases="\n".join(row.get("aliases", [])),
                wikidata_id=row.get("wikidata_id", ""),
                live=False,
            )
            _check(actor, f'actor "{row["slug"]}"')
            actor.save()
            self.actors[actor.slug] = actor
            new.append(actor)
            self.created["actors"] += 1
        rows = {row["slug"]: row for row in self.data.get("actors", [])}
        for actor in new:
            for i, aff in enumerate(rows[actor.slug].get("affiliations", [])):
                label = f'actor "{actor.slug}" affiliation {i + 1}'
                affiliation = ActorAffiliation(
                    actor=actor,
                    organisation=self.actor(aff["organisation"], label),
                    role=aff["role"],
                    start_date=_date(aff.get("start_date")),
                    end_date=_date(aff.get("end_date")),
                    sort_order=i,
                )
                _check(affiliation, label)
                affiliation.save()
        return new

    def load_sources(self):
        for row in self.data.get("sources", []):
            if row["url"] in self.sources:
                self.skipped["sources"] += 1
                continue
            source = Source(
                url=row["url"],
                title=row["title"],
                publisher=row["publisher"],
                published_on=_date(row.get("published_on")),
                kind=row["kind"],
                archive_url=row.get("archive_url", ""),
            )
            _check(source, f'source "{row["url"]}"')
            source.save()
            source.save_revision()
            self.sources[source.url] = source
            self.created["sources"] += 1

    def load_explainers(self):
        for row in self.data.get("explainers", []):
            slug = row["slug"]
            if slug in self.explainers:
                self.skipped["explainers"] += 1
                continue
            label = f'explainer "{slug}"'
            page = ConflictExplainerPage(
                title=row["title"],
                slug=slug,
                summary=row["summary"],
                status=row["status"],
                region=row["region"],
                body=[
                    ("section", {"heading": s["heading"], "text": s["text"]})
                    for s in row.get("body", [])
                ],
                last_reviewed=_date(row.get("last_reviewed")),
                review_note=row.get("review_note", ""),
            )
            for i, party in enumerate(row.get("parties", [])):
                page.parties.add(
                    ConflictParty(
                        actor=self.actor(party["actor"], f"{label} party {i + 1}"),
                        role=party["role"],
                        sort_order=i,
                    )
                )
            for i, fact in enumerate(row.get("key_facts", [])):
                source = fact.get("source")
                page.key_facts.add(
                    KeyFact(
                        text=fact["text"],
                        source=self.source(source, f"{label} key fact {i + 1}") if source else None,
                        sort_order=i,
                    )
                )
            for i, item in enumerate(row.get("timeline", [])):
                event_label = f"{label} timeline event {i + 1}"
                event = TimelineEvent(
                    date=_date(item["date"]),
                    date_precision=item.get("precision", "day"),
                    title=item["title"],
                    description=item.get("description", ""),
                    sort_order=i,
                )
                _check(event, event_label, exclude=["page"])
                event.sources.set(
                    [self.source(url, event_label) for url in item.get("sources", [])]
                )
                event.actors.set([self.actor(s, event_label) for s in item.get("actors", [])])
                page.timeline_events.add(event)
            for child in [*page.parties.all(), *page.key_facts.all()]:
                _check(child, label, exclude=["page"])
            try:
                self.parent.add_child(instance=page)
            except ValidationError as error:
                raise DataError(f"{label}: {' '.join(error.messages)}") from None
            page.save_revision().publish()
            self.explainers[slug] = page
            self.created["explainers"] += 1

    def load_claims(self):
        new = []
        rows = self.data.get("claims", [])
        for row in rows:
            slug = row["slug"]
            if slug in self.claims:
                self.skipped["claims"] += 1
                continue
            label = f'claim "{slug}"'
            conflict = row.get("conflict")
            if conflict and conflict not in self.explainers:
                raise DataError(f'{label}: no explainer with the slug "{conflict}"')
            claim = Claim(
                slug=slug,
                statement=row["statement"],
                quote=row.get("quote", ""),
                claimant=self.actor(row["claimant"], label),
                made_on=_date(row["made_on"]),
                conflict=self.explainers.get(conflict) if conflict else None,
                verdict=row.get("verdict", ""),
                verdict_explanation=row.get("verdict_explanation", ""),
                live=False,
            )
            _check(claim, label)
            claim.save()
            for i, cited in enumerate(row.get("sources", [])):
                claim_source = ClaimSource(
                    claim=claim,
                    source=self.source(cited["url"], f"{label} source {i + 1}"),
                    shows=cited.get("shows", ClaimSource.Shows.REPORTS),
                    quote=cited.get("quote", ""),
                    sort_order=i,
                )
                _check(claim_source, f"{label} source {i + 1}")
                claim_source.save()
            self.claims[slug] = claim
            new.append(claim)
            self.created["claims"] += 1
        by_slug = {row["slug"]: row for row in rows}
        for claim in new:
            for i, rel in enumerate(by_slug[claim.slug].get("relations", [])):
                label = f'claim "{claim.slug}" relation {i + 1}'
                if rel["other"] not in self.claims:
                    raise DataError(f'{label}: no claim with the slug "{rel["other"]}"')
                relation = ClaimRelation(
                    claim=claim, kind=rel["kind"], other=self.claims[rel["other"]], sort_order=i
                )
                _check(relation, label)
                relation.save()
        return new


def load_conflict_data(data: dict, explainer_parent) -> dict:
    """Load a portable file's conflicts part under explainer_parent; return what was done."""
    if data.get("format", FORMAT) != FORMAT:
        raise DataError(f'format: expected "{FORMAT}", found "{data.get("format")}"')
    loader = _Loader(data, explainer_parent)
    with transaction.atomic():
        loader.load()
    return {"created": dict(loader.created), "skipped": dict(loader.skipped)}
