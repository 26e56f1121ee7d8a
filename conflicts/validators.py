"""Validators shared by the conflicts models, so the admin, the API and imports agree."""

from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.forms import URLField as URLFormField

http_url_validator = URLValidator(
    schemes=["http", "https"],
    message="Enter a web address that starts with http:// or https://.",
)

wikidata_id_validator = RegexValidator(
    r"^Q[1-9][0-9]*$",
    message="Enter a Wikidata id: the letter Q followed by digits, for example Q193645.",
)


class HttpURLFormField(URLFormField):
    """A form URL field that accepts only http and https addresses."""

    default_validators = [http_url_validator]


class HttpURLField(models.URLField):
    """A URL field that accepts only http and https addresses (no javascript:, data:, ftp:)."""

    default_validators = [http_url_validator]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": HttpURLFormField, **kwargs})
