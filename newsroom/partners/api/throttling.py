"""Throttling per key: the partner's own rate, or the default (settings.API_DEFAULT_RATE).

Counts live in the cache named by settings.API_THROTTLE_CACHE (default "default"; Redis in
production). When that cache fails, the request is let through and the failure logged:
an outage of the counter must neither lock partners out nor answer 500.

What the count says is kept on the request (RateLimit), for the API middleware to send as the
IETF draft's RateLimit-Limit, -Remaining and -Reset headers on every answer to a key
(middleware.py): a partner sees how much is left before it meets a 429.
"""

import logging
import math
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import SimpleRateThrottle

PERIODS = {"s": "second", "m": "minute", "h": "hour", "d": "day"}

logger = logging.getLogger(__name__)


def parse_rate_or_error(rate: str) -> str | None:
    """None when rate reads like "1000/hour", else what is wrong with it."""
    count, _, period = rate.partition("/")
    if not count.isdigit() or int(count) < 1 or not period or period[0] not in PERIODS:
        return 'Write a number of requests per second, minute, hour or day, e.g. "1000/hour".'
    return None


@dataclass(frozen=True)
class RateLimit:
    """A key's count after this request: its limit per window, what is left, and seconds
    until the oldest counted request leaves the window (one more is allowed then)."""

    limit: int
    remaining: int
    reset: int

    def headers(self) -> dict[str, str]:
        return {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset),
        }


def rate_limit_of(request) -> RateLimit | None:
    """The count the throttle kept on request (a Django or a DRF request), if it counted."""
    return getattr(getattr(request, "_request", request), "rate_limit", None)


class PartnerRateThrottle(SimpleRateThrottle):
    """Counts each key's requests; over the rate answers 429 with Retry-After."""

    scope = "partner"

    @property
    def cache(self):
        return caches[getattr(settings, "API_THROTTLE_CACHE", "default")]

    def get_rate(self):
        return getattr(settings, "API_DEFAULT_RATE", "1000/hour")

    def allow_request(self, request, view):
        own_rate = getattr(getattr(request.auth, "partner", None), "throttle_rate", "")
        if own_rate:
            self.rate = own_rate
            self.num_requests, self.duration = self.parse_rate(own_rate)
        self.request = request
        try:
            return super().allow_request(request, view)
        except Exception as error:  # noqa: BLE001  any cache backend's connection error
            logger.warning("API throttle not counted, cache unavailable: %r", error)
            return True

    def throttle_success(self):
        allowed = super().throttle_success()  # counts this request first
        self.keep_rate_limit()
        return allowed

    def throttle_failure(self):
        self.keep_rate_limit()
        return super().throttle_failure()

    def keep_rate_limit(self) -> None:
        oldest = self.history[-1] if self.history else self.now
        self.request._request.rate_limit = RateLimit(
            limit=self.num_requests,
            remaining=max(self.num_requests - len(self.history), 0),
            reset=max(math.ceil(oldest + self.duration - self.now), 0),
        )

    def get_cache_key(self, request, view):
        ident = getattr(request.auth, "throttle_ident", None)
        if ident is None:
            return None  # no key: authentication has already refused the request
        return self.cache_format % {"scope": self.scope, "ident": ident}
