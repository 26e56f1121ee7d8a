"""The no-store default for HTML (the reader pages' policy is in caching/headers.py).

Pages and reader views opt in to shared caching through `ReaderCacheMixin` and
`reader_cache`; this middleware is the safe default for every other HTML answer (error
pages, password forms, redirects, anything new): `private, no-store` unless the view said
otherwise. Non-HTML answers (the API, feeds, static files) keep their own headers.
"""

from django.utils.cache import add_never_cache_headers


class NoStoreByDefaultMiddleware:
    """HTML that no view marked cacheable is never kept by a shared cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control") and response.get("Content-Type", "").startswith(
            "text/html"
        ):
            add_never_cache_headers(response)
        return response
