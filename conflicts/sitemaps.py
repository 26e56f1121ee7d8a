"""Sitemaps for the actor and claim pages, which are snippets and not in Wagtail's page tree.

A host lists them beside its pages (newsroom/urls.py):
`sitemap(request, sitemaps={"pages": wagtail's Sitemap, "actors": ActorSitemap, ...})`.
Each entry is what readers may see now, with `lastmod` its last published edit; its address
is made from the request's Wagtail site, as the pages' are, so the two never disagree on the
host. Each costs two queries (a count, then one page of rows) however many there are; the lists
and the methodology page (ReaderIndexSitemap) cost none.
"""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap

from conflicts.models import Actor, Claim


class PublicSnippetSitemap(Sitemap):
    """The public rows of `model`, by slug, at their pages' absolute addresses."""

    model = None

    def items(self):
        return self.model.objects.public().only("slug", "last_published_at").order_by("slug")

    def location(self, obj):
        return obj.get_absolute_url()

    def lastmod(self, obj):
        return obj.last_published_at

    def get_urls(self, page=1, site=None, protocol=None):
        root = urlsplit(self.get_wagtail_site().root_url)
        # Django's own entries (Wagtail's _urls asks pages for theirs), on the site's root.
        return DjangoSitemap._urls(self, page, root.scheme, root.netloc)


class ActorSitemap(PublicSnippetSitemap):
    model = Actor


class ClaimSitemap(PublicSnippetSitemap):
    model = Claim


class ReaderIndexSitemap(PublicSnippetSitemap):
    """The plugin's lists and its methodology page: the claims and actors lists and how we
    rate claims. No query and no lastmod (a list changes with every claim; the sitemap's
    actor and claim entries carry theirs)."""

    def items(self):
        return ["conflicts:claim_index", "conflicts:actor_index", "conflicts:methodology"]

    def location(self, obj):
        return reverse(obj)

    def lastmod(self, obj):
        return None
