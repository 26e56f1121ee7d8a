"""A partner list's articles, each kept in the shared cache as it is serialized.

A list of 50 articles with their context is the API's most expensive answer, and after any
change its cached answer (apikit/cache.py) is gone. Most of its articles did not change:
each one's representation is kept by the article's own version (its id, when it last went
live, its context version `context_updated_at`), the host (its URLs are absolute) and the
fields chosen, under the scopes of what no version tracks: authors, tags, images and
sections (STORY_PARTS), page addresses and view restrictions, and its conflict's stories
(conflicts.sidebar.scopes.sidebar_scopes). So a list right after a verdict change
serializes only the articles that show the claim. Kept as long as sidebars
(CONFLICTS_SIDEBAR_CACHE_SECONDS; 0: off).
"""

from caching.store import cached_many
from conflicts.sidebar.cache import cache_seconds, sidebar_key
from conflicts.sidebar.scopes import sidebar_scopes
from newsroom.stories.story_parts import STORY_PARTS

# Part of every key: raise it when an article's representation changes shape.
FORMAT = 2  # 2: articles carry their `language`


def article_key(article, request, fields) -> str:
    """The sidebar's key for the article's version, always with the host (the URLs are
    absolute), and the fields chosen."""
    chosen = ",".join(sorted(fields)) if fields is not None else "*"
    return f"{sidebar_key(article, request, f'partners-article-{FORMAT}')}:{chosen}"


def cached_articles(articles, request, fields, build_missing) -> list:
    """The representations of articles, in their order: one cache read for all, then
    build_missing(articles) -> {id: representation} for those the cache did not hold."""
    by_id = {article.pk: article for article in articles}
    values = cached_many(
        {pk: article_key(article, request, fields) for pk, article in by_id.items()},
        {pk: (STORY_PARTS, *sidebar_scopes(article)) for pk, article in by_id.items()},
        lambda ids: build_missing([by_id[pk] for pk in ids]),
        cache_seconds(),
        request,
    )
    return [values[article.pk] for article in articles if article.pk in values]  # not gone since
