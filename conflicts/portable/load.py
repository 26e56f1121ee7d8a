"""Loading the portable format through the models, in one transaction."""

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from conflicts.models import (
    Actor,
    ActorAffiliation,
    Claim,
    ClaimRelation,
    ClaimSource,
    ConflictExplainerPage,
    ConflictParty,
    KeyFact,
    NamingPolicy,
    NamingRule,
    Source,
    TimelineEvent,
)
from conflicts.models.translations import WORDS_MODELS
from conflicts.portable.rules import (
    FORMAT,
    DataError,
    check,
    describe,
    fields,
    parse_date,
    publish,
    stream_value,
)


def source_reference(row: dict):
    """A source row's natural key: its URL, or "publisher: title" when it has none."""
    if row.get("url"):
        return row["url"]
    if row.get("publisher") and row.get("title"):
        return f"{row['publisher']}: {row['title']}"
    return None


class _Loader:
    """One load: what exists (by natural key), what the file adds, and the counts."""

    def __init__(self, data: dict, explainer_parent: Page):
        self.data = data
        self.parent = explainer_parent
        self.created = Counter()
        self.skipped = Counter()
        self.actors = {a.slug: a for a in Actor.objects.all()}
        self.sources = {s.reference: s for s in Source.objects.all()}
        self.explainers = {p.slug: p for p in ConflictExplainerPage.objects.all()}
        self.claims = {c.slug: c for c in Claim.objects.all()}

    # Lookups by natural key: in the site already, or loaded earlier from this file.

    def actor(self, slug, label, key):
        where = {"label": label, "field": key, "value": slug}
        if not isinstance(slug, str):
            raise DataError(
                _("%(label)s: %(field)s: expected an actor's slug, found %(value)r") % where
            )
        if slug not in self.actors:
            raise DataError(
                _('%(label)s: %(field)s: no actor with the slug "%(value)s" in the file or site')
                % where
            )
        return self.actors[slug]

    def source(self, reference, label, key):
        """A source by its reference: its URL, or "publisher: title" for one without a URL."""
        where = {"label": label, "field": key, "value": reference}
        if not isinstance(reference, str):
            raise DataError(
                _("%(label)s: %(field)s: expected a source's URL, found %(value)r") % where
            )
        if reference not in self.sources:
            raise DataError(
                _(
                    "%(label)s: %(field)s: no source with the URL (or, without one, the "
                    '"publisher: title") "%(value)s" in the file or site'
                )
                % where
            )
        return self.sources[reference]

    def rows(self, section: str, kind: str, key: str, natural=None) -> list[tuple[dict, str]]:
        """The section's rows as (fields, label), refusing a natural key given twice
        (row[key], or natural(row) when the key is made of several fields)."""
        rows = self.data.get(section) or []
        if not isinstance(rows, list):
            raise DataError(_("%(section)s: expected a list") % {"section": section})
        seen, result = set(), []
        for i, row in enumerate(rows):
            natural_key = None
            if isinstance(row, dict):
                natural_key = natural(row) if natural else row.get(key)
            label = f'{kind} "{natural_key}"' if natural_key else f"{kind} {i + 1}"
            values = fields(row, kind, label)
            if natural_key in seen:
                raise DataError(
                    _("%(label)s: %(field)s: given twice in the file")
                    % {"label": label, "field": key}
                )
            seen.add(natural_key)
            result.append((values, label))
        return result

    def load(self):
        self.load_actors()
        self.load_sources()
        self.load_explainers()
        self.load_claims()
        self.load_translations()
        self.load_naming_policies()

    # Words in other languages, and naming policies.

    def locale(self, code, label, key):
        if not hasattr(self, "_locales"):
            self._locales = {locale.language_code: locale for locale in Locale.objects.all()}
        if code not in self._locales:
            known = ", ".join(sorted(self._locales))
            raise DataError(
                _('%(label)s: %(field)s: no language "%(value)s" on this site (it has: %(known)s)')
                % {"label": label, "field": key, "value": code, "known": known}
            )
        return self._locales[code]

    def add_words(self, obj, kind: str, words: dict, label: str) -> int:
        """obj's words in the languages of words ({"ru": {...}}) it has none in yet: saved
        as its child rows (a revision of obj then keeps them). How many were added."""
        model = WORDS_MODELS[kind]
        have = set(model.objects.filter(**{kind: obj}).values_list("locale_id", flat=True))
        added = 0
        for code, values in sorted(words.items()):
            item_label = f"{label} translations {code}"
            locale = self.locale(code, f"{label} translations", code)
            if locale.pk in have:
                continue
            values = fields(values, f"{kind} words", item_label)
            if "aliases" in values:  # a list in the file, one per line in the row
                values["aliases"] = "\n".join(values["aliases"])
            row = model(**{kind: obj, "locale": locale, **values})
            check(row, item_label)
            row.save()
            added += 1
        return added

    def load_translations(self):
        """Words for objects already in the site or the file, by natural key."""
        section = self.data.get("translations")
        if not section:
            return
        section = fields(section, "translations", "translations")
        finders = {"actors": ("actor", self.actors), "claims": ("claim", self.claims)}
        finders["sources"] = ("source", self.sources)
        for name, (kind, known) in finders.items():
            for key, words in sorted(section[name].items()):
                label = f'translations {kind} "{key}"'
                if key not in known:
                    raise DataError(
                        _("%(label)s: no %(kind)s with this key in the file or site")
                        % {"label": label, "kind": kind}
                    )
                if not isinstance(words, dict):
                    raise DataError(_("%(label)s: expected an object with keys") % {"label": label})
                obj = known[key]
                added = self.add_words(obj, kind, words, label)
                if not added:
                    self.skipped["translations"] += 1
                    continue
                self.created["translations"] += added
                if kind == "source":
                    obj.save_revision()
                else:
                    publish(obj, label, live=obj.live)

    def load_naming_policies(self):
        existing = set(NamingPolicy.objects.values_list("subject", flat=True))
        for row, label in self.rows("naming_policies", "naming policy", "subject"):
            if row["subject"] in existing:
                self.skipped["naming policies"] += 1
                continue
            policy = NamingPolicy(
                subject=row["subject"],
                note=row["note"],
                actor=self.actor(row["actor"], label, "actor") if row["actor"] else None,
            )
            check(policy, label)
            policy.save()
            explainers = []
            for slug in row["explainers"]:
                if slug not in self.explainers:
                    raise DataError(
                        _(
                            '%(label)s: %(field)s: no explainer with the slug "%(value)s" '
                            "in the file or site"
                        )
                        % {"label": label, "field": "explainers", "value": slug}
                    )
                explainers.append(self.explainers[slug])
            policy.explainers.set(explainers)
            for i, item in enumerate(row["rules"]):
                item_label = f"{label} rule {i + 1}"
                item = fields(item, "naming rule", item_label)
                rule = NamingRule(
                    policy=policy,
                    locale=self.locale(item["language"], item_label, "language"),
                    preferred_name=item["preferred_name"],
                    first_mention=item["first_mention"],
                    alternate_names="\n".join(item["alternate_names"]),
                    sort_order=i,
                )
                check(rule, item_label)
                rule.save()
            policy.save()  # the explainers set above, kept on the saved policy
            policy.save_revision()
            self.created["naming policies"] += 1

    def load_actors(self):
        new = []
        for row, label in self.rows("actors", "actor", "slug"):
            if row["slug"] in self.actors:
                self.skipped["actors"] += 1
                continue
            if any(not isinstance(alias, str) for alias in row["aliases"]):
                raise DataError(
                    _("%(label)s: %(field)s: expected a list of names")
                    % {"label": label, "field": "aliases"}
                )
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
            self.add_words(actor, "actor", row["translations"], label)
            publish(actor, label, live=row["live"])
            self.created["actors"] += 1

    def load_sources(self):
        for row, label in self.rows("sources", "source", "url", natural=source_reference):
            if source_reference(row) in self.sources:
                self.skipped["sources"] += 1
                continue
            source = Source(
                url=row["url"] or None,  # no address recorded: NULL (the column is unique)
                title=row["title"],
                publisher=row["publisher"],
                published_on=parse_date(row["published_on"], label, "published_on"),
                kind=row["kind"],
                archive_url=row["archive_url"],
            )
            check(source, label)
            source.save()
            self.add_words(source, "source", row["translations"], label)
            source.save_revision()  # sources keep revisions too: the first one is this load
            self.sources[source.reference] = source
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
                    sources_note=item["sources_note"],
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
                        _(
                            '%(label)s: %(field)s: no explainer with the slug "%(value)s" '
                            "in the file or site"
                        )
                        % {"label": label, "field": "conflict", "value": row["conflict"]}
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
                if bool(item["url"]) == bool(item["source"]):
                    raise DataError(
                        _(
                            '%(label)s: name the source by its "url", or by "source" '
                            '("publisher: title") when it has no URL: one of the two'
                        )
                        % {"label": item_label}
                    )
                key = "url" if item["url"] else "source"
                claim_source = ClaimSource(
                    claim=claim,
                    source=self.source(item[key], item_label, key),
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
                        _(
                            '%(label)s: %(field)s: no claim with the slug "%(value)s" '
                            "in the file or site"
                        )
                        % {"label": item_label, "field": "other", "value": item["other"]}
                    )
                relation = ClaimRelation(claim=claim, kind=item["kind"], other=other, sort_order=i)
                check(relation, item_label)
                relation.save()
        for claim, row, label in new:
            self.add_words(claim, "claim", row["translations"], label)
            publish(claim, label, live=row["live"])  # Claim.publish refuses a claim with no source
            self.created["claims"] += 1


def load_conflict_data(data: dict, explainer_parent: Page) -> dict:
    """Load the portable sections of data, explainers under explainer_parent.

    Returns {"created": {"actors": n, ...}, "skipped": {...}} (skipped: already in the site).
    Raises DataError, having changed nothing, if any object is invalid.
    """
    if not isinstance(data, dict):
        raise DataError(_("the file must hold one JSON object"))
    found = data.get("format", FORMAT)
    if found != FORMAT:
        raise DataError(
            _('%(field)s: expected "%(expected)s", found "%(found)s"')
            % {"field": "format", "expected": FORMAT, "found": found}
        )
    loader = _Loader(data, explainer_parent)
    with transaction.atomic():
        loader.load()
    return {"created": dict(loader.created), "skipped": dict(loader.skipped)}


# Writing the format: the inverse of the loader, for backups and moving data between sites.
