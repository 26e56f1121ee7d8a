"""What the bench measures: each case's server and the plan's paths it requests, and each
server's environment (read by newsroom/settings/bench.py)."""

CEILING_FILE = "bench/article-size.html"

# name: (server, plan key, sends the API key)
CASES = {
    "static_ceiling": ("site", None, False),
    "article_uncached": ("site", "article", False),
    "article_cached": ("cached", "article_cached", False),
    "article_without_sidebar": ("no_sidebar", "article", False),
    "article_sidebar_cold": ("cold", "article", False),
    "explainer": ("site", "explainer", False),
    "actor": ("site", "actor", False),
    "search": ("site", "search", False),
    "search_cold": ("cold", "search", False),
    "api_list": ("site", "api_list", True),
    "api_list_cold": ("cold", "api_list", True),
    "api_last_page": ("site", "api_last_page", True),
    "api_detail": ("site", "api_detail", True),
    "ninjs_detail": ("site", "ninjs_detail", True),
    "wagtail_v2_list": ("site", "wagtail_v2_list", True),
    # Right after a change (bench/changer.py changes a verdict on the list's first page and
    # the conflict's explainer every 2 s, a worker warms what it made cold): the list has no
    # warm entry (its cache is off), the stories' pages on that conflict against the same
    # pages with nothing changing.
    "article_on_conflict_warm": ("site", "article_on_conflict", False),
    "article_after_change": ("after_change", "article_on_conflict", False),
    "api_list_after_change": ("after_change", "api_list", True),
}
SERVERS = {
    "site": {},
    "no_sidebar": {"BENCH_SIDEBAR": "0"},
    "cached": {"BENCH_PAGE_CACHE": "1"},
    "cold": {"BENCH_SIDEBAR_CACHE": "0", "BENCH_API_CACHE": "0", "BENCH_SEARCH_CACHE": "0"},
    "after_change": {"BENCH_API_CACHE": "0"},  # with a worker and bench/changer.py beside it
}


def case_spec(name: str, plan: dict) -> dict:
    """What case `name` requests: its paths (the plan's, or the ceiling file) and headers."""
    _, key, api = CASES[name]
    paths = [f"/static/{CEILING_FILE}"] if key is None else plan[key]
    return {"name": name, "paths": paths, "headers": plan["api_headers"] if api else {}}
