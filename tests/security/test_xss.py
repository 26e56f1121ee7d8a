"""Hostile text in every editor-entered field is shown as text on every page, feed, sitemap,
JSON-LD block and API response: nothing an editor (or an intruder with an editor's login) types
ever runs in a reader's browser or a partner's.

The fields are discovered from the models and the story body's blocks, not listed: a new
text field or block is covered (or, for a block of an unknown kind, fails loudly here).
"""

import json
from html import unescape

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import escape
from lxml import etree
from wagtail import blocks
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock
from wagtail_factories import ImageFactory

from conflicts.models import (
    Actor,
    ActorAffiliation,
    Claim,
    ClaimRelation,
    ClaimSource,
    ConflictExplainerPage,
    ConflictParty,
    KeyFact,
    Source,
    TimelineEvent,
    VerdictChange,
)
from conflicts.models.naming import NamingPolicy, NamingRule
from conflicts.models.translations import ActorTranslation, ClaimTranslation, SourceTranslation
from newsroom.stories.models import (
    ArticleActorLink,
    ArticleByline,
    ArticleClaimLink,
    ArticleCorrection,
    ArticlePage,
    Author,
)
from tests.newsroom.languages import edition, locale

pytestmark = pytest.mark.django_db

PAYLOAD = "Hostile <script>alert(1)</script>\"'><img src=x onerror=alert(1)></script><b>"
# The payload as an editor writes it in the Russian words of an actor, a claim or a source.
PAYLOAD_RU = PAYLOAD.replace("Hostile", "Враждебный")
# Per language: a word of the texts the sidebar shows (an alternate name the naming policy
# replaces), and the payloads it is replaced by: first mention, then every later one.
NAMES = {
    "en": ("Hostile", f"Named first {PAYLOAD}", f"Named later {PAYLOAD}"),
    "ru": ("Враждебный", f"Впервые {PAYLOAD}", f"Далее {PAYLOAD}"),
}
TREE_FIELDS = {"path"}  # treebeard's materialised path: not text anyone types


def rich(payload: str) -> str:
    """What the admin's rich text editor stores when an editor types (or pastes) payload."""
    return f"<p>{escape(payload)}</p>"


RICH = rich(PAYLOAD)


def hostile_value(field, payload=PAYLOAD) -> str:
    """The payload as an editor could enter it in field (rich text: typed into the editor)."""
    if isinstance(field, RichTextField):
        value = rich(payload)
    elif isinstance(field, models.URLField):
        value = "https://example.org/a?x=" + payload.replace(" ", "")
    else:
        value = payload
    return value[: field.max_length] if field.max_length else value


def accepts(field, value) -> bool:
    try:
        field.run_validators(value)
    except ValidationError:
        return False  # e.g. a Wikidata id: the payload never gets in
    return True


def editor_text_fields(model) -> list[models.Field]:
    """Every text field of model an editor fills in and that takes the payload."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and field.editable
        and not field.choices
        and not isinstance(field, models.SlugField)
        and field.name not in TREE_FIELDS
        and accepts(field, hostile_value(field))
    ]


def fill(obj, payload=PAYLOAD, **extra):
    """Put the payload in every editor text field of obj (as the editor would store it)."""
    for field in editor_text_fields(type(obj)):
        setattr(obj, field.name, hostile_value(field, payload))
    for name, value in extra.items():
        setattr(obj, name, value)
    return obj


def hostile_block_value(block, things):
    """A value for block with the payload in every text it holds."""
    if isinstance(block, blocks.StructBlock):
        return {
            name: hostile_block_value(child, things) for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.RichTextBlock):
        return RICH
    if isinstance(block, ImageChooserBlock):
        return things[get_image_model()].pk
    if isinstance(block, SnippetChooserBlock):
        return things[block.target_model].pk
    if isinstance(block, blocks.CharBlock | blocks.TextBlock):
        return PAYLOAD[: block.field.max_length] if block.field.max_length else PAYLOAD
    raise AssertionError(f"No hostile value for a {type(block).__name__}: add one here.")


def hostile_stream(model, things):
    """Every kind of block the model's body offers, once, full of payloads."""
    stream_block = model._meta.get_field("body").stream_block
    raw = [
        {"type": name, "value": hostile_block_value(child, things)}
        for name, child in stream_block.child_blocks.items()
    ]
    return stream_block.to_python(raw)


def test_every_model_with_public_text_is_filled():
    """The discovery reaches every model readers or partners see (a new one must be added)."""
    filled = {
        model
        for app in ("conflicts", "newsroom", "partners")
        for model in apps.get_app_config(app).get_models()
        if editor_text_fields(model)
    }
    not_public = {"Partner", "PartnerAPIKey", "Withdrawal", "FactCheckTask"}
    not_public |= {"WebhookSubscription", "WebhookDelivery"}  # the admin's; payloads are ours
    covered = {
        Actor,
        ActorAffiliation,
        Source,
        Claim,
        ClaimSource,
        ConflictExplainerPage,
        ConflictParty,
        KeyFact,
        TimelineEvent,
        Author,
        ArticlePage,
        ArticleCorrection,
        VerdictChange,
        ActorTranslation,
        ClaimTranslation,
        SourceTranslation,
        NamingPolicy,
        NamingRule,
    }
    pages = {m for m in filled if m.__name__ in {"HomePage", "SectionPage", "ConflictIndexPage"}}
    assert {m for m in filled if m.__name__ not in not_public} == covered | pages


def in_russian(words_model):
    """A row of words in Russian (an actor's, a claim's, a source's): each the Russian payload."""
    return fill(words_model(locale=locale("ru")), payload=PAYLOAD_RU)


def naming_policy(explainer, actor) -> NamingPolicy:
    """The explainer's naming policy: in English and in Russian, a word of the sidebar's texts
    renamed to payloads (so the renamer writes them into what readers see)."""
    policy = fill(NamingPolicy(actor=actor))
    policy.explainers = [explainer]
    for code, (word, first, later) in NAMES.items():
        rule = fill(
            NamingRule(locale=locale(code)),
            alternate_names=word,
            preferred_name=later,
            first_mention=first,
        )
        policy.rules.add(rule)
    policy.save()
    policy.save_revision()
    return policy


@pytest.fixture
def hostile(site_tree):
    """A whole site whose every editor-entered text is the payload, published; with the
    story's Russian edition, whose sidebar shows the Russian words, renamed as the naming
    policy says."""
    image = fill(ImageFactory())
    image.save()
    for page in (site_tree.home, site_tree.news, site_tree.conflicts):
        fill(page.specific, slug=page.slug)
        page.specific.save_revision().publish()
    organisation = fill(Actor(kind="state", slug="kremlin"), image=image, wikidata_id="Q1")
    organisation.save()
    actor = fill(Actor(kind="person", slug="peskov"), image=image)
    actor.translations.add(in_russian(ActorTranslation))
    actor.save()
    fill(ActorAffiliation(actor=actor, organisation=organisation)).save()
    source = fill(Source(kind="news_report"))
    source.translations.add(in_russian(SourceTranslation))
    source.save()
    explainer = fill(ConflictExplainerPage(slug="nk"))
    explainer.body = hostile_stream(ConflictExplainerPage, {})
    explainer.parties.add(fill(ConflictParty(actor=actor)))
    explainer.key_facts.add(fill(KeyFact(source=source)))
    event = fill(TimelineEvent(date="2023-09-19", date_precision="day"))
    explainer.timeline_events.add(event)
    site_tree.conflicts.add_child(instance=explainer)
    event.sources.set([source])
    event.actors.set([actor])
    explainer.save_revision().publish()
    claim = fill(Claim(slug="claim", claimant=actor, made_on="2024-04-17", verdict="disputed"))
    claim.conflict = explainer
    claim.translations.add(in_russian(ClaimTranslation))
    claim.save()
    fill(ClaimSource(claim=claim, source=source, shows="disputes")).save()
    other = fill(Claim(slug="other", claimant=organisation, made_on="2024-04-18"))
    other.save()
    ClaimSource.objects.create(claim=other, source=source)
    ClaimRelation.objects.create(claim=claim, kind="disputes", other=other)
    for snippet in (organisation, actor, claim, other):
        snippet.save_revision().publish()
    author = fill(Author(slug="author"), image=image)
    author.save()
    things = {get_image_model(): image, Actor: actor, Claim: claim}
    story = fill(ArticlePage(slug="story", display_date="2024-04-17T18:00:00+04:00"))
    story.lead_image = image
    story.explainer = explainer
    story.body = hostile_stream(ArticlePage, things)
    story.bylines.add(ArticleByline(author=author))
    story.actor_links.add(ArticleActorLink(actor=actor))
    story.claim_links.add(ArticleClaimLink(claim=claim))
    story.corrections.add(fill(ArticleCorrection(kind="correction")))
    site_tree.news.add_child(instance=story)
    story.tags.add(PAYLOAD)
    story.save_revision().publish()
    claim.save_revision().publish()  # the claim as it was live: "disputed"
    claim.verdict = "confirmed"
    claim.save_revision().publish()  # a verdict change, with the payload as its explanation
    naming_policy(explainer, actor)
    for page in (site_tree.home, site_tree.news):
        edition(page, "ru", PAYLOAD_RU)
    ru_story = edition(story, "ru", PAYLOAD_RU, slug="istoriya")
    return {
        "story": story,
        "ru_story": ru_story,
        "explainer": explainer,
        "actor": actor,
        "claim": claim,
    }


# The only script files a public page may load: the mention cards (conflicts/static/).
OUR_SCRIPTS = {"/static/conflicts/js/mention-cards.js"}


def assert_html_is_inert(html: str, where: str) -> None:
    """No script runs from this HTML but ours: scripts are JSON-LD data or an empty element
    loading one of our own static files, no element has an on* handler, no link or source is
    javascript:. Read by two parsers, as browsers differ."""
    for parser in ("html.parser", "lxml"):
        soup = BeautifulSoup(html, parser)
        for script in soup.find_all("script"):
            if script.get("src"):
                assert script["src"] in OUR_SCRIPTS, (where, parser, str(script)[:200])
                assert not script.string, (where, parser, str(script)[:200])
                continue
            assert script.get("type") == "application/ld+json", (where, parser, str(script)[:200])
            json.loads(script.string)  # still one whole JSON document: nothing broke out
        for element in soup.find_all(True):
            handlers = [name for name in element.attrs if name.lower().startswith("on")]
            assert not handlers, (where, parser, str(element)[:200])
            for name in ("href", "src", "action"):
                value = (element.get(name) or "").strip().lower()
                assert not value.startswith(("javascript:", "data:")), (where, str(element)[:200])


def shown_text(html: str) -> str:
    return BeautifulSoup(html, "html.parser").get_text()


def json_ld_texts(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    return json.dumps(
        [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    )


PAGES = [
    "/",
    "/news/",
    "/news/story/",
    "/conflicts/",
    "/conflicts/nk/",
    "/actors/peskov/",
    "/actors/kremlin/",
    "/claims/claim/",
    "/claims/other/",
    "/search/?q=hostile",
    "/ru/",
    "/ru/news/",
    "/ru/news/istoriya/",
    "/ru/actors/peskov/",
    "/ru/claims/claim/",
]


@pytest.mark.parametrize("url", PAGES)
def test_pages_show_the_payload_as_text_and_run_nothing(client, hostile, url):
    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert_html_is_inert(html, url)
    assert "<script>alert(1)</script>" in shown_text(html)  # shown, as the editor typed it


@pytest.mark.parametrize(("url", "code"), [("/news/story/", "en"), ("/ru/news/istoriya/", "ru")])
def test_the_sidebar_shows_translations_and_policy_names_as_text(client, hostile, url, code):
    """The story's sidebar in its language: the Russian words (quotes and sources' titles as
    written) and the names the policy puts in, first mention then later ones, all as text."""
    html = client.get(url).content.decode()

    assert_html_is_inert(html, url)
    text = shown_text(html)
    _word, first, later = NAMES[code]
    assert f"{first} <script>alert(1)</script>" in text  # the first mention, renamed
    assert f"{later} <script>alert(1)</script>" in text  # a later one
    assert (PAYLOAD_RU in text) == (code == "ru")  # a Russian quote, a source's Russian title


@pytest.mark.parametrize(
    "url", ["/news/story/", "/ru/news/istoriya/", "/actors/peskov/", "/claims/claim/"]
)
def test_json_ld_holds_the_payload_without_breaking_out(client, hostile, url):
    html = client.get(url).content.decode()

    assert "</script>" not in "".join(  # the closing tag never appears inside the data
        s.string for s in BeautifulSoup(html, "html.parser").find_all("script", src=False)
    )
    assert "<script>alert(1)</script>" in json_ld_texts(html)


FEEDS = [
    "/feeds/rss/",
    "/feeds/atom/",
    "/feeds/sections/news/rss/",
    "/feeds/sections/news/atom/",
    "/feeds/conflicts/nk/rss/",
    "/feeds/conflicts/nk/atom/",
    "/feeds/actors/peskov/rss/",
    "/feeds/actors/peskov/atom/",
    "/feeds/corrections/rss/",
    "/feeds/corrections/atom/",
    "/ru/feeds/rss/",
    "/ru/feeds/atom/",
]
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_escape_the_payload_for_feed_readers(client, hostile, url):
    """Feed readers render RSS descriptions and Atom type="html" elements as HTML: what they
    render must run nothing; every other element is text and must parse as XML."""
    response = client.get(url)
    assert response.status_code == 200
    root = etree.fromstring(response.content)

    html_parts = [el.text or "" for el in root.iter("description")]
    html_parts += [
        el.text or ""
        for el in root.iter(f"{ATOM}summary", f"{ATOM}content", f"{ATOM}title", f"{ATOM}subtitle")
        if el.get("type") == "html"
    ]
    assert html_parts, "the feed has no HTML parts to check"
    for part in html_parts:
        assert_html_is_inert(part, url)
    # the payload is there, as escaped text inside escaped HTML
    assert "<script>alert(1)</script>" in unescape(unescape(response.content.decode()))
    assert not list(root.iter("script", "{http://www.w3.org/1999/xhtml}script"))


def test_the_sitemap_is_xml_with_no_script(client, hostile):
    response = client.get("/sitemap.xml")

    root = etree.fromstring(response.content)
    assert not [el for el in root.iter() if isinstance(el.tag, str) and el.tag.endswith("script")]
    assert "/news/story/" in response.content.decode()
    assert "/ru/news/istoriya/" in response.content.decode()


def html_fields(data, path=""):
    """(path, value) of every HTML string in an API response: keys "html" or "*_html"."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str) and (key == "html" or key.endswith("_html")):
                yield f"{path}.{key}", value
            else:
                yield from html_fields(value, f"{path}.{key}")
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from html_fields(item, f"{path}[{i}]")


def strings_of(data) -> list[str]:
    if isinstance(data, dict):
        return [s for value in data.values() for s in strings_of(value)]
    if isinstance(data, list):
        return [s for value in data for s in strings_of(value)]
    return [data] if isinstance(data, str) else []


API = [
    "/api/v1/articles/",
    "/api/v1/articles/slug/story/",
    "/api/v1/articles/slug/story/?format=ninjs",
    "/api/v1/articles/slug/istoriya/?lang=ru",
    "/api/v1/articles/slug/istoriya/?lang=ru&format=ninjs",
    "/api/v1/explainers/",
    "/api/v1/explainers/slug/nk/",
    "/api/v1/actors/",
    "/api/v1/actors/slug/peskov/",
    "/api/v1/claims/",
    "/api/v1/claims/slug/claim/",
    "/api/v1/sources/",
    "/api/v1/corrections/",
]


@pytest.mark.parametrize("url", API)
def test_api_html_fields_are_sanitised_and_text_fields_are_json(api, hostile, url):
    response = api.get(url)

    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/")  # never sniffed as HTML
    data = json.loads(response.content)
    assert PAYLOAD in strings_of(data)  # text fields carry it as the editor typed it
    for where, html in html_fields(data):
        assert_html_is_inert(html, f"{url} {where}")


def test_the_story_api_has_html_fields_to_check(api, hostile):
    data = api.get("/api/v1/articles/slug/story/").json()

    paths = dict(html_fields(data))
    assert ".body_html" in paths
    assert any(".corrections" in p for p in paths)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in paths[".body_html"]


@pytest.mark.parametrize(("slug", "code"), [("story", "en"), ("istoriya", "ru")])
def test_the_story_api_context_carries_translations_and_names_as_json(api, hostile, slug, code):
    """Partners get the sidebar's words as readers do, renamed, as plain JSON strings."""
    context = api.get(f"/api/v1/articles/slug/{slug}/?lang={code}").json()["related_context"]

    _word, first, later = NAMES[code]
    # in reading order (the explainer, the actors, the claims, the timeline): the first
    # mention in the whole sidebar takes the first-mention form, every later one the other
    renamed = [text for text in strings_of(context) if text.startswith((first, later))]
    assert renamed[0].startswith(f"{first} <script>")
    assert len(renamed) > 2
    assert all(text.startswith(f"{later} <script>") for text in renamed[1:])
    assert context["actors"][0]["description"] in renamed
    assert (context["claims"][0]["quote"] == PAYLOAD_RU) == (code == "ru")
    assert (context["claims"][0]["sources"][0]["title"] == PAYLOAD_RU) == (code == "ru")


def test_a_search_for_the_payload_echoes_it_as_text(client, hostile):
    response = client.get("/search/", {"q": PAYLOAD})

    assert response.status_code == 200
    html = response.content.decode()
    assert_html_is_inert(html, "/search/?q=<payload>")
    assert PAYLOAD in shown_text(html)
