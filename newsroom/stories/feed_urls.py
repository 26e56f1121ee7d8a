"""Feed URLs: RSS at .../rss/, Atom at .../atom/; cached like reader pages and purged with them."""

from django.urls import path

from caching.headers import reader_cache
from newsroom.stories.feeds import (
    ActorFeed,
    ConflictFeed,
    CorrectionsFeed,
    SectionFeed,
    StoryFeed,
    atom,
)

app_name = "feeds"

urlpatterns = [
    path("rss/", reader_cache(StoryFeed()), name="site_rss"),
    path("atom/", reader_cache(atom(StoryFeed)()), name="site_atom"),
    path("sections/<slug:slug>/rss/", reader_cache(SectionFeed()), name="section_rss"),
    path("sections/<slug:slug>/atom/", reader_cache(atom(SectionFeed)()), name="section_atom"),
    path("conflicts/<slug:slug>/rss/", reader_cache(ConflictFeed()), name="conflict_rss"),
    path("conflicts/<slug:slug>/atom/", reader_cache(atom(ConflictFeed)()), name="conflict_atom"),
    path("actors/<slug:slug>/rss/", reader_cache(ActorFeed()), name="actor_rss"),
    path("actors/<slug:slug>/atom/", reader_cache(atom(ActorFeed)()), name="actor_atom"),
    path("corrections/rss/", reader_cache(CorrectionsFeed()), name="corrections_rss"),
    path("corrections/atom/", reader_cache(atom(CorrectionsFeed)()), name="corrections_atom"),
]
