"""Partners authenticate with `Authorization: Api-Key <key>`; keys are stored hashed."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from rest_framework import authentication, exceptions
from rest_framework_api_key.permissions import KeyParser

from newsroom.partners.models import Partner, PartnerAPIKey


@dataclass(frozen=True)
class PartnerCredentials:
    """What a valid key says about its caller: `request.auth` in every API view.

    `section_ids` and `conflict_ids` are None when the partner may pull every one.
    """

    key: PartnerAPIKey
    partner: Partner
    section_ids: frozenset | None
    conflict_ids: frozenset | None

    @property
    def throttle_ident(self) -> str:
        return self.key.prefix

    @property
    def cache_scope(self) -> str:
        """Partners allowed the same sections and conflicts see the same lists."""
        sections = ",".join(map(str, sorted(self.section_ids or [])))
        conflicts = ",".join(map(str, sorted(self.conflict_ids or [])))
        return f"s{sections}c{conflicts}"


class PartnerKeyAuthentication(authentication.BaseAuthentication):
    keyword = KeyParser.keyword

    def authenticate(self, request):
        raw = KeyParser().get(request)
        if raw is None:
            return None  # the permission answers 401 with how to send a key
        prefix, _, _ = raw.partition(".")
        key = PartnerAPIKey.objects.select_related("partner").filter(prefix=prefix).first()
        if key is None or not key.is_valid(raw):
            raise exceptions.AuthenticationFailed("This API key is not valid.")
        if key.revoked:
            raise exceptions.AuthenticationFailed("This API key has been revoked.")
        if key.has_expired:
            raise exceptions.AuthenticationFailed("This API key has expired.")
        if not key.partner.active:
            raise exceptions.AuthenticationFailed("This partner's access is suspended.")
        partner = key.partner
        section_ids = frozenset(partner.sections.values_list("pk", flat=True))
        conflict_ids = frozenset(partner.conflicts.values_list("pk", flat=True))
        credentials = PartnerCredentials(
            key=key,
            partner=partner,
            section_ids=section_ids or None,
            conflict_ids=conflict_ids or None,
        )
        return AnonymousUser(), credentials

    def authenticate_header(self, request):
        return self.keyword
