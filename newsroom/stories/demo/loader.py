"""Builds the demo site from newsroom/stories/demo/peacekeepers.json, through the models.

The file's "actors", "sources", "explainers" and "claims" are the conflicts plugin's portable
format (conflicts/portable.py); "site", "authors" and "articles" are the newsroom's part:

    "site":     {"home": {"title", "intro"}, "sections": [{"slug", "title", "intro"}],
                 "conflicts_index": {"slug", "title", "intro"}, "fact_check_section": <slug>}
    "authors":  [{"slug", "name", "role", "bio"}]
    "articles": [{"slug", "section": <section slug>, "title", "dek", "authors": [<slug>],
                  "display_date": <ISO datetime with offset>, "paragraphs": [<plain text>],
                  "tags": [...], "explainer": <slug>, "actors": [<slug>, in editor order],
                  "claims": [<slug>], "original_publisher", "original_url",
                  "mentions": [{"paragraph": <1-based>, "text": <words in it>,
                                "actor": <slug> | "claim": <slug>}],
                  "lead_image": {"file": <a file in this folder>, "title", "alt",
                                 "caption", "credit"}}]

A mention marks the first whole-word occurrence of its text in that paragraph as an actor
mention or claim reference (conflicts/richtext.py), so the words stay the seed's. A lead
image is a file shipped in newsroom/stories/demo/ (south-caucasus-locator.png, drawn by
locator_map.py); it is added to the "Newsroom images" collection once (found again by its
contents' hash) with the renditions pages show already made.

Idempotent (what exists, by slug, is left as it is: no update, no new revision) and atomic
(a bad file raises DataError naming the object and field, and changes nothing).
"""

import datetime
import hashlib
import re
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Revision, Site, Workflow, WorkflowPage

from conflicts.models import Actor, Claim, ConflictExplainerPage, ConflictIndexPage
from conflicts.portable import load_conflict_data
from conflicts.portable.files import read_portable_file
from conflicts.portable.rules import (
    SECTIONS,
    DataError,
    check,
    check_fields,
    describe,
    publish,
    stream_value,
)
from newsroom.stories import images, roles
from newsroom.stories.demo.languages import add_language_editions
from newsroom.stories.models import (
    ArticleActorLink,
    ArticleByline,
    ArticleClaimLink,
    ArticlePage,
    Author,
    HomePage,
    SectionPage,
)

DEMO_FILE = Path(__file__).with_name("peacekeepers.json")
IMAGE_DIR = DEMO_FILE.parent  # where a file's lead images are

# The order a summary names things in.
KINDS = ["actors", "sources", "explainers", "claims", "pages", "authors", "articles", "images"]


def load_demo(path=DEMO_FILE, address: str = "") -> dict:
    """Build the demo site tree, context and story; return what was created and skipped.

    address ("127.0.0.1:8000"): where the site is served; the default Wagtail site's
    hostname and port are set to it, so the absolute URLs Wagtail builds from the site
    (canonical links, JSON-LD, sitemap, API) name the address readers use.

    {"created": {"actors": 17, ...}, "skipped": {...}}: skipped things already existed.
    """
    data = read_portable_file(path)
    check_fields(
        data,
        "file",
        {"site"},
        {"format", "authors", "articles", *SECTIONS},
        lists={"authors", "articles", *SECTIONS},
        objects={"site"},
        kind="demo file",
    )
    serve_on = host_and_port(address) if address else None
    done = {"created": Counter(), "skipped": Counter()}
    started = timezone.now()
    with transaction.atomic():
        site = check_fields(
            data["site"],
            "site",
            {"home", "sections", "conflicts_index"},
            {"fact_check_section"},
            lists={"sections"},
            objects={"home", "conflicts_index"},
            kind="site",
        )
        _languages()
        home = _home(site["home"], done)
        sections = {}
        for i, row in enumerate(site["sections"]):
            section = _child(home, SectionPage, row, f"site section {i + 1}", done)
            sections[section.slug] = section
        index = _child(home, ConflictIndexPage, site["conflicts_index"], "conflicts_index", done)
        _fact_check(sections.get(site["fact_check_section"]))
        for i, row in enumerate(data.get("authors") or []):
            _author(row, f"author {i + 1}", done)
        conflicts = load_conflict_data(
            with_words_in_other_languages(
                {key: data[key] for key in ("format", *SECTIONS) if key in data}
            ),
            explainer_parent=index,
        )
        done["created"].update(conflicts["created"])
        done["skipped"].update(conflicts["skipped"])
        editions = add_language_editions(home)
        done["created"]["pages"] += editions["created"]
        done["skipped"]["pages"] += editions["skipped"]
        stories = [
            _article(row, sections, i, done) for i, row in enumerate(data.get("articles") or [])
        ]
        _date_to_the_story(started, [story for story in stories if story])
        if address:
            _serve_on(*serve_on)
    return {key: dict(counts) for key, counts in done.items()}


def _languages() -> None:
    """A locale for each of the site's languages (settings.WAGTAIL_CONTENT_LANGUAGES), as its
    migrations make them, in case the database was emptied since (a flushed test database)."""
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def with_words_in_other_languages(data: dict) -> dict:
    """data with the demo's Armenian and Russian words (translations.json) on its actors' rows
    and its naming policies, so that only what this load creates gets them: what exists is
    left untouched (README, "Context in every language")."""
    words = read_portable_file(DEMO_FILE.with_name("translations.json"))
    actors_words = words["translations"]["actors"]
    actors = [
        {**row, "translations": actors_words[row["slug"]]} if row["slug"] in actors_words else row
        for row in data.get("actors") or []
    ]
    return {**data, "actors": actors, "naming_policies": words.get("naming_policies") or []}


def host_and_port(address: str) -> tuple[str, int]:
    """("127.0.0.1", 8000) from "127.0.0.1:8000"; ValueError naming the address otherwise."""
    hostname, _, port = address.rpartition(":")
    if not hostname or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f'"{address}" is not a host and port (e.g. 127.0.0.1:8000)')
    return hostname, int(port)


def _serve_on(hostname: str, port: int) -> None:
    """Point the default site at hostname:port (saved only if it changes: a second load with
    the same address changes nothing)."""
    site = Site.objects.get(is_default_site=True)
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save()


def _date_to_the_story(started, stories) -> None:
    """Date what this load published to when its story was published (the story's display
    date), not to the load: a story's dateModified and the sitemap's lastmod say when it was
    last edited, and the demo's context went live with its story. Each new story gets its
    own date; the pages, actors, claims, sources and revisions made with them the earliest
    story's. Only what this load published (at or after `started`) changes, so a second load,
    which publishes nothing, changes nothing. The admin's log keeps the load's real time."""
    if not stories:
        return
    when = min(story.display_date for story in stories)
    for model in (Page, Actor, Claim):
        model.objects.filter(first_published_at__gte=started).update(
            first_published_at=when, last_published_at=when
        )
    Page.objects.filter(latest_revision_created_at__gte=started).update(
        latest_revision_created_at=when
    )
    Revision.objects.filter(created_at__gte=started).update(created_at=when)
    for story in stories:
        Page.objects.filter(pk=story.pk).update(
            first_published_at=story.display_date,
            last_published_at=story.display_date,
            latest_revision_created_at=story.display_date,
        )
        Revision.page_revisions.filter(object_id=str(story.pk)).update(
            created_at=story.display_date
        )


def summary(result: dict) -> str:
    """ "created 17 actors, 1 explainer ...; skipped nothing" from load_demo's result."""

    def counts(kind_counts: dict) -> str:
        names = sorted(kind_counts, key=lambda k: KINDS.index(k) if k in KINDS else len(KINDS))
        parts = [
            f"{n} {kind[:-1] if n == 1 and kind.endswith('s') else kind}"
            for kind in names
            if (n := kind_counts[kind])
        ]
        return ", ".join(parts) or "nothing"

    skipped = counts(result["skipped"])
    return f"created {counts(result['created'])}; " + (
        "skipped nothing" if skipped == "nothing" else f"skipped {skipped} (already there)"
    )


def _root() -> Page:
    """The tree's root and default locale, as Wagtail's migrations make them (a flushed DB)."""
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    return Page.add_root(instance=Page(title="Root", slug="root"))


def _page_fields(row, label) -> dict:
    return check_fields(row, label, {"title"}, {"slug", "intro"}, kind="page")


def _add_page(parent: Page, page: Page, label: str) -> None:
    """Add page under parent (Wagtail validates it there) and publish it."""
    try:
        parent.add_child(instance=page)
    except ValidationError as error:
        raise DataError(f"{label}: {describe(error)}") from None
    publish(page, label)


def _home(row, done) -> HomePage:
    """The HomePage at the root of the default site, replacing Wagtail's welcome page."""
    row = _page_fields(row, "site home")
    home = HomePage.objects.first()
    if home:
        done["skipped"]["pages"] += 1
        return home
    root = Page.get_first_root_node() or _root()
    site = Site.objects.filter(is_default_site=True).first()
    # Wagtail's "Welcome to your new Wagtail site!" page: a plain Page with nothing under it.
    plain_page = ContentType.objects.get_for_model(Page)
    for welcome in root.get_children().filter(content_type=plain_page):
        if welcome.get_children().exists():
            continue
        if site and site.root_page_id == welcome.pk:
            # Deleting a site's root page deletes the site: point it at the root meanwhile.
            site.root_page = root
            site.save()
        welcome.delete()
    home = HomePage(title=row["title"], slug=row["slug"] or "home", intro=row["intro"], live=False)
    _add_page(root, home, "site home")
    site = site or Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.site_name = row["title"]
    site.save()
    done["created"]["pages"] += 1
    return home


def _child(parent, model, row, label, done):
    """The page of this model and slug under parent, created and published if missing."""
    row = check_fields(row, label, {"slug", "title"}, {"intro"}, kind="page")
    page = model.objects.child_of(parent).filter(slug=row["slug"]).first()
    if page:
        done["skipped"]["pages"] += 1
        return page
    page = model(title=row["title"], slug=row["slug"], intro=row["intro"], live=False)
    _add_page(parent, page, f'{label} "{row["slug"]}"')
    done["created"]["pages"] += 1
    return page


def _fact_check(section) -> None:
    """Put the section on the fact-check workflow (made by a data migration), if both exist."""
    workflow = Workflow.objects.filter(name=roles.FACT_CHECK_WORKFLOW).first()
    if section and workflow:
        WorkflowPage.objects.get_or_create(page=section, defaults={"workflow": workflow})


def _author(row, label, done) -> Author:
    row = check_fields(row, label, {"slug", "name"}, {"role", "bio"}, kind="author")
    label = f'author "{row["slug"]}"'
    author = Author.objects.filter(slug=row["slug"]).first()
    if author:
        done["skipped"]["authors"] += 1
        return author
    author = Author(slug=row["slug"], name=row["name"], role=row["role"], bio=row["bio"])
    check(author, label)
    author.save()
    done["created"]["authors"] += 1
    return author


def _by_slug(model, slugs, label, key, noun):
    """The model's rows for slugs, in the given order; DataError naming any unknown slug."""
    if any(not isinstance(slug, str) for slug in slugs):
        raise DataError(f"{label}: {key}: expected a list of slugs")
    found = model.objects.in_bulk(slugs, field_name="slug")
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        raise DataError(f'{label}: {key}: no {noun} with the slug "{missing[0]}"')
    return [found[slug] for slug in slugs]


def _article(row, sections, i, done) -> ArticlePage | None:
    """The story, created and published; None if it was there already."""
    row = check_fields(
        row,
        f"article {i + 1}",
        {"slug", "section", "title", "dek", "authors", "display_date", "paragraphs"},
        {
            "tags",
            "explainer",
            "actors",
            "claims",
            "original_publisher",
            "original_url",
            "mentions",
            "lead_image",
        },
        lists={"authors", "paragraphs", "tags", "actors", "claims", "mentions"},
        objects={"lead_image"},
        kind="article",
    )
    label = f'article "{row["slug"]}"'
    section = sections.get(row["section"])
    if section is None:
        raise DataError(f'{label}: section: no section "{row["section"]}" in the file\'s site')
    if ArticlePage.objects.child_of(section).filter(slug=row["slug"]).exists():
        done["skipped"]["articles"] += 1
        return None
    try:
        display_date = datetime.datetime.fromisoformat(row["display_date"])
    except ValueError:
        display_date = None
    if display_date is None or display_date.tzinfo is None:
        raise DataError(
            f'{label}: display_date: "{row["display_date"]}" is not a date and time with an '
            "offset (e.g. 2024-04-17T18:00:00+04:00)"
        )
    if any(not isinstance(p, str) or not p.strip() for p in row["paragraphs"]):
        raise DataError(f"{label}: paragraphs: expected a list of non-empty texts")
    if any(not isinstance(tag, str) for tag in row["tags"]):
        raise DataError(f"{label}: tags: expected a list of names")
    explainer = None
    if row["explainer"]:
        explainer = ConflictExplainerPage.objects.filter(slug=row["explainer"]).first()
        if explainer is None:
            raise DataError(f'{label}: explainer: no explainer with the slug "{row["explainer"]}"')
    paragraphs = _with_mentions(row["paragraphs"], row["mentions"], label)
    image, caption, credit = (
        _lead_image(row["lead_image"], label, done) if row["lead_image"] else (None, "", "")
    )
    page = ArticlePage(
        title=row["title"],
        slug=row["slug"],
        dek=row["dek"],
        display_date=display_date,
        body=stream_value(
            ArticlePage,
            "body",
            [{"type": "paragraph", "value": f"<p>{p}</p>"} for p in paragraphs],
            label,
        ),
        lead_image=image,
        lead_image_caption=caption,
        lead_image_credit=credit,
        explainer=explainer,
        original_publisher=row["original_publisher"],
        original_url=row["original_url"],
        live=False,
    )
    children = [
        (page.bylines, ArticleByline(author=author, sort_order=n), f"{label} author {n + 1}")
        for n, author in enumerate(_by_slug(Author, row["authors"], label, "authors", "author"))
    ]
    children += [
        (page.actor_links, ArticleActorLink(actor=actor, sort_order=n), f"{label} actor {n + 1}")
        for n, actor in enumerate(_by_slug(Actor, row["actors"], label, "actors", "actor"))
    ]
    children += [
        (page.claim_links, ArticleClaimLink(claim=claim, sort_order=n), f"{label} claim {n + 1}")
        for n, claim in enumerate(_by_slug(Claim, row["claims"], label, "claims", "claim"))
    ]
    for relation, child, child_label in children:
        check(child, child_label, exclude=["page"])
        relation.add(child)
    page.tags.add(*row["tags"])
    _add_page(section, page, label)
    done["created"]["articles"] += 1
    return page


def _with_mentions(paragraphs: list[str], mentions: list, label: str) -> list[str]:
    """The plain-text paragraphs as rich text, escaped, with each mention's words marked as
    a mention of its actor or claim (the text itself unchanged)."""
    spans: dict[int, list] = {}
    for n, row in enumerate(mentions, start=1):
        where = f"{label}: mentions {n}"
        if not isinstance(row, dict):
            raise DataError(f"{where}: expected an object with keys")
        number = row.get("paragraph")
        row = check_fields(
            {key: value for key, value in row.items() if key != "paragraph"},
            where,
            {"text"},
            {"actor", "claim"},
            kind="mention (with a paragraph number)",
        )
        kinds = [kind for kind in ("actor", "claim") if row[kind]]
        if len(kinds) != 1:
            raise DataError(f"{where}: give one of actor or claim (the slug it mentions)")
        kind = kinds[0]
        if type(number) is not int or not 1 <= number <= len(paragraphs):  # not true/false
            raise DataError(f"{where}: paragraph: expected a number from 1 to {len(paragraphs)}")
        model = Actor if kind == "actor" else Claim
        target = _by_slug(model, [row[kind]], where, kind, kind)[0]
        text = paragraphs[number - 1]
        taken = spans.setdefault(number, [])
        found = next(
            (
                match
                for match in re.finditer(rf"(?<!\w){re.escape(row['text'])}(?!\w)", text)
                if not any(start < match.end() and match.start() < end for start, end, *_ in taken)
            ),
            None,
        )
        if found is None:
            raise DataError(f'{where}: text: "{row["text"]}" is not in paragraph {number}')
        taken.append((found.start(), found.end(), kind, target.pk))
    marked = []
    for number, text in enumerate(paragraphs, start=1):
        html, at = "", 0
        for start, end, kind, pk in sorted(spans.get(number, [])):
            html += escape(text[at:start])
            html += f'<a linktype="{kind}" id="{pk}">{escape(text[start:end])}</a>'
            at = end
        marked.append(html + escape(text[at:]))
    return marked


def _lead_image(row, label, done) -> tuple:
    """(image, caption, credit) of a story's lead image: the image added to the newsroom's
    collection once (found again by its contents), with the renditions pages show made now
    rather than on a reader's visit."""
    where = f"{label}: lead_image"
    row = check_fields(row, where, {"file", "title", "alt"}, {"caption", "credit"}, kind="image")
    name = row["file"]
    path = IMAGE_DIR / name
    if Path(name).name != name or not path.is_file():
        raise DataError(f'{where}: file: no file "{name}" in {IMAGE_DIR}')
    content = path.read_bytes()
    Image = get_image_model()
    image = Image.objects.filter(file_hash=hashlib.sha1(content).hexdigest()).first()  # noqa: S324
    if image:
        done["skipped"]["images"] += 1
        return image, row["caption"], row["credit"]
    collection = (
        Collection.objects.filter(name=roles.IMAGE_COLLECTION).first()
        or Collection.get_first_root_node()
        or Collection.add_root(name="Root")
    )
    image = Image(title=row["title"], description=row["alt"], collection=collection)
    image.file = ImageFile(path.open("rb"), name=name)
    try:
        image.full_clean(exclude=["file_hash", "file_size"])
    except ValidationError as error:
        raise DataError(f"{where}: {describe(error)}") from None
    image._set_image_file_metadata()
    image.save()
    image.file.close()
    image.get_renditions(*images.EVERY_SPEC)
    done["created"]["images"] += 1
    return image, row["caption"], row["credit"]
