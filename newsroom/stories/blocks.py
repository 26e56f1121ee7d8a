"""The article body: StoryBlock and the blocks it is made of."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from conflicts.blocks import ActorCardBlock, ClaimCardBlock, PullQuoteBlock
from conflicts.validators import safe_rich_text_validator


class ImageBlock(blocks.StructBlock):
    """A picture in the story, with its caption and credit."""

    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False, max_length=500)
    credit = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        icon = "image"
        template = "newsroom/blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation set apart from the text, with who said it."""

    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        icon = "openquote"
        template = "newsroom/blocks/quote_block.html"


class StoryBlock(blocks.StreamBlock):
    """The body of an article."""

    heading = blocks.CharBlock(
        form_classname="title", icon="title", template="newsroom/blocks/heading_block.html"
    )
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "actor-mention", "claim-reference", "ol", "ul", "h3"],
        icon="pilcrow",
        validators=[safe_rich_text_validator],
    )
    image = ImageBlock()
    quote = QuoteBlock()
    pull_quote = PullQuoteBlock()
    actor_card = ActorCardBlock()
    claim_card = ClaimCardBlock()
