"""StreamField blocks the plugin offers: the explainer's body, and cards a host page can embed."""

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from conflicts.validators import safe_rich_text_validator


class ExplainerSectionBlock(blocks.StructBlock):
    """A titled section of a conflict explainer."""

    heading = blocks.CharBlock(max_length=200)
    text = blocks.RichTextBlock(
        features=["bold", "italic", "link", "actor-mention", "claim-reference", "ol", "ul"],
        validators=[safe_rich_text_validator],
    )

    class Meta:
        icon = "doc-full"
        template = "conflicts/blocks/explainer_section_block.html"


class ExplainerBodyBlock(blocks.StreamBlock):
    """The body of a conflict explainer: a sequence of sections."""

    section = ExplainerSectionBlock()


class ActorCardBlock(blocks.StructBlock):
    """A card for an actor inside a story: name, one-line description, link to the profile."""

    actor = SnippetChooserBlock("conflicts.Actor")

    class Meta:
        icon = "user"
        template = "conflicts/blocks/actor_card_block.html"


class ClaimCardBlock(blocks.StructBlock):
    """A claim inside a story, with its claimant, verdict and link to the claim page."""

    claim = SnippetChooserBlock("conflicts.Claim")

    class Meta:
        icon = "openquote"
        template = "conflicts/blocks/claim_card_block.html"


class PullQuoteBlock(blocks.StructBlock):
    """Words set apart from the text, attributed to the actor who said them."""

    quote = blocks.TextBlock()
    actor = SnippetChooserBlock("conflicts.Actor")

    class Meta:
        icon = "openquote"
        template = "conflicts/blocks/pull_quote_block.html"
