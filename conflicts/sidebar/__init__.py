"""The related-context sidebar: its cards (cards.py), the one builder for one page or many
(build.py), the cache that keeps it (cache.py) and what drops it (scopes.py).

A host page gets it with `{% related_context_sidebar page %}` (conflicts_tags); code and the
partner API call `sidebar_for(page, request)` or `sidebars_for(pages, request)`.
"""

from conflicts.sidebar.cache import sidebar_for, sidebars_for
from conflicts.sidebar.cards import RelatedContext

__all__ = ["RelatedContext", "sidebar_for", "sidebars_for"]
