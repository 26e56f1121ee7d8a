"""Naming policies: how each language names a contested place or actor.

"Stepanakert / Khankendi": in Armenian usage the city is Ստեփանակերտ; in Russian,
Степанакерт, first mentioned as "Степанакерт (Ханкенди)". A policy holds one rule per
language; conflicts/naming.py applies them to what the plugin shows.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Locale, Orderable, RevisionMixin

from conflicts.models.clusters import ReadFastClusterableModel


class NamingPolicy(RevisionMixin, ReadFastClusterableModel):
    """How the newsroom names one contested place or actor, language by language."""

    subject = models.CharField(
        max_length=255, unique=True, help_text=_('What is named, e.g. "Stepanakert / Khankendi".')
    )
    explainers = ParentalManyToManyField(
        "conflicts.ConflictExplainerPage",
        blank=True,
        related_name="naming_policies",
        help_text=_(
            "The conflicts whose stories and context follow this policy (in every language "
            "they are translated into). None: the whole site follows it."
        ),
    )
    actor = models.ForeignKey(
        "conflicts.Actor",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,  # the policy still says how to name the place or force
        related_name="naming_policies",
        help_text=_("The actor this policy names, if it names one."),
    )
    note = models.TextField(
        blank=True, help_text=_("Why the newsroom names it this way, for editors.")
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="naming_policy")

    panels = [
        FieldPanel("subject"),
        FieldPanel("explainers"),
        FieldPanel("actor"),
        FieldPanel("note"),
        InlinePanel("rules", label=_("Rule per language"), min_num=1),
    ]

    class Meta:
        verbose_name = _("naming policy")
        verbose_name_plural = _("naming policies")
        ordering = ["subject"]

    def __str__(self):
        return self.subject

    @property
    def revisions(self):
        return self._revisions


class NamingRule(Orderable):
    """One language's names for the policy's subject, and how it is first mentioned."""

    policy = ParentalKey(NamingPolicy, on_delete=models.CASCADE, related_name="rules")
    # PROTECT: a language still named in a policy cannot be removed without deciding first.
    locale = models.ForeignKey(
        Locale, on_delete=models.PROTECT, related_name="naming_rules", verbose_name=_("language")
    )
    preferred_name = models.CharField(
        max_length=255, help_text=_('The name used after the first mention, e.g. "Stepanakert".')
    )
    alternate_names = models.TextField(
        blank=True,
        help_text=_(
            "Other names found in texts, one per line: they are replaced by the preferred name."
        ),
    )
    first_mention = models.CharField(
        _("first mention"),
        max_length=255,
        blank=True,
        help_text=_(
            'How the first mention reads, e.g. "Stepanakert (Khankendi)". Left blank, the '
            "preferred name."
        ),
    )

    panels = [
        FieldPanel("locale"),
        FieldPanel("preferred_name"),
        FieldPanel("first_mention"),
        FieldPanel("alternate_names"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("naming rule")
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "locale"],
                name="conflicts_naming_rule_once_per_language",
                violation_error_message=_("This policy already has a rule for this language."),
            )
        ]

    def __str__(self):
        return f"{self.locale}: {self.first_mention_form}"

    @property
    def alternate_name_list(self) -> list[str]:
        return [name.strip() for name in self.alternate_names.splitlines() if name.strip()]

    @property
    def first_mention_form(self) -> str:
        return self.first_mention.strip() or self.preferred_name.strip()

    def clean(self):
        super().clean()
        self.preferred_name = self.preferred_name.strip()
        if self.preferred_name in self.alternate_name_list:
            raise ValidationError(
                {
                    "alternate_names": _(
                        "The preferred name is not an alternate name: remove it from this list."
                    )
                }
            )
