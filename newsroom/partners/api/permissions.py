"""Only partners with a valid key may read the API."""

from rest_framework import exceptions, permissions

from newsroom.partners.api.authentication import PartnerCredentials


class HasPartnerKey(permissions.BasePermission):
    message = "Send your API key as the header `Authorization: Api-Key <key>`."

    def has_permission(self, request, view):
        # A REST_FRAMEWORK default, so it also reaches DRF views outside the partner API
        # (Wagtail's admin API, which guards itself with the admin login): leave those be.
        if not request.path.startswith("/api/"):
            return True
        if isinstance(request.auth, PartnerCredentials):
            return True
        raise exceptions.NotAuthenticated(self.message)
