"""Throttling per key: the partner's own rate, or the default (settings.API_DEFAULT_RATE)."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

PERIODS = {"s": "second", "m": "minute", "h": "hour", "d": "day"}


def parse_rate_or_error(rate: str) -> str | None:
    """None when rate reads like "1000/hour", else what is wrong with it."""
    count, _, period = rate.partition("/")
    if not count.isdigit() or int(count) < 1 or not period or period[0] not in PERIODS:
        return 'Write a number of requests per second, minute, hour or day, e.g. "1000/hour".'
    return None


class PartnerRateThrottle(SimpleRateThrottle):
    """Counts each key's requests; over the rate answers 429 with Retry-After."""

    scope = "partner"

    def get_rate(self):
        return getattr(settings, "API_DEFAULT_RATE", "1000/hour")

    def allow_request(self, request, view):
        own_rate = getattr(getattr(request.auth, "partner", None), "throttle_rate", "")
        if own_rate:
            self.rate = own_rate
            self.num_requests, self.duration = self.parse_rate(own_rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        ident = getattr(request.auth, "throttle_ident", None)
        if ident is None:
            return None  # no key: authentication has already refused the request
        return self.cache_format % {"scope": self.scope, "ident": ident}
