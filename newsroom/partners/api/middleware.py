"""ETag and conditional GET for the API only: a matching If-None-Match or If-Modified-Since
answers 304 (Django's ConditionalGetMiddleware, which hashes the content), to a HEAD too.
Every answer the throttle counted (200, 304, 400, 404, 429) carries the RateLimit-* headers,
set last, as a 304 keeps only a few of the view's headers."""

from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.http import parse_http_date_safe

from newsroom.partners.api.throttling import rate_limit_of

API_PREFIX = "/api/"


class APIConditionalGetMiddleware(ConditionalGetMiddleware):
    def process_response(self, request, response):
        if not request.path.startswith(API_PREFIX):
            return response
        if request.method == "HEAD":
            response = self.head_response(request, response)
        else:
            response = super().process_response(request, response)
        if request.path.startswith(API_PREFIX + "v1/") and response.status_code in (200, 304):
            # Partners' keys may see different scopes: shared caches must not mix them.
            response.setdefault("Cache-Control", "private, max-age=0, must-revalidate")
            patch_vary_headers(response, ["Authorization"])
        rate_limit = rate_limit_of(request)
        if rate_limit is not None:
            for header, value in rate_limit.headers().items():
                response[header] = value
        return response

    def head_response(self, request, response):
        """Django's middleware leaves HEAD alone (it cannot hash an empty body); the API's
        views render the body for HEAD as for GET, so the ETag is the GET's and a match is a
        304, as partners checking for a change with HEAD expect."""
        if self.needs_etag(response) and not response.has_header("ETag"):
            set_response_etag(response)
        return get_conditional_response(  # only a 2xx becomes a 304, as for GET
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )
