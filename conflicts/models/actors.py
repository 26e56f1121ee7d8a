"""Actors: anyone or anything that acts or speaks in a conflict, and how they are affiliated."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PublishingPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, Orderable, PreviewableMixin, RevisionMixin
from wagtail.search import index

from conflicts.models.clusters import ReadFastClusterableModel
from conflicts.paths import public_path
from conflicts.slugs import unique_slug
from conflicts.validators import safe_rich_text_validator, wikidata_id_validator

# The columns an actor's card reads (conflicts/sidebar/cards.py): the queries that build
# cards load only these, not the revision, workflow and locking columns no card shows.
ACTOR_CARD_FIELDS = ("live", "name", "slug", "kind", "description", "wikidata_id")


class ActorQuerySet(models.QuerySet):
    def public(self):
        """Actors readers may see: published."""
        return self.filter(live=True)


class Actor(
    DraftStateMixin, RevisionMixin, PreviewableMixin, index.Indexed, ReadFastClusterableModel
):
    """A person, state, body, force, alliance, outlet or group that acts or speaks on the record."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        STATE = "state", _("State")
        GOVERNMENT_BODY = "government_body", _("Government body")
        ARMED_FORCE = "armed_force", _("Armed force or contingent")
        ALLIANCE = "alliance", _("Alliance or international body")
        MEDIA_OUTLET = "media_outlet", _("Media outlet")
        GROUP = "group", _("Population group or movement")

    name = models.CharField(max_length=255)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Used in the profile's web address. Left blank, it is made from the name."),
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    description = models.CharField(
        max_length=255,
        blank=True,
        help_text=_('One line that says who this is, e.g. "Kremlin spokesperson".'),
    )
    bio = RichTextField(
        blank=True, features=["bold", "italic", "link"], validators=[safe_rich_text_validator]
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    aliases = models.TextField(
        blank=True,
        help_text=_(
            "Other names this actor goes by, one per line (used by search and to spot mentions)."
        ),
    )
    wikidata_id = models.CharField(
        _("Wikidata id"),
        max_length=20,
        blank=True,
        validators=[wikidata_id_validator],
        help_text=_("The Q-number of this actor on Wikidata, e.g. Q193645."),
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="actor")

    objects = ActorQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("bio"),
        FieldPanel("image"),
        MultiFieldPanel(
            [FieldPanel("aliases"), FieldPanel("wikidata_id"), FieldPanel("slug")],
            heading=_("Identity"),
        ),
        InlinePanel("affiliations", label=_("Affiliations")),
        InlinePanel("translations", label=_("Translations")),
        PublishingPanel(),
    ]

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("aliases", boost=2),
        index.AutocompleteField("aliases"),
        index.SearchField("description"),
        index.SearchField("bio"),
        index.FilterField("kind"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["wikidata_id"],
                condition=~Q(wikidata_id=""),
                name="conflicts_actor_unique_wikidata_id",
                violation_error_message=_("Another actor already has this Wikidata id."),
            )
        ]

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions

    @property
    def alias_list(self) -> list[str]:
        return [a.strip() for a in self.aliases.splitlines() if a.strip()]

    @property
    def wikidata_url(self) -> str:
        return f"https://www.wikidata.org/wiki/{self.wikidata_id}" if self.wikidata_id else ""

    def clean(self):
        super().clean()
        self.name = self.name.strip()
        if not self.slug:
            self.slug = unique_slug(self, self.name)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return public_path("conflicts:actor", self.slug)

    def get_preview_template(self, request, mode_name):
        return "conflicts/actor_detail.html"

    def get_preview_context(self, request, mode_name):
        """The page's template asks for the profile itself ({% actor_profile %})."""
        return {"actor": self, "request": request}


class ActorAffiliation(Orderable):
    """An actor's place in another: Peskov is spokesperson of the Kremlin, from 2012."""

    actor = ParentalKey(Actor, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        related_name="member_affiliations",
        help_text=_("The actor this one belongs to or serves."),
    )
    role = models.CharField(max_length=255, help_text=_('e.g. "Spokesperson", "Part of".'))
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    panels = [
        FieldPanel("organisation"),
        FieldPanel("role"),
        FieldPanel("start_date"),
        FieldPanel("end_date"),
    ]

    def __str__(self):
        """ "Spokesperson of the Kremlin", but "Part of Russia", not "Part of of Russia"."""
        joiner = " " if self.role.rstrip().lower().endswith(" of") else " of "
        return f"{self.role.rstrip()}{joiner}{self.organisation}"

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The end date must be on or after the start date.")}
            )
        if self.actor_id and self.organisation_id == self.actor_id:
            raise ValidationError(
                {"organisation": _("An actor cannot be affiliated with itself: choose another.")}
            )
