"""ETag and conditional GET for the API only: a matching If-None-Match or If-Modified-Since
answers 304 (Django's ConditionalGetMiddleware, which hashes the content)."""

from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import patch_vary_headers

API_PREFIX = "/api/"


class APIConditionalGetMiddleware(ConditionalGetMiddleware):
    def process_response(self, request, response):
        if not request.path.startswith(API_PREFIX):
            return response
        response = super().process_response(request, response)
        if request.path.startswith(API_PREFIX + "v1/") and response.status_code in (200, 304):
            # Partners' keys may see different scopes: shared caches must not mix them.
            response.setdefault("Cache-Control", "private, max-age=0, must-revalidate")
            patch_vary_headers(response, ["Authorization"])
        return response
