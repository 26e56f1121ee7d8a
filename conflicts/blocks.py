"""StreamField blocks the plugin offers: the explainer's body, and cards a host page can embed."""

from wagtail import blocks


class ExplainerSectionBlock(blocks.StructBlock):
    """A titled section of a conflict explainer."""

    heading = blocks.CharBlock(max_length=200)
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "doc-full"
        template = "conflicts/blocks/explainer_section_block.html"


class ExplainerBodyBlock(blocks.StreamBlock):
    """The body of a conflict explainer: a sequence of sections."""

    section = ExplainerSectionBlock()
