"""Keeping built things in the shared cache under their scopes' generations.

`cached()` for one thing, `cached_many()` for a list read in one cache round trip. The
caller says for how long (0: off, build every time); each app reads its own setting for that.
Only use a cache every app server shares (Redis): with a per-process cache a change made in
one process would not reach the others until the entries expire.
"""

from django.core.cache import cache

from caching.generations import generation, generations_of


def cached(key: str, scopes, build, seconds: int, request=None):
    """build(), or what the cache holds for key under the scopes' current generations (read
    once per request when one is given)."""
    if not seconds:
        return build()
    full_key = f"{key}:{generation(scopes, request=request)}"
    value = cache.get(full_key)
    if value is None:
        value = build()
        cache.set(full_key, value, seconds)
    return value


def cached_many(keys: dict, scopes_of: dict, build_missing, seconds: int, request=None) -> dict:
    """{id: value} for keys ({id: key}), each under the generations of scopes_of[id]: one
    read of the generations, one of the values, then build_missing(ids) -> {id: value} for
    the ids the cache did not hold."""
    if not seconds:
        return build_missing(list(keys))
    known = generations_of({s for scopes in scopes_of.values() for s in scopes}, request)
    full_keys = {pk: f"{key}:{generation(scopes_of[pk], known)}" for pk, key in keys.items()}
    found = cache.get_many(list(full_keys.values()))
    values = {pk: found[key] for pk, key in full_keys.items() if key in found}
    missing = [pk for pk in keys if pk not in values]
    if missing:
        built = build_missing(missing)
        cache.set_many({full_keys[pk]: value for pk, value in built.items()}, seconds)
        values.update(built)
    return values


def page_key(obj, request, kind: str) -> str:
    """The key of a kind of thing kept for a page or snippet: its id, when it last went live
    and the host asked for (URLs in it are the request site's)."""
    published = obj.last_published_at.timestamp() if obj.last_published_at else ""
    host = request.get_host() if request is not None else ""
    return f"caching:{kind}:{obj.pk}:{published}:{host}"


def cached_for_page(obj, request, kind: str, scopes, build, seconds: int):
    """build(), or what the cache holds for this kind of thing about obj (a page or a
    snippet) under the scopes' generations. Built afresh when seconds is 0, for an unsaved
    object and for previews (they show an editor's unsaved rows)."""
    if not seconds or obj.pk is None or getattr(request, "is_preview", False):
        return build()
    return cached(page_key(obj, request, kind), scopes, build, seconds, request)
