"""Builds the demo site from newsroom/demo/peacekeepers.json, through the models.

Idempotent (what exists, by slug, is left as it is) and atomic (a bad file changes nothing).
"""

import datetime
import json
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site, Workflow, WorkflowPage

from conflicts.models import Actor, Claim, ConflictExplainerPage, ConflictIndexPage
from conflicts.portable import DataError, load_conflict_data
from newsroom import roles
from newsroom.models import (
    ArticleActorLink,
    ArticleByline,
    ArticleClaimLink,
    ArticlePage,
    Author,
    HomePage,
    SectionPage,
)

DEMO_FILE = Path(__file__).with_name("peacekeepers.json")


def read_demo_file(path: Path) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{path}: no such file") from None
    except json.JSONDecodeError as error:
        raise DataError(f"{path}: not valid JSON ({error})") from None


def _root() -> Page:
    """The tree's root and default locale, as Wagtail's migrations make them (for a flushed DB)."""
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    return Page.add_root(instance=Page(title="Root", slug="root"))


def _home(site_data: dict, done: Counter) -> HomePage:
    """The HomePage at the root of the default site, replacing Wagtail's welcome page."""
    home = HomePage.objects.first()
    if home:
        return home
    root = Page.get_first_root_node() or _root()
    home = HomePage(title=site_data["title"], slug="home", intro=site_data.get("intro", ""))
    welcome = Page.objects.filter(depth=2, slug="home", content_type__model="page").first()
    if welcome and not welcome.get_children().exists():
        welcome.delete()
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", port=80, is_default_site=True
    )
    site.root_page = home
    site.site_name = site_data["title"]
    site.save()
    done["pages"] += 1
    return home


def _child(parent, model, data: dict, done: Counter, **fields):
    page = model.objects.child_of(parent).filter(slug=data["slug"]).first()
    if page:
        return page
    page = model(title=data["title"], slug=data["slug"], intro=data.get("intro", ""), **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    done["pages"] += 1
    return page


def _article(data: dict, sections: dict, done: Counter) -> None:
    section = sections[data["section"]]
    if ArticlePage.objects.child_of(section).filter(slug=data["slug"]).exists():
        done["skipped articles"] += 1
        return
    label = f'article "{data["slug"]}"'
    page = ArticlePage(
        title=data["title"],
        slug=data["slug"],
        dek=data["dek"],
        display_date=datetime.datetime.fromisoformat(data["display_date"]),
        body=[("paragraph", f"<p>{paragraph}</p>") for paragraph in data["paragraphs"]],
        explainer=ConflictExplainerPage.objects.filter(slug=data.get("explainer")).first(),
        original_publisher=data.get("original_publisher", ""),
        original_url=data.get("original_url", ""),
    )
    for i, slug in enumerate(data["authors"]):
        page.bylines.add(ArticleByline(author=Author.objects.get(slug=slug), sort_order=i))
    actors = Actor.objects.in_bulk(data["actors"], field_name="slug")
    claims = Claim.objects.in_bulk(data["claims"], field_name="slug")
    missing = [s for s in data["actors"] if s not in actors] + [
        s for s in data["claims"] if s not in claims
    ]
    if missing:
        raise DataError(f"{label}: unknown actor or claim slugs: {', '.join(missing)}")
    for i, slug in enumerate(data["actors"]):
        page.actor_links.add(ArticleActorLink(actor=actors[slug], sort_order=i))
    for i, slug in enumerate(data["claims"]):
        page.claim_links.add(ArticleClaimLink(claim=claims[slug], sort_order=i))
    page.tags.add(*data.get("tags", []))
    try:
        section.add_child(instance=page)
    except ValidationError as error:
        raise DataError(f"{label}: {'; '.join(error.messages)}") from None
    page.save_revision().publish()
    done["articles"] += 1


def load_demo(path: Path = DEMO_FILE) -> dict:
    """Build the demo site tree and story; return counts of what was created and skipped."""
    data = read_demo_file(path)
    done = Counter()
    with transaction.atomic():
        site = data["site"]
        home = _home(site["home"], done)
        sections = {s["slug"]: _child(home, SectionPage, s, done) for s in site["sections"]}
        index = _child(home, ConflictIndexPage, site["conflicts_index"], done)
        fact_checked = sections.get(site.get("fact_check_section"))
        workflow = Workflow.objects.filter(name=roles.FACT_CHECK_WORKFLOW).first()
        if fact_checked and workflow:
            WorkflowPage.objects.get_or_create(page=fact_checked, defaults={"workflow": workflow})
        for author in data.get("authors", []):
            _, created = Author.objects.get_or_create(
                slug=author["slug"],
                defaults={"name": author["name"], "role": author.get("role", "")},
            )
            done["authors"] += created
        conflicts = load_conflict_data(data, explainer_parent=index)
        for article in data.get("articles", []):
            _article(article, sections, done)
    return {
        "created": {
            **conflicts["created"],
            **{k: v for k, v in done.items() if "skipped" not in k},
        },
        "skipped": {
            **conflicts["skipped"],
            **{k.split()[1]: v for k, v in done.items() if "skipped" in k},
        },
    }
