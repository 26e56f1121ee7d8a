"""Feed URLs: RSS at .../rss/, Atom at .../atom/."""

from django.urls import path

from newsroom.feeds import ActorFeed, ConflictFeed, SectionFeed, StoryFeed, atom

app_name = "feeds"

urlpatterns = [
    path("rss/", StoryFeed(), name="site_rss"),
    path("atom/", atom(StoryFeed)(), name="site_atom"),
    path("sections/<slug:slug>/rss/", SectionFeed(), name="section_rss"),
    path("sections/<slug:slug>/atom/", atom(SectionFeed)(), name="section_atom"),
    path("conflicts/<slug:slug>/rss/", ConflictFeed(), name="conflict_rss"),
    path("conflicts/<slug:slug>/atom/", atom(ConflictFeed)(), name="conflict_atom"),
    path("actors/<slug:slug>/rss/", ActorFeed(), name="actor_rss"),
    path("actors/<slug:slug>/atom/", atom(ActorFeed)(), name="actor_atom"),
]
