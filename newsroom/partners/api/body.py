"""An article's body for partners: structured blocks and clean HTML, public parts only.

Rich text is expanded from Wagtail's internal format (expand_db_html); an actor card,
claim card or pull-quote attribution whose actor or claim is not published is left out,
as on the site.
"""

from django.utils.html import escape, format_html
from drf_spectacular.utils import PolymorphicProxySerializer, inline_serializer
from rest_framework import serializers

from conflicts.api.serializers import ActorBriefSerializer, ClaimBriefSerializer, absolute


def image_data(image, request) -> dict | None:
    if image is None:
        return None
    return {
        "url": absolute(request, image.file.url),
        "width": image.width,
        "height": image.height,
        "alt": image.default_alt_text or image.title,
    }


def _figure(image: dict | None, caption: str, credit: str) -> str:
    if image is None:
        return ""
    img = format_html(
        '<img src="{}" alt="{}" width="{}" height="{}">',
        image["url"],
        image["alt"],
        image["width"],
        image["height"],
    )
    text = " ".join(escape(part) for part in (caption, credit) if part)
    return (
        f"<figure>{img}<figcaption>{text}</figcaption></figure>"
        if text
        else f"<figure>{img}</figure>"
    )


def _public_actor(actor):
    return actor if actor is not None and actor.live else None


def story_block(block, request) -> dict | None:
    """One block as {"type", "id", "value", "html"}, or None when nothing in it is public."""
    kind, value = block.block_type, block.value
    context = {"request": request}
    if kind == "heading":
        data, html = {"text": value}, format_html("<h2>{}</h2>", value)
    elif kind == "paragraph":
        html = value.__html__()  # RichText renders through expand_db_html
        data = {"html": html}
    elif kind == "image":
        image = image_data(value["image"], request)
        data = {"image": image, "caption": value["caption"], "credit": value["credit"]}
        html = _figure(image, value["caption"], value["credit"])
    elif kind == "quote":
        data = {"quote": value["quote"], "attribution": value["attribution"]}
        who = value["attribution"]
        footer = format_html("<footer>{}</footer>", who) if who else ""
        html = format_html("<blockquote><p>{}</p>{}</blockquote>", value["quote"], footer)
    elif kind == "pull_quote":
        actor = _public_actor(value["actor"])
        data = {
            "quote": value["quote"],
            "actor": ActorBriefSerializer(actor, context=context).data if actor else None,
        }
        cite = format_html("<footer>{}</footer>", actor.name) if actor else ""
        html = format_html("<blockquote><p>{}</p>{}</blockquote>", value["quote"], cite)
    elif kind == "actor_card":
        actor = _public_actor(value["actor"])
        if actor is None:
            return None
        data = {"actor": ActorBriefSerializer(actor, context=context).data}
        html = format_html(
            '<aside><p><a href="{}">{}</a></p><p>{}</p></aside>',
            data["actor"]["url"],
            actor.name,
            actor.description,
        )
    elif kind == "claim_card":
        claim = value["claim"]
        if claim is None or not claim.live or not claim.claimant.live:
            return None
        data = {
            "claim": ClaimBriefSerializer(claim, context=context).data,
            "claimant": ActorBriefSerializer(claim.claimant, context=context).data,
            "verdict": claim.verdict,
            "verdict_label": claim.get_verdict_display(),
        }
        html = format_html(
            '<aside><p><a href="{}">{}</a></p><p>Claimed by {}. Verdict: {}</p></aside>',
            data["claim"]["url"],
            claim.statement,
            claim.claimant.name,
            data["verdict_label"] or "not checked yet",
        )
    else:  # a block type added later: say what it is, show nothing we have not checked
        return None
    return {"type": kind, "id": block.id, "value": data, "html": str(html)}


def story_body(page, request) -> list[dict]:
    return [b for b in (story_block(block, request) for block in page.body) if b is not None]


# --- The body's shape, for the OpenAPI schema: one kind of value per block type ---


class ImageDataSerializer(serializers.Serializer):
    url = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    alt = serializers.CharField()


def _block(name: str, kind: str, value_fields: dict, doc: str) -> type[serializers.Serializer]:
    value = inline_serializer(f"{name}Value", value_fields)
    return type(
        f"{name}Serializer",
        (serializers.Serializer,),
        {
            "__doc__": doc,
            "type": serializers.ChoiceField(choices=[kind]),
            "id": serializers.CharField(allow_null=True, help_text="Stable across edits."),
            "value": value,
            "html": serializers.CharField(help_text="The block as clean HTML."),
        },
    )


_text = serializers.CharField
BLOCK_SERIALIZERS = {
    "heading": _block("HeadingBlock", "heading", {"text": _text()}, "A subheading."),
    "paragraph": _block("ParagraphBlock", "paragraph", {"html": _text()}, "Rich text."),
    "image": _block(
        "ImageBlock",
        "image",
        {
            "image": ImageDataSerializer(allow_null=True),
            "caption": _text(),
            "credit": _text(),
        },
        "An image with caption and credit.",
    ),
    "quote": _block(
        "QuoteBlock", "quote", {"quote": _text(), "attribution": _text()}, "A quotation."
    ),
    "pull_quote": _block(
        "PullQuoteBlock",
        "pull_quote",
        {"quote": _text(), "actor": ActorBriefSerializer(allow_null=True)},
        "A quotation by an actor (null when the actor is not published).",
    ),
    "actor_card": _block(
        "ActorCardBlock", "actor_card", {"actor": ActorBriefSerializer()}, "An actor's card."
    ),
    "claim_card": _block(
        "ClaimCardBlock",
        "claim_card",
        {
            "claim": ClaimBriefSerializer(),
            "claimant": ActorBriefSerializer(),
            "verdict": _text(),
            "verdict_label": _text(),
        },
        "A claim's card, with its claimant and verdict.",
    ),
}
BODY_BLOCK = PolymorphicProxySerializer(
    component_name="BodyBlock",
    serializers=BLOCK_SERIALIZERS,
    resource_type_field_name="type",
    many=True,
)
