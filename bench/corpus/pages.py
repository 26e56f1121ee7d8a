"""The newsroom's pages: the site tree, published through Wagtail (a handful of pages), and
the stories, bulk-inserted with their treebeard paths, url paths and published fields
computed here, and their actors, claims, bylines and tags."""

import sys
import uuid

from bench.corpus.bulk import BATCH
from bench.corpus.fiction import NOUNS, SECTIONS, VERBS, sentence, when
from bench.progress import Progress


def build_site(label: str):
    """Home, sections and the conflicts index, through Wagtail (a handful of pages)."""
    from wagtail.models import Page, Site

    from conflicts.models import ConflictIndexPage
    from newsroom.stories.models import HomePage, SectionPage

    if HomePage.objects.exists():
        sys.exit("This database already has a home page: build the corpus in an empty one.")
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title="The Bench Newsroom", slug="bench-home", intro=label)
    )
    site = Site.objects.get(is_default_site=True)
    welcome = site.root_page
    site.root_page = home
    site.save()
    welcome.delete()  # Wagtail's welcome page, made by its migrations
    home.refresh_from_db()
    sections = [
        home.add_child(instance=SectionPage(title=name, slug=name.lower())) for name in SECTIONS
    ]
    index = home.add_child(instance=ConflictIndexPage(title="Conflicts", slug="conflicts"))
    for page in [home, *sections, index]:
        page.save_revision().publish()
    return home, sections, index


def story_body(rng, n) -> list[dict]:
    """About 3 KB of text in paragraphs and a heading: the size of a short news story."""
    blocks = [{"type": "heading", "value": f"What happened in story {n}"}]
    blocks += [{"type": "paragraph", "value": f"<p>{sentence(rng, 60)}</p>"} for _ in range(7)]
    for block in blocks:
        block["id"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    return blocks


def build_articles(rng, args, sections, explainer_ids, actor_ids, claims_by_conflict):
    """Article pages in bulk: treebeard paths, url paths and published fields computed here."""
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import Tag
    from wagtail.models import Locale, Page

    from newsroom.stories.models import (
        ArticleActorLink,
        ArticleByline,
        ArticleClaimLink,
        ArticlePage,
        ArticleTag,
        Author,
    )

    authors = Author.objects.bulk_create(
        [Author(name=f"Author {n}", slug=f"author-{n}", role="Reporter") for n in range(1, 51)]
    )
    tags = Tag.objects.bulk_create(
        [Tag(name=noun.capitalize(), slug=noun.replace(" ", "-")) for noun in NOUNS]
    )
    content_type = ContentType.objects.get_for_model(ArticlePage)
    locale = Locale.get_default()
    page_fields = [f for f in Page._meta.local_concrete_fields if f.attname != "id"]
    article_fields = ArticlePage._meta.local_concrete_fields
    children = {section.pk: section.numchild for section in sections}

    progress = Progress("articles", args.articles)
    for start in range(0, args.articles, BATCH):
        pages = []
        for n in range(start + 1, min(start + BATCH, args.articles) + 1):
            section = sections[n % len(sections)]
            children[section.pk] += 1
            published = when(rng)
            slug = f"story-{n}"
            noun = rng.choice(NOUNS)
            title = f"Story {n}: the {noun} in Region {rng.randrange(1, 100)} {rng.choice(VERBS)}"
            page = ArticlePage(
                title=title,
                draft_title=title,
                slug=slug,
                content_type_id=content_type.pk,
                locale_id=locale.pk,
                translation_key=uuid.UUID(int=rng.getrandbits(128), version=4),
                path=ArticlePage._get_path(section.path, section.depth + 1, children[section.pk]),
                depth=section.depth + 1,
                numchild=0,
                url_path=f"{section.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                latest_revision_created_at=published,
                dek=sentence(rng, 18),
                display_date=published,
                body=story_body(rng, n),
                explainer_id=rng.choice(explainer_ids),
            )
            page._noun = noun
            pages.append(page)
        # Wagtail pages use multi-table inheritance, which bulk_create refuses: insert the
        # Page rows (getting their ids back), then the ArticlePage rows that point to them.
        ids = Page.objects._insert(pages, fields=page_fields, returning_fields=[Page._meta.pk])
        for page, (pk,) in zip(pages, ids, strict=True):
            page.pk = page.id = page.page_ptr_id = pk
        ArticlePage.objects._insert(pages, fields=article_fields)

        actor_links, claim_links, bylines, tagged = [], [], [], []
        for page in pages:
            for i, actor_id in enumerate(rng.sample(actor_ids, rng.randint(3, 15))):
                actor_links.append(
                    ArticleActorLink(page_id=page.pk, actor_id=actor_id, sort_order=i)
                )
            own_claims = claims_by_conflict.get(page.explainer_id) or [0]
            count = min(rng.randint(0, 10), len(own_claims))
            for i, claim_id in enumerate(rng.sample(own_claims, count)):
                claim_links.append(
                    ArticleClaimLink(page_id=page.pk, claim_id=claim_id, sort_order=i)
                )
            for i, author in enumerate(rng.sample(authors, rng.randint(1, 2))):
                bylines.append(ArticleByline(page_id=page.pk, author_id=author.pk, sort_order=i))
            tag = tags[NOUNS.index(page._noun)]
            tagged.append(ArticleTag(content_object_id=page.pk, tag_id=tag.pk))
        ArticleActorLink.objects.bulk_create(actor_links)
        ArticleClaimLink.objects.bulk_create(claim_links)
        ArticleByline.objects.bulk_create(bylines)
        ArticleTag.objects.bulk_create(tagged)
        progress.advance(len(pages))
    progress.close()
    for section in sections:
        Page.objects.filter(pk=section.pk).update(numchild=children[section.pk])
