"""Applying naming policies (conflicts/models/naming.py) to what the plugin shows.

One document (a sidebar, a card, a JSON-LD block, an API card) is read in order by one
Namer: the first mention of any of a subject's names (preferred, alternate or the
first-mention form itself) becomes the first-mention form, "Stepanakert (Khankendi)", every
later one the preferred name, "Stepanakert". Names match whole words, as written (case
counts); a name inside a longer word (an inflected Russian or Armenian form such as
"Степанакерте") is left alone. Verbatim quotes and sources' titles are never renamed: they
are someone else's words.

Which policies: those of the document's conflict (its explainer, in any of the explainer's
translations) and those linked to no conflict (site-wide), in the document's language.
"""

import re
from dataclasses import dataclass, field

from wagtail.models import Locale


@dataclass(frozen=True)
class NameRule:
    """One subject's names in one language, as the Namer applies them."""

    policy_id: int
    preferred: str
    first_mention: str
    names: tuple[str, ...]  # every form that counts as a mention


def name_rule(policy_id, preferred, first_mention, alternates) -> NameRule:
    preferred = preferred.strip()
    first = first_mention.strip() or preferred
    others = [name.strip() for name in alternates.splitlines()]
    names = {preferred, first, *others} - {""}
    return NameRule(policy_id, preferred, first, tuple(sorted(names)))


class Namer:
    """Renames the mentions in a document's texts, one text after another: the first
    mention of each subject in the whole document gets its first-mention form."""

    def __init__(self, rules=()):
        self.by_name = {}
        for rule in rules:
            for name in rule.names:
                self.by_name.setdefault(name, rule)
        self.seen: set[int] = set()
        names = sorted(self.by_name, key=len, reverse=True)  # "Stepanakert (Khankendi)" first
        alternatives = "|".join(re.escape(name) for name in names)
        self.pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if names else None

    def __call__(self, text: str) -> str:
        if not text or self.pattern is None:
            return text
        return self.pattern.sub(self._replace, text)

    def _replace(self, match) -> str:
        rule = self.by_name[match.group(0)]
        if rule.policy_id in self.seen:
            return rule.preferred
        self.seen.add(rule.policy_id)
        return rule.first_mention


RULE_COLUMNS = (
    *("pk", "language_code", "naming_rules__pk", "naming_rules__policy_id"),
    *("naming_rules__preferred_name", "naming_rules__first_mention"),
    *("naming_rules__alternate_names", "naming_rules__policy__explainers__translation_key"),
)


@dataclass
class LanguageRules:
    """A language's code and its naming rules, each with the conflicts it is limited to
    (their explainers' translation keys; none: site-wide)."""

    code: str
    rules: dict = field(default_factory=dict)  # {rule id: (NameRule, set of keys)}

    def namer(self, explainer_key=None) -> "Namer":
        """A Namer for one document on the conflict (an explainer's translation key) or on
        none: the site-wide rules and that conflict's."""
        return Namer(
            rule
            for rule, keys in self.rules.values()
            if not keys or (explainer_key is not None and explainer_key in keys)
        )


def languages_with_rules(locale_ids) -> dict:
    """{locale id: LanguageRules} for the locales, in one query: their language codes and
    their naming rules with the policies' conflicts (a sidebar reads both at once)."""
    found = {}
    ordered = Locale.objects.filter(pk__in=set(locale_ids)).order_by(
        "pk", "naming_rules__policy__subject", "naming_rules__pk"
    )
    for pk, code, rule_pk, policy_id, preferred, first, others, key in ordered.values_list(
        *RULE_COLUMNS
    ):
        language = found.setdefault(pk, LanguageRules(code))
        if rule_pk is None:
            continue
        rule, keys = language.rules.setdefault(
            rule_pk, (name_rule(policy_id, preferred, first, others), set())
        )
        if key is not None:
            keys.add(key)
    return found


def namer_for(locale_id, explainer_key=None) -> Namer:
    """A Namer for one document in one language, on one conflict (or none): one query."""
    language = languages_with_rules([locale_id]).get(locale_id)
    return language.namer(explainer_key) if language else Namer()
