"""Words per language: an actor's, a claim's or a source's words in a language other than the
site's default.

The facts stay once on the actor, claim or source (kind, Wikidata id, affiliations, dates,
verdict, claimant, sources, URL), with their words in the default language
(Locale.get_default()). Each row here holds the words of one object in one other language;
a word left blank falls back to the default language's (conflicts/languages.py). The rows are
child rows (ParentalKey): they are saved in the object's revisions and published with it, and
editors write them in the "Translations" panel of the object's edit form.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import RichTextField
from wagtail.models import Locale

from conflicts.validators import safe_rich_text_validator


class WordsBase(models.Model):
    """One object's words in one language."""

    # PROTECT: removing a language that still has words would silently throw away editors'
    # translations; Wagtail's own translatable rows protect their locale the same way.
    locale = models.ForeignKey(
        Locale,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("language"),
        help_text=_("The language these words are in."),
    )

    # The words this model holds; the first is the one a card names the object by.
    word_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{getattr(self, self.word_fields[0])} ({self.locale})"

    def clean(self):
        super().clean()
        if self.locale_id and self.locale.language_code == default_language_code():
            raise ValidationError(
                {
                    "locale": _(
                        "The default language's words are the fields above: choose another "
                        "language."
                    )
                }
            )


def default_language_code() -> str:
    """The site's default content language, as Locale.get_default() reads it (no query)."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


class ActorTranslation(WordsBase):
    """An actor's name, aliases, description and bio in another language."""

    actor = ParentalKey("conflicts.Actor", on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(max_length=255)
    aliases = models.TextField(
        blank=True, help_text=_("Other names in this language, one per line.")
    )
    description = models.CharField(max_length=255, blank=True)
    bio = RichTextField(
        blank=True, features=["bold", "italic", "link"], validators=[safe_rich_text_validator]
    )

    word_fields = ("name", "aliases", "description", "bio")
    panels = [
        FieldPanel("locale"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("aliases"),
        FieldPanel("bio"),
    ]

    class Meta:
        verbose_name = _("actor translation")
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "locale"],
                name="conflicts_actor_words_once_per_language",
                violation_error_message=_("This actor already has words in this language."),
            )
        ]


class ClaimTranslation(WordsBase):
    """A claim's statement, quote and verdict explanation in another language. The verdict
    itself is a fact: it shows in every language at once, its label translated."""

    claim = ParentalKey("conflicts.Claim", on_delete=models.CASCADE, related_name="translations")
    statement = models.TextField(help_text=_("What was claimed, in neutral words."))
    quote = models.TextField(
        _("quote"),
        blank=True,
        help_text=_("The claimant's words as published in this language, if they were."),
    )
    verdict_explanation = models.TextField(
        blank=True,
        help_text=_("Left blank, readers see the explanation in the default language."),
    )

    word_fields = ("statement", "quote", "verdict_explanation")
    panels = [
        FieldPanel("locale"),
        FieldPanel("statement"),
        FieldPanel("quote"),
        FieldPanel("verdict_explanation"),
    ]

    class Meta:
        verbose_name = _("claim translation")
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "locale"],
                name="conflicts_claim_words_once_per_language",
                violation_error_message=_("This claim already has words in this language."),
            )
        ]


class SourceTranslation(WordsBase):
    """A source's title in another language (a translated title, for readers)."""

    source = ParentalKey("conflicts.Source", on_delete=models.CASCADE, related_name="translations")
    title = models.CharField(max_length=500)

    word_fields = ("title",)
    panels = [FieldPanel("locale"), FieldPanel("title")]

    class Meta:
        verbose_name = _("source translation")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "locale"],
                name="conflicts_source_words_once_per_language",
                violation_error_message=_("This source already has a title in this language."),
            )
        ]


WORDS_MODELS = {"actor": ActorTranslation, "claim": ClaimTranslation, "source": SourceTranslation}
