"""While the database is unreachable, readers get a 503 page and partners a 503 JSON answer.

A PostgreSQL restart or failover then costs the requests made during it a polite "try again
in a few seconds" (with Retry-After), not a 500 and an error report each. The page is
rendered from templates/503.html without a request context, so rendering it touches no
database. Persistent connections are health-checked (CONN_HEALTH_CHECKS), so the first
request after the outage reconnects by itself.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

RETRY_AFTER_SECONDS = 5
API_PREFIX = "/api/"
API_DETAIL = "The service is briefly unavailable. Try again in a few seconds."

logger = logging.getLogger(__name__)


def unavailable_response(request) -> HttpResponse:
    """The 503 a reader (HTML) or a partner (JSON, under /api/) gets."""
    if request.path.startswith(API_PREFIX):
        response = JsonResponse({"detail": API_DETAIL}, status=503)
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    """Turns a database connection error raised by a view into a 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        reason = " ".join(str(exception).split())  # one log line
        logger.warning("database unavailable, answering 503 for %s: %s", request.path, reason)
        return unavailable_response(request)
