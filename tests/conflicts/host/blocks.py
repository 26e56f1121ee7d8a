"""The test host's story body: rich text that may mention actors and claims, and the
plugin's card blocks."""

from wagtail import blocks

from conflicts.blocks import ActorCardBlock, ClaimCardBlock
from conflicts.validators import safe_rich_text_validator


class StoryBodyBlock(blocks.StreamBlock):
    """The body of a test host's story."""

    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "actor-mention", "claim-reference"],
        validators=[safe_rich_text_validator],
    )
    actor_card = ActorCardBlock()
    claim_card = ClaimCardBlock()
