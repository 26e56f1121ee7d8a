"""Generations of named scopes: what a cached thing is kept under, and what a change drops.

A scope is a name ("site", "stories", "conflict:12"): each has a generation, a random token
kept in the shared cache with no expiry. A cached thing's key carries the generations of the
scopes it depends on; starting a new generation for one of them makes every key that carries
it unreachable (the entries expire unread). Reading the generations of any number of scopes
costs one cache read.
"""

import uuid

from django.core.cache import cache

SITE = "site"  # every app's changes that could show anywhere drop this one
KEY = "caching:generation:{}"


def _new() -> str:
    return uuid.uuid4().hex


def generations_of(scopes, request=None) -> dict[str, str]:
    """{scope: its generation}, in one cache read; a missing one is started (by whichever
    process adds it first). With a request, each scope is read once per request (a story
    page's sidebar and the rows cached beside it share one read)."""
    known = request.__dict__.setdefault("_cache_generations", {}) if request is not None else {}
    keys = {KEY.format(scope): scope for scope in scopes if scope not in known}
    if keys:
        found = cache.get_many(list(keys))
        missing = [key for key in keys if key not in found]
        if missing:
            started = {key: _new() for key in missing}
            for key, value in started.items():
                cache.add(key, value, None)
            # whichever process added it first; ours if the cache is unreachable
            found.update(started | cache.get_many(missing))
        known.update({scope: found[key] for key, scope in keys.items()})
    return {scope: known[scope] for scope in scopes}


def generation(scopes, known=None, request=None) -> str:
    """The generations of scopes, joined in the order given: part of a cache key."""
    known = known if known is not None else generations_of(scopes, request)
    return ".".join(known[scope] for scope in scopes)


def start_new(scopes) -> None:
    """Forget everything kept under any of these scopes."""
    cache.set_many({KEY.format(scope): _new() for scope in scopes}, None)
