"""The readers' search page (/search/): a query's results, a page at a time (search.py ranks)."""

from urllib.parse import urlencode

from django.http import HttpResponseBadRequest
from django.shortcuts import render

from apikit.params import has_control_characters
from caching.headers import set_reader_cache_headers
from newsroom.search.search import search_everything
from newsroom.stories.pagination import page_or_404

MAX_QUERY_LENGTH = 200
PER_PAGE = 20


def search_view(request):
    query = request.GET.get("q", "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        response = HttpResponseBadRequest(
            f"Search for at most {MAX_QUERY_LENGTH} characters.", content_type="text/plain"
        )
        return set_reader_cache_headers(request, response)
    if has_control_characters(query):
        response = HttpResponseBadRequest(
            "Search for words: control characters are not allowed.", content_type="text/plain"
        )
        return set_reader_cache_headers(request, response)
    hits = search_everything(query, request) if query else []
    results = page_or_404(hits, request.GET.get("page"), PER_PAGE)
    context = {"query": query, "results": results, "page_query": urlencode({"q": query}) + "&"}
    response = render(request, "newsroom/search.html", context)
    # The empty search form is the same for everyone; results for a query are not kept.
    return set_reader_cache_headers(request, response, public=not query)
