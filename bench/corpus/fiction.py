"""The corpus's fictional words and dates ("Actor 12", "Region 3"): the same for a seed."""

import datetime
import random

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


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def when(rng: random.Random, days: int = 5 * 365) -> datetime.datetime:
    """A moment in the years before BASE_DATE."""
    return BASE_DATE - datetime.timedelta(seconds=rng.randrange(days * 86400))
