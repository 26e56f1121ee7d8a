"""The plugin's portable format: actors, sources, explainers and claims, by natural key.

One JSON object, readable and diffable, meant for the demo data and for moving conflict
data between sites (manage.py conflicts_export writes it, conflicts_import reads it):

    {"format": "conflicts/1",
     "actors":     [{"slug", "name", "kind", "description", "bio", "aliases": [...],
                     "wikidata_id", "affiliations": [{"organisation": <actor slug>, "role",
                                                      "start_date", "end_date"}]}],
     "sources":    [{"url", "title", "publisher", "published_on", "kind", "archive_url"}],
     "explainers": [{"slug", "title", "summary", "status", "region", "last_reviewed",
                     "review_note", "body": [{"heading", "text": <rich text HTML>}],
                     "parties": [{"actor": <slug>, "role"}],
                     "key_facts": [{"text", "source": <source url>}],
                     "timeline_events": [{"date", "date_precision", "title", "description",
                                          "sources": [<url>], "actors": [<slug>]}]}],
     "claims":     [{"slug", "statement", "quote", "claimant": <actor slug>, "made_on",
                     "conflict": <explainer slug>, "verdict", "verdict_explanation",
                     "sources": [{"url", "shows", "quote"}],
                     "relations": [{"kind", "other": <claim slug>}]}]}

Actors, explainers and claims may carry "live": false: a draft, loaded as a draft (a
revision, not published). Without it they are published.

Field names are the models' own; dates are ISO strings (YYYY-MM-DD); links between objects
use natural keys (actor, explainer and claim slugs, source URLs), never database ids. Other
top-level keys are left to the host (the demo file keeps its site and articles there).

Loading goes through the models, so every rule the admin enforces applies: each object and
child object is checked with full_clean(), actors and claims are published the Wagtail way
(a revision, then publish, which refuses a claim without a source), and explainers are added
under the given parent page and published. An object whose natural key already exists is
left untouched (not updated, no new revision), so loading a file twice changes nothing. It
all happens in one transaction: a file with one bad object changes nothing, and the
DataError names the object and the field to fix.
"""

import datetime
from collections import Counter

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from wagtail.models import Page

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
SECTIONS = ("actors", "sources", "explainers", "claims")


class DataError(ValueError):
    """A portable file that cannot be loaded; the message names the object and field."""


# Each kind of object: (required keys, optional keys). Keys that hold lists are in LISTS;
# every other value is a string (or null for an optional one). Anything else is refused, so
# a misspelt key is an error rather than a silently blank field.
SCHEMA = {
    "actor": (
        {"slug", "name", "kind"},
        {"description", "bio", "aliases", "wikidata_id", "affiliations", "live"},
    ),
    "affiliation": ({"organisation", "role"}, {"start_date", "end_date"}),
    "source": ({"url", "title", "publisher", "kind"}, {"published_on", "archive_url"}),
    "explainer": (
        {"slug", "title", "summary", "region"},
        {
            "status",
            "body",
            "parties",
            "key_facts",
            "timeline_events",
            "last_reviewed",
            "review_note",
            "live",
        },
    ),
    "section": ({"heading", "text"}, set()),
    "party": ({"actor", "role"}, set()),
    "key fact": ({"text"}, {"source"}),
    "timeline event": (
        {"date", "title"},
        {"date_precision", "description", "sources", "actors"},
    ),
    "claim": (
        {"slug", "statement", "claimant", "made_on"},
        {"quote", "conflict", "verdict", "verdict_explanation", "sources", "relations", "live"},
    ),
    "claim source": ({"url"}, {"shows", "quote"}),
    "relation": ({"kind", "other"}, set()),
}
BOOLEANS = {"live"}  # absent means true: published
LISTS = {
    "aliases",
    "affiliations",
    "body",
    "parties",
    "key_facts",
    "timeline_events",
    "sources",
    "actors",
    "relations",
}


def fields(row, kind: str, label: str) -> dict:
    """The row's fields, checked against SCHEMA[kind] (see check_fields)."""
    required, optional = SCHEMA[kind]
    return check_fields(row, label, required, optional, LISTS, kind=kind, booleans=BOOLEANS)


def check_fields(
    row,
    label,
    required,
    optional,
    lists=frozenset(),
    objects=frozenset(),
    kind="row",
    booleans=frozenset(),
) -> dict:
    """row's fields: none missing, none unknown, lists and objects where due, strings elsewhere.

    Optional keys that are absent or null come back as "" (or [] for lists). Host formats
    (the demo site, articles) use it too, so every part of a file is checked the same way.
    """
    if not isinstance(row, dict):
        raise DataError(f"{label}: expected an object with keys, found {type(row).__name__}")
    required, optional = set(required), set(optional)
    lists, objects = set(lists), set(objects)
    unknown = sorted(set(row) - required - optional)
    if unknown:
        known = ", ".join(sorted(required | optional))
        raise DataError(f"{label}: {unknown[0]}: unknown field (a {kind} has: {known})")
    values = {}
    for key in sorted(required | optional):
        value = row.get(key)
        if value is None or value == "" or value == []:
            if key in required:
                raise DataError(f"{label}: {key}: this field is required")
            value = [] if key in lists else {} if key in objects else ""
        elif key in lists and not isinstance(value, list):
            raise DataError(f"{label}: {key}: expected a list")
        elif key in objects and not isinstance(value, dict):
            raise DataError(f"{label}: {key}: expected an object with keys")
        elif key in booleans:
            if not isinstance(value, bool):
                raise DataError(f"{label}: {key}: expected true or false")
        elif key not in lists | objects and not isinstance(value, str):
            raise DataError(f"{label}: {key}: expected a string")
        values[key] = value
    return values


def parse_date(value: str, label: str, key: str) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise DataError(f'{label}: {key}: "{value}" is not a date (YYYY-MM-DD)') from None


def describe(error: ValidationError) -> str:
    """A ValidationError as "field: message; field: message" (plain message if no field)."""
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    return "; ".join(
        " ".join(messages) if field == NON_FIELD_ERRORS else f"{field}: {' '.join(messages)}"
        for field, messages in error.message_dict.items()
    )


def check(obj, label: str, exclude=None) -> None:
    """full_clean() obj; any error becomes a DataError that names label and the field."""
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as error:
        raise DataError(f"{label}: {describe(error)}") from None


def stream_value(model, field_name: str, raw: list, label: str):
    """A StreamField value from its JSON form, checked by the stream's own blocks."""
    stream_block = model._meta.get_field(field_name).stream_block
    value = stream_block.to_python(raw)
    try:
        stream_block.clean(value)
    except ValidationError as error:
        details = _flatten(error.as_json_data()) if hasattr(error, "as_json_data") else ""
        raise DataError(f"{label}: {field_name}: {details or describe(error)}") from None
    return value


def _flatten(data, path="") -> str:
    """Wagtail's nested block errors, as "block 2: heading: message"."""
    parts = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "messages":
                parts.append(f"{path}{' '.join(value)}")
            elif key == "blockErrors":
                parts.append(_flatten(value, path))
            else:
                name = f"block {int(key) + 1}" if str(key).isdigit() else key
                parts.append(_flatten(value, f"{path}{name}: "))
    elif isinstance(data, list):
        parts.extend(_flatten(item, path) for item in data)
    else:
        parts.append(f"{path}{data}")
    return "; ".join(p for p in parts if p)


def publish(obj, label: str, live=True) -> None:
    """Save a revision and publish it, as an editor's Publish button does; a draft
    (live false in the file) gets its revision and stays a draft."""
    try:
        revision = obj.save_revision()
        if live is not False:
            revision.publish()
    except ValidationError as error:
        raise DataError(f"{label}: {describe(error)}") from None


class _Loader:
    """One load: what exists (by natural key), what the file adds, and the counts."""

    def __init__(self, data: dict, explainer_parent: Page):
        self.data = data
        self.parent = explainer_parent
        self.created = Counter()
        self.skipped = Counter()
        self.actors = {a.slug: a for a in Actor.objects.all()}
        self.sources = {s.url: s for s in Source.objects.all()}
        self.explainers = {p.slug: p for p in ConflictExplainerPage.objects.all()}
        self.claims = {c.slug: c for c in Claim.objects.all()}

    # Lookups by natural key: in the site already, or loaded earlier from this file.

    def actor(self, slug, label, key):
        if not isinstance(slug, str):
            raise DataError(f"{label}: {key}: expected an actor's slug, found {slug!r}")
        if slug not in self.actors:
            raise DataError(f'{label}: {key}: no actor with the slug "{slug}" in the file or site')
        return self.actors[slug]

    def source(self, url, label, key):
        if not isinstance(url, str):
            raise DataError(f"{label}: {key}: expected a source's URL, found {url!r}")
        if url not in self.sources:
            raise DataError(f'{label}: {key}: no source with the URL "{url}" in the file or site')
        return self.sources[url]

    def rows(self, section: str, kind: str, key: str) -> list[tuple[dict, str]]:
        """The section's rows as (fields, label), refusing a natural key given twice."""
        rows = self.data.get(section) or []
        if not isinstance(rows, list):
            raise DataError(f"{section}: expected a list")
        seen, result = set(), []
        for i, row in enumerate(rows):
            natural_key = row.get(key) if isinstance(row, dict) else None
            label = f'{kind} "{natural_key}"' if natural_key else f"{kind} {i + 1}"
            values = fields(row, kind, label)
            if natural_key in seen:
                raise DataError(f"{label}: {key}: given twice in the file")
            seen.add(natural_key)
            result.append((values, label))
        return result

    def load(self):
        self.load_actors()
        self.load_sources()
        self.load_explainers()
        self.load_claims()

    def load_actors(self):
        new = []
        for row, label in self.rows("actors", "actor", "slug"):
            if row["slug"] in self.actors:
                self.skipped["actors"] += 1
                continue
            if any(not isinstance(alias, str) for alias in row["aliases"]):
                raise DataError(f"{label}: aliases: expected a list of names")
            actor = Actor(
                slug=row["slug"],
                name=row["name"],
                kind=row["kind"],
                description=row["description"],
                bio=row["bio"],
                aliases="\n".join(row["aliases"]),
                wikidata_id=row["wikidata_id"],
                live=False,
            )
            check(actor, label)
            actor.save()
            self.actors[actor.slug] = actor
            new.append((actor, row, label))
        # Affiliations once every actor of the file exists (Russia belongs to the CSTO,
        # which may come later in the file).
        for actor, row, label in new:
            for i, item in enumerate(row["affiliations"]):
                item_label = f"{label} affiliation {i + 1}"
                item = fields(item, "affiliation", item_label)
                affiliation = ActorAffiliation(
                    actor=actor,
                    organisation=self.actor(item["organisation"], item_label, "organisation"),
                    role=item["role"],
                    start_date=parse_date(item["start_date"], item_label, "start_date"),
                    end_date=parse_date(item["end_date"], item_label, "end_date"),
                    sort_order=i,
                )
                check(affiliation, item_label)
                affiliation.save()
        for actor, row, label in new:
            publish(actor, label, live=row["live"])
            self.created["actors"] += 1

    def load_sources(self):
        for row, label in self.rows("sources", "source", "url"):
            if row["url"] in self.sources:
                self.skipped["sources"] += 1
                continue
            source = Source(
                url=row["url"],
                title=row["title"],
                publisher=row["publisher"],
                published_on=parse_date(row["published_on"], label, "published_on"),
                kind=row["kind"],
                archive_url=row["archive_url"],
            )
            check(source, label)
            source.save()
            source.save_revision()  # sources keep revisions too: the first one is this load
            self.sources[source.url] = source
            self.created["sources"] += 1

    def load_explainers(self):
        for row, label in self.rows("explainers", "explainer", "slug"):
            if row["slug"] in self.explainers:
                self.skipped["explainers"] += 1
                continue
            body = []
            for i, section in enumerate(row["body"]):
                section = fields(section, "section", f"{label} body section {i + 1}")
                body.append({"type": "section", "value": section})
            page = ConflictExplainerPage(
                title=row["title"],
                slug=row["slug"],
                summary=row["summary"],
                status=row["status"] or ConflictExplainerPage.Status.ACTIVE,
                region=row["region"],
                body=stream_value(ConflictExplainerPage, "body", body, label),
                last_reviewed=parse_date(row["last_reviewed"], label, "last_reviewed"),
                review_note=row["review_note"],
                live=False,
            )
            for i, item in enumerate(row["parties"]):
                item_label = f"{label} party {i + 1}"
                item = fields(item, "party", item_label)
                party = ConflictParty(
                    actor=self.actor(item["actor"], item_label, "actor"),
                    role=item["role"],
                    sort_order=i,
                )
                check(party, item_label, exclude=["page"])
                page.parties.add(party)
            for i, item in enumerate(row["key_facts"]):
                item_label = f"{label} key fact {i + 1}"
                item = fields(item, "key fact", item_label)
                fact = KeyFact(
                    text=item["text"],
                    source=self.source(item["source"], item_label, "source")
                    if item["source"]
                    else None,
                    sort_order=i,
                )
                check(fact, item_label, exclude=["page"])
                page.key_facts.add(fact)
            for i, item in enumerate(row["timeline_events"]):
                item_label = f"{label} timeline event {i + 1}"
                item = fields(item, "timeline event", item_label)
                event = TimelineEvent(
                    date=parse_date(item["date"], item_label, "date"),
                    date_precision=item["date_precision"] or TimelineEvent.Precision.DAY,
                    title=item["title"],
                    description=item["description"],
                    sort_order=i,
                )
                check(event, item_label, exclude=["page"])
                event.sources.set([self.source(u, item_label, "sources") for u in item["sources"]])
                event.actors.set([self.actor(s, item_label, "actors") for s in item["actors"]])
                page.timeline_events.add(event)
            try:
                # Wagtail's Page.save() runs full_clean(): title, slug among siblings ...
                self.parent.add_child(instance=page)
            except ValidationError as error:
                raise DataError(f"{label}: {describe(error)}") from None
            publish(page, label, live=row["live"])
            self.explainers[page.slug] = page
            self.created["explainers"] += 1

    def load_claims(self):
        new = []
        for row, label in self.rows("claims", "claim", "slug"):
            if row["slug"] in self.claims:
                self.skipped["claims"] += 1
                continue
            conflict = None
            if row["conflict"]:
                conflict = self.explainers.get(row["conflict"])
                if conflict is None:
                    raise DataError(
                        f'{label}: conflict: no explainer with the slug "{row["conflict"]}" '
                        "in the file or site"
                    )
            claim = Claim(
                slug=row["slug"],
                statement=row["statement"],
                quote=row["quote"],
                claimant=self.actor(row["claimant"], label, "claimant"),
                made_on=parse_date(row["made_on"], label, "made_on"),
                conflict=conflict,
                verdict=row["verdict"],
                verdict_explanation=row["verdict_explanation"],
                live=False,
            )
            check(claim, label)
            claim.save()
            for i, item in enumerate(row["sources"]):
                item_label = f"{label} source {i + 1}"
                item = fields(item, "claim source", item_label)
                claim_source = ClaimSource(
                    claim=claim,
                    source=self.source(item["url"], item_label, "url"),
                    shows=item["shows"] or ClaimSource.Shows.REPORTS,
                    quote=item["quote"],
                    sort_order=i,
                )
                check(claim_source, item_label)
                claim_source.save()
            self.claims[claim.slug] = claim
            new.append((claim, row, label))
        # Related claims once every claim of the file exists: they answer each other.
        for claim, row, label in new:
            for i, item in enumerate(row["relations"]):
                item_label = f"{label} relation {i + 1}"
                item = fields(item, "relation", item_label)
                other = self.claims.get(item["other"])
                if other is None:
                    raise DataError(
                        f'{item_label}: other: no claim with the slug "{item["other"]}" '
                        "in the file or site"
                    )
                relation = ClaimRelation(claim=claim, kind=item["kind"], other=other, sort_order=i)
                check(relation, item_label)
                relation.save()
        for claim, row, label in new:
            publish(claim, label, live=row["live"])  # Claim.publish refuses a claim with no source
            self.created["claims"] += 1


def load_conflict_data(data: dict, explainer_parent: Page) -> dict:
    """Load the portable sections of data, explainers under explainer_parent.

    Returns {"created": {"actors": n, ...}, "skipped": {...}} (skipped: already in the site).
    Raises DataError, having changed nothing, if any object is invalid.
    """
    if not isinstance(data, dict):
        raise DataError("the file must hold one JSON object")
    found = data.get("format", FORMAT)
    if found != FORMAT:
        raise DataError(f'format: expected "{FORMAT}", found "{found}"')
    loader = _Loader(data, explainer_parent)
    with transaction.atomic():
        loader.load()
    return {"created": dict(loader.created), "skipped": dict(loader.skipped)}


# Writing the format: the inverse of the loader, for backups and moving data between sites.


def _compact(row: dict) -> dict:
    """row without empty optional values, as a person would write the file."""
    return {key: value for key, value in row.items() if value not in ("", None, [])}


def _iso(value) -> str:
    return value.isoformat() if value else ""


def _current(obj):
    """What to export of obj: its live state; for a draft never published, its latest revision
    (the editor's last save). Pending edits to something live stay in the site's revisions."""
    if getattr(obj, "live", True) or obj.latest_revision is None:
        return obj
    return obj.latest_revision.as_object()


def dump_actor(actor: Actor) -> dict:
    actor = _current(actor)
    row = _compact(
        {
            "slug": actor.slug,
            "name": actor.name,
            "kind": actor.kind,
            "description": actor.description,
            "bio": actor.bio,
            "aliases": actor.alias_list,
            "wikidata_id": actor.wikidata_id,
            "affiliations": [
                _compact(
                    {
                        "organisation": a.organisation.slug,
                        "role": a.role,
                        "start_date": _iso(a.start_date),
                        "end_date": _iso(a.end_date),
                    }
                )
                for a in actor.affiliations.all()
            ],
        }
    )
    return row if actor.live else {**row, "live": False}


def dump_source(source: Source) -> dict:
    return _compact(
        {
            "url": source.url,
            "title": source.title,
            "publisher": source.publisher,
            "published_on": _iso(source.published_on),
            "kind": source.kind,
            "archive_url": source.archive_url,
        }
    )


def dump_explainer(page: ConflictExplainerPage) -> dict:
    if not page.live:
        page = page.get_latest_revision_as_object()
    row = _compact(
        {
            "slug": page.slug,
            "title": page.title,
            "summary": page.summary,
            "status": page.status,
            "region": page.region,
            "last_reviewed": _iso(page.last_reviewed),
            "review_note": page.review_note,
            "body": [
                {"heading": block.value["heading"], "text": block.value["text"].source}
                for block in page.body
            ],
            "parties": [{"actor": p.actor.slug, "role": p.role} for p in page.parties.all()],
            "key_facts": [
                _compact({"text": f.text, "source": f.source.url if f.source else ""})
                for f in page.key_facts.all()
            ],
            "timeline_events": [
                _compact(
                    {
                        "date": _iso(e.date),
                        "date_precision": e.date_precision,
                        "title": e.title,
                        "description": e.description,
                        "sources": sorted(s.url for s in e.sources.all()),
                        "actors": sorted(a.slug for a in e.actors.all()),
                    }
                )
                for e in page.timeline_events.all()
            ],
        }
    )
    return row if page.live else {**row, "live": False}


def dump_claim(claim: Claim) -> dict:
    claim = _current(claim)
    row = _compact(
        {
            "slug": claim.slug,
            "statement": claim.statement,
            "quote": claim.quote,
            "claimant": claim.claimant.slug,
            "made_on": _iso(claim.made_on),
            "conflict": claim.conflict.slug if claim.conflict else "",
            "verdict": claim.verdict,
            "verdict_explanation": claim.verdict_explanation,
            "sources": [
                _compact({"url": cs.source.url, "shows": cs.shows, "quote": cs.quote})
                for cs in claim.claim_sources.all()
            ],
            "relations": [{"kind": r.kind, "other": r.other.slug} for r in claim.relations.all()],
        }
    )
    return row if claim.live else {**row, "live": False}


def dump_conflict_data() -> dict:
    """Every actor, source, explainer and claim of the site, in the portable format, in a
    stable order (by slug or URL) so two exports of the same data are the same file.

    Drafts never published are included from their latest revision, marked "live": false.
    """
    actors = Actor.objects.order_by("slug").prefetch_related("affiliations__organisation")
    explainers = ConflictExplainerPage.objects.order_by("slug").prefetch_related(
        "parties__actor", "key_facts__source", "timeline_events__sources", "timeline_events__actors"
    )
    claims = (
        Claim.objects.order_by("slug")
        .select_related("claimant", "conflict")
        .prefetch_related("claim_sources__source", "relations__other")
    )
    return {
        "format": FORMAT,
        "actors": [dump_actor(a) for a in actors],
        "sources": [dump_source(s) for s in Source.objects.order_by("url")],
        "explainers": [dump_explainer(p) for p in explainers],
        "claims": [dump_claim(c) for c in claims],
    }
