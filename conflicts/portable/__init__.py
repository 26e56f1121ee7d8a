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
                     "key_facts": [{"text", "source": <source reference>}],
                     "timeline_events": [{"date", "date_precision", "title", "description",
                                          "sources": [<reference>], "sources_note",
                                          "actors": [<slug>]}]}],
     "claims":     [{"slug", "statement", "quote", "claimant": <actor slug>, "made_on",
                     "conflict": <explainer slug>, "verdict", "verdict_explanation",
                     "sources": [{"url" or "source": <reference>, "shows", "quote"}],
                     "relations": [{"kind", "other": <claim slug>}]}]}

Actors, explainers and claims may carry "live": false: a draft, loaded as a draft (a
revision, not published). Without it they are published.

Field names are the models' own; dates are ISO strings (YYYY-MM-DD); links between objects
use natural keys (actor, explainer and claim slugs, source URLs), never database ids. A
source whose article address is not known has no "url" and is referred to as
"publisher: title" (its reference: "CIVILNET: Russian peacekeepers leave Karabakh"). Other
top-level keys are left to the host (the demo file keeps its site and articles there).

Loading goes through the models, so every rule the admin enforces applies: each object and
child object is checked with full_clean(), actors and claims are published the Wagtail way
(a revision, then publish, which refuses a claim without a source), and explainers are added
under the given parent page and published. An object whose natural key already exists is
left untouched (not updated, no new revision), so loading a file twice changes nothing. It
all happens in one transaction: a file with one bad object changes nothing, and the
DataError names the object and the field to fix.
"""

from conflicts.portable.dump import dump_conflict_data
from conflicts.portable.load import load_conflict_data
from conflicts.portable.rules import FORMAT, SECTIONS, DataError

__all__ = ["FORMAT", "SECTIONS", "DataError", "dump_conflict_data", "load_conflict_data"]
