"""Only partners with a valid key may read the API."""

from rest_framework import permissions

from newsroom.api.authentication import PartnerCredentials


class HasPartnerKey(permissions.BasePermission):
    message = "Send your API key as the header `Authorization: Api-Key <key>`."

    def has_permission(self, request, view):
        return isinstance(request.auth, PartnerCredentials)
