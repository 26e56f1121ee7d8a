"""The OpenAPI schema describes the partner API only, with its key scheme."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

API_PATH = "/api/v1/"


def only_partner_api(endpoints, **kwargs):
    """Preprocessing hook: leave out Wagtail's own admin API and anything not under /api/v1/."""
    return [e for e in endpoints if e[0].startswith(API_PATH)]


class PartnerKeyScheme(OpenApiAuthenticationExtension):
    target_class = "newsroom.partners.api.authentication.PartnerKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Send `Api-Key <key>`. Ask the newsroom for a key (docs/api.md).",
        }
