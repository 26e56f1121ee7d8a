"""Writing the live conflict data out in the portable format (conflicts_export)."""

from conflicts.models import (
    Actor,
    Claim,
    ConflictExplainerPage,
    NamingPolicy,
    Source,
)
from conflicts.portable.rules import FORMAT


def _compact(row: dict) -> dict:
    """row without empty optional values, as a person would write the file."""
    return {key: value for key, value in row.items() if value not in ("", None, [], {})}


def _iso(value) -> str:
    return value.isoformat() if value else ""


def _current(obj):
    """What to export of obj: its live state; for a draft never published, its latest revision
    (the editor's last save). Pending edits to something live stay in the site's revisions."""
    if getattr(obj, "live", True) or obj.latest_revision is None:
        return obj
    return obj.latest_revision.as_object()


def dump_words(obj) -> dict:
    """{"ru": {"name": ..., ...}}: obj's words in the other languages, by language code."""
    words = {}
    for row in obj.translations.all():
        values = {name: getattr(row, name) for name in row.word_fields}
        if "aliases" in values:
            values["aliases"] = [a.strip() for a in values["aliases"].splitlines() if a.strip()]
        words[row.locale.language_code] = _compact(values)
    return dict(sorted(words.items()))


def dump_naming_policy(policy: NamingPolicy) -> dict:
    return _compact(
        {
            "subject": policy.subject,
            "explainers": sorted(page.slug for page in policy.explainers.all()),
            "actor": policy.actor.slug if policy.actor else "",
            "note": policy.note,
            "rules": [
                _compact(
                    {
                        "language": rule.locale.language_code,
                        "preferred_name": rule.preferred_name,
                        "first_mention": rule.first_mention,
                        "alternate_names": rule.alternate_name_list,
                    }
                )
                for rule in policy.rules.all()
            ],
        }
    )


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
            "translations": dump_words(actor),
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
            "translations": dump_words(source),
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
                _compact({"text": f.text, "source": f.source.reference if f.source else ""})
                for f in page.key_facts.all()
            ],
            "timeline_events": [
                _compact(
                    {
                        "date": _iso(e.date),
                        "date_precision": e.date_precision,
                        "title": e.title,
                        "description": e.description,
                        "sources": sorted(s.reference for s in e.sources.all()),
                        "sources_note": e.sources_note,
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
                _compact(
                    {
                        "url": cs.source.url,
                        "source": "" if cs.source.url else cs.source.reference,
                        "shows": cs.shows,
                        "quote": cs.quote,
                    }
                )
                for cs in claim.claim_sources.all()
            ],
            "relations": [{"kind": r.kind, "other": r.other.slug} for r in claim.relations.all()],
            "translations": dump_words(claim),
        }
    )
    return row if claim.live else {**row, "live": False}


def dump_conflict_data() -> dict:
    """Every actor, source, explainer and claim of the site, in the portable format, in a
    stable order (by slug, or a source's reference: its URL or "publisher: title") so two
    exports of the same data are the same file.

    Drafts never published are included from their latest revision, marked "live": false.
    """
    words = "translations__locale"
    actors = Actor.objects.order_by("slug").prefetch_related("affiliations__organisation", words)
    explainers = ConflictExplainerPage.objects.order_by("slug").prefetch_related(
        "parties__actor", "key_facts__source", "timeline_events__sources", "timeline_events__actors"
    )
    claims = (
        Claim.objects.order_by("slug")
        .select_related("claimant", "conflict")
        .prefetch_related("claim_sources__source", "relations__other", words)
    )
    policies = NamingPolicy.objects.prefetch_related("explainers", "rules__locale").select_related(
        "actor"
    )
    return {
        "format": FORMAT,
        "actors": [dump_actor(a) for a in actors],
        "sources": [
            dump_source(s)
            for s in sorted(Source.objects.prefetch_related(words), key=lambda s: s.reference)
        ],
        "explainers": [dump_explainer(p) for p in explainers],
        "claims": [dump_claim(c) for c in claims],
        "naming_policies": [dump_naming_policy(p) for p in policies],
    }
