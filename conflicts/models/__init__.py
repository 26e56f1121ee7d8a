"""The conflicts plugin's models, one concept per module."""

from conflicts.models.actors import Actor, ActorAffiliation
from conflicts.models.claims import Claim, ClaimRelation, ClaimSource, Verdict
from conflicts.models.mentions import TextMentionsMixin
from conflicts.models.naming import NamingPolicy, NamingRule
from conflicts.models.pages import (
    ConflictExplainerPage,
    ConflictIndexPage,
    ConflictParty,
    KeyFact,
    TimelineEvent,
)
from conflicts.models.related import (
    ActorLinkBase,
    ClaimLinkBase,
    RelatedContextMixin,
    story_models,
)
from conflicts.models.sources import Source
from conflicts.models.translations import ActorTranslation, ClaimTranslation, SourceTranslation
from conflicts.models.verdicts import VerdictChange
from conflicts.models.workflows import FactCheckTask

__all__ = [
    "Actor",
    "ActorAffiliation",
    "ActorLinkBase",
    "ActorTranslation",
    "Claim",
    "ClaimLinkBase",
    "ClaimRelation",
    "ClaimTranslation",
    "ClaimSource",
    "ConflictExplainerPage",
    "ConflictIndexPage",
    "ConflictParty",
    "FactCheckTask",
    "KeyFact",
    "NamingPolicy",
    "NamingRule",
    "RelatedContextMixin",
    "Source",
    "SourceTranslation",
    "TextMentionsMixin",
    "TimelineEvent",
    "Verdict",
    "VerdictChange",
    "story_models",
]
