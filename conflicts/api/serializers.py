"""How actors, claims, sources and explainers look to partners: only public parts, full URLs."""

from django.utils.functional import cached_property
from django.utils.html import escape
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail.models import Site
from wagtail.rich_text import expand_db_html

from conflicts.models import Actor, Claim, ConflictExplainerPage, Source

UPDATED_AT = (
    "When it, or something its detail shows (a claim's claimant, an actor's organisations, an "
    "explainer's parties), last went live."
)


def absolute(request, path: str) -> str:
    """A site path as a full URL on the site's canonical host (as page URLs are)."""
    if request is None or not path or not path.startswith("/"):
        return path
    site = Site.find_for_request(request)  # cached on the request after the first call
    root = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    return root + path


class SourceSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")

    class Meta:
        model = Source
        fields = [
            "id",
            "title",
            "publisher",
            "url",
            "archive_url",
            "published_on",
            "kind",
            "kind_label",
        ]


class SourceDetailSerializer(SourceSerializer):
    updated_at = serializers.DateTimeField(
        help_text="When the source was last saved (its latest revision)."
    )

    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "updated_at"]


class ActorBriefSerializer(serializers.ModelSerializer):
    """An actor as other objects name it."""

    url = serializers.SerializerMethodField(help_text="The actor's public profile.")
    kind_label = serializers.CharField(source="get_kind_display")

    class Meta:
        model = Actor
        fields = ["id", "slug", "name", "kind", "kind_label", "description", "wikidata_id", "url"]

    def get_url(self, actor) -> str:
        return absolute(self.context.get("request"), actor.get_absolute_url())


class AffiliationSerializer(serializers.Serializer):
    organisation = ActorBriefSerializer()
    role = serializers.CharField()
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)


class ActorSerializer(ActorBriefSerializer):
    bio_html = serializers.SerializerMethodField(help_text="The bio as clean HTML.")
    aliases = serializers.ListField(source="alias_list", child=serializers.CharField())
    wikidata_uri = serializers.CharField(source="wikidata_url")
    affiliations = AffiliationSerializer(many=True, help_text="Only published organisations.")
    updated_at = serializers.DateTimeField(help_text=UPDATED_AT)

    class Meta(ActorBriefSerializer.Meta):
        fields = [
            *ActorBriefSerializer.Meta.fields,
            "wikidata_uri",
            "aliases",
            "bio_html",
            "affiliations",
            "first_published_at",
            "updated_at",
        ]

    def get_bio_html(self, actor) -> str:
        return expand_db_html(actor.bio)


class ExplainerBriefSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The explainer's public page.")

    class Meta:
        model = ConflictExplainerPage
        fields = ["id", "slug", "title", "url"]

    def get_url(self, page) -> str:
        return page.get_full_url(self.context.get("request")) or ""


class ClaimSourceSerializer(serializers.Serializer):
    source = SourceSerializer()
    shows = serializers.CharField(help_text="supports, disputes or reports the claim.")
    shows_label = serializers.CharField(source="get_shows_display")
    quote = serializers.CharField(help_text="The passage that shows it, or where to find it.")


class ClaimBriefSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The claim's public page.")

    class Meta:
        model = Claim
        fields = ["id", "slug", "statement", "url"]

    def get_url(self, claim) -> str:
        return absolute(self.context.get("request"), claim.get_absolute_url())


class ClaimRelationSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="disputes, responds_to or confirms.")
    kind_label = serializers.CharField(source="get_kind_display")
    claim = ClaimBriefSerializer(source="other")


class ClaimSerializer(ClaimBriefSerializer):
    claimant = ActorBriefSerializer()
    conflict = ExplainerBriefSerializer(
        allow_null=True, help_text="The conflict, when its explainer is public."
    )
    verdict_label = serializers.CharField(source="get_verdict_display")
    sources = ClaimSourceSerializer(source="claim_sources", many=True)
    related_claims = ClaimRelationSerializer(source="relations", many=True)
    updated_at = serializers.DateTimeField(help_text=UPDATED_AT)

    class Meta(ClaimBriefSerializer.Meta):
        fields = [
            *ClaimBriefSerializer.Meta.fields,
            "quote",
            "made_on",
            "claimant",
            "conflict",
            "verdict",
            "verdict_label",
            "verdict_explanation",
            "sources",
            "related_claims",
            "first_published_at",
            "updated_at",
        ]


class PartySerializer(serializers.Serializer):
    actor = ActorBriefSerializer()
    role = serializers.CharField()


class KeyFactSerializer(serializers.Serializer):
    text = serializers.CharField()
    source = SourceSerializer(allow_null=True)


class TimelineEventSerializer(serializers.Serializer):
    date = serializers.DateField(help_text="For a month or a year, a day in it.")
    date_precision = serializers.CharField(help_text="day, month or year.")
    display_date = serializers.CharField(help_text="The date as precise as the record.")
    title = serializers.CharField()
    description = serializers.CharField()
    sources = SourceSerializer(many=True)
    sources_note = serializers.CharField(help_text="What the sources show of the event.")
    actors = ActorBriefSerializer(many=True, help_text="Only published actors.")


class ExplainerSectionSerializer(serializers.Serializer):
    type = serializers.CharField()
    heading = serializers.CharField()
    text_html = serializers.CharField()


class ExplainerSerializer(ExplainerBriefSerializer):
    status_label = serializers.CharField(source="get_status_display")
    parties = PartySerializer(many=True, help_text="Only published actors.")
    key_facts = KeyFactSerializer(many=True)
    body = serializers.SerializerMethodField()
    body_html = serializers.SerializerMethodField(help_text="The body as clean HTML.")
    timeline = TimelineEventSerializer(source="timeline_events", many=True)
    updated_at = serializers.DateTimeField(help_text=UPDATED_AT)

    class Meta(ExplainerBriefSerializer.Meta):
        fields = [
            *ExplainerBriefSerializer.Meta.fields,
            "summary",
            "status",
            "status_label",
            "region",
            "parties",
            "key_facts",
            "body",
            "body_html",
            "timeline",
            "last_reviewed",
            "review_note",
            "first_published_at",
            "updated_at",
        ]

    @extend_schema_field(ExplainerSectionSerializer(many=True))
    def get_body(self, page):
        return [
            {
                "type": block.block_type,
                "heading": block.value["heading"],
                "text_html": expand_db_html(block.value["text"].source),
            }
            for block in page.body
        ]

    def get_body_html(self, page) -> str:
        parts = []
        for section in self.get_body(page):
            heading = escape(section["heading"])
            parts.append(f"<section><h2>{heading}</h2>{section['text_html']}</section>")
        return "\n".join(parts)


class SitePathField(serializers.CharField):
    """A path on this site, given to partners as a full URL; a full URL is left as it is."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return absolute(self.context.get("request"), value)


LANG_HELP = (
    "The language of these words (a language code): the story's, or the default language's "
    "when they are not yet translated."
)


class CardSerializer(serializers.Serializer):
    """A read-only serializer of a sidebar card (conflicts/sidebar/cards.py): its attributes.

    Gives what DRF's Serializer gives, without its per-field lookup machinery (dotted
    sources, callables, errors), which cost a third of a list of 50 stories with context
    (~17,000 card fields). tests/api/test_card_serializers.py holds the two equal.
    """

    @cached_property
    def _card_fields(self) -> list:
        return [(field.field_name, field) for field in self._readable_fields]

    def to_representation(self, instance):
        out = {}
        for name, field in self._card_fields:
            value = getattr(instance, name)
            out[name] = None if value is None else field.to_representation(value)
        return out


class ExplainerCardSerializer(CardSerializer):
    id = serializers.IntegerField(help_text="The explainer's id in /api/v1/explainers/.")
    slug = serializers.CharField()
    title = serializers.CharField()
    url = SitePathField()
    summary = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    region = serializers.CharField()
    last_reviewed = serializers.DateField(allow_null=True)
    lang = serializers.CharField(help_text=LANG_HELP)


MENTIONED_HELP = "True when the story's text names it and no editor linked it."


class ActorCardSerializer(CardSerializer):
    id = serializers.IntegerField(help_text="The actor's id in /api/v1/actors/.")
    name = serializers.CharField()
    slug = serializers.CharField()
    url = SitePathField(help_text="The actor's public profile.")
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    description = serializers.CharField(help_text="One line, e.g. the actor's role.")
    wikidata_id = serializers.CharField(help_text="Q + digits, or empty.")
    lang = serializers.CharField(help_text=LANG_HELP)
    description_lang = serializers.CharField(help_text=LANG_HELP)


class KeyActorSerializer(ActorCardSerializer):
    """An actor in the sidebar's "Key actors": linked by an editor, or named in the text."""

    mentioned = serializers.BooleanField(help_text=MENTIONED_HELP)


class SourceRefSerializer(CardSerializer):
    title = serializers.CharField()
    publisher = serializers.CharField()
    url = serializers.CharField(
        allow_null=True, help_text="The article's address; null when none is recorded."
    )
    archive_url = serializers.CharField()
    published_on = serializers.DateField(allow_null=True)
    kind_label = serializers.CharField()
    shows = serializers.CharField(help_text="supports, disputes or reports the claim.")
    shows_label = serializers.CharField()
    quote = serializers.CharField(help_text="The passage that shows it, or where to find it.")
    title_lang = serializers.CharField(help_text=LANG_HELP)


class ClaimCardSerializer(CardSerializer):
    id = serializers.IntegerField(help_text="The claim's id in /api/v1/claims/.")
    statement = serializers.CharField()
    slug = serializers.CharField()
    url = SitePathField(help_text="The claim's public page.")
    quote = serializers.CharField()
    made_on = serializers.DateField()
    claimant = ActorCardSerializer()
    verdict = serializers.CharField(help_text="Empty while the claim is not checked yet.")
    verdict_label = serializers.CharField()
    verdict_explanation = serializers.CharField()
    sources = SourceRefSerializer(many=True)
    mentioned = serializers.BooleanField(help_text=MENTIONED_HELP)
    lang = serializers.CharField(help_text=LANG_HELP)
    verdict_explanation_lang = serializers.CharField(help_text=LANG_HELP)


class TimelineEntrySerializer(CardSerializer):
    date = serializers.DateField(help_text="For a month or a year, a day in it.")
    display_date = serializers.CharField(help_text="The date as precise as the record.")
    title = serializers.CharField()
    description = serializers.CharField()


class StoryLinkSerializer(CardSerializer):
    id = serializers.IntegerField(help_text="The story's id: /api/v1/articles/{id}/.")
    slug = serializers.CharField()
    title = serializers.CharField()
    url = SitePathField()
    date = serializers.DateTimeField(allow_null=True)


class RelatedContextSerializer(CardSerializer):
    """What the related-context sidebar shows (conflicts.sidebar.cards.RelatedContext), in
    the story's language, its names as the naming policy says (conflicts/naming.py)."""

    language = serializers.CharField(help_text="The story's language: what the cards are in.")

    explainer = ExplainerCardSerializer(allow_null=True, help_text="Null without a public one.")
    actors = KeyActorSerializer(
        many=True, help_text="Key actors: those linked, in editor order, then those named."
    )
    claims = ClaimCardSerializer(many=True, help_text="Claims with claimant, verdict, sources.")
    timeline_before = TimelineEntrySerializer(
        many=True, help_text="The explainer's events up to the story's date, oldest first."
    )
    timeline_after = TimelineEntrySerializer(
        many=True, help_text="The explainer's events after the story's date."
    )
    more_stories = StoryLinkSerializer(many=True, help_text="More stories on the conflict.")
