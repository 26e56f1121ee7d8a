"""Actor mentions and claim references inside rich text, stored by id so they survive renames.

Stored as `<a linktype="actor" id="12">the Kremlin</a>` (and `linktype="claim"`); rendered
on the site as a link to the actor's or claim's page while it is live, as plain text
otherwise; counted by Wagtail's reference index through `extract_references`; edited in
Draftail as an entity carrying the name. Finding and fetching mentions is in
conflicts/models/mentions.py.
"""

from django.utils.html import escape
from draftjs_exporter.dom import DOM
from wagtail.admin.rich_text.converters.html_to_contentstate import LinkElementHandler
from wagtail.rich_text import LinkHandler

from conflicts.models.mentions import MENTION_TYPES, live_mentions


class MentionLinkHandler(LinkHandler):
    """Renders a stored mention as a link to the public page of what it names."""

    kind = ""

    @classmethod
    def get_model(cls):
        return MENTION_TYPES[cls.kind]

    @classmethod
    def expand_db_attributes(cls, attrs: dict) -> str:
        return cls.expand_db_attributes_many([attrs])[0]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        ids = [int(a["id"]) for a in attrs_list if str(a.get("id", "")).isdigit()]
        found = live_mentions(cls.kind, ids)
        tags = []
        for attrs in attrs_list:
            obj = found.get(int(attrs["id"])) if str(attrs.get("id", "")).isdigit() else None
            if obj is None:
                tags.append("<a>")  # not live, or gone: the words stay, the link does not
                continue
            url = obj.get_absolute_url()
            tags.append(
                f'<a href="{escape(url)}" class="mention" data-mention="{cls.kind}" '
                f'data-card-url="{escape(url)}card/">'
            )
        return tags

    @classmethod
    def extract_references(cls, attrs):
        yield cls.get_model(), attrs["id"], "", ""


class ActorLinkHandler(MentionLinkHandler):
    identifier = "actor"
    kind = "actor"


class ClaimLinkHandler(MentionLinkHandler):
    identifier = "claim"
    kind = "claim"


class MentionElementHandler(LinkElementHandler):
    """Turns a stored mention into a Draftail entity carrying the name the editor sees."""

    def __init__(self, entity_type: str, kind: str):
        super().__init__(entity_type)
        self.kind = kind

    def get_attribute_data(self, attrs):
        try:
            pk = int(attrs["id"])
        except (KeyError, ValueError):
            return {}
        obj = MENTION_TYPES[self.kind].objects.filter(pk=pk).first()
        if obj is None:
            return {"id": pk, "label": ""}
        return {"id": pk, "label": str(obj), "editUrl": ""}


def mention_entity(kind: str):
    """Draftail entity → stored HTML: only the id is kept, never the name."""

    def decorator(props):
        return DOM.create_element("a", {"linktype": kind, "id": props.get("id")}, props["children"])

    return decorator


def conversion_rule(kind: str, entity_type: str) -> dict:
    return {
        "from_database_format": {
            f'a[linktype="{kind}"]': MentionElementHandler(entity_type, kind),
        },
        "to_database_format": {"entity_decorators": {entity_type: mention_entity(kind)}},
    }
