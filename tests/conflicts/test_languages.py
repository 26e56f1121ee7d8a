"""Context in every language: a story shows its actors, claims, sources and explainer in its
own language, names places as the naming policy says, falls back to English where nothing is
written yet and says so, and costs the same queries whatever the number of links."""

import datetime

import pytest
from django.utils import timezone, translation
from wagtail.models import Site

from conflicts.languages import words_of, words_prefetch
from conflicts.models import (
    Actor,
    ActorTranslation,
    ClaimSource,
    ClaimTranslation,
    NamingPolicy,
    NamingRule,
    SourceTranslation,
    TimelineEvent,
    Verdict,
)
from conflicts.sidebar import sidebar_for
from conflicts.sidebar.build import build_sidebar
from conflicts.sidebar.cache import sidebar_key
from conflicts.templatetags.conflicts_tags import render_sidebar
from tests.conflicts.factories import (
    ActorFactory,
    ClaimFactory,
    ConflictExplainerPageFactory,
    SourceFactory,
    TimelineEventFactory,
)
from tests.conflicts.host.factories import StoryPageFactory

STORY_DATE = timezone.make_aware(datetime.datetime(2024, 4, 17, 12, 0))

NAMES = {
    "en": ("Nikol Pashinyan", "Prime Minister of Armenia"),
    "hy": ("Նիկոլ Փաշինյան", "Հայաստանի վարչապետ"),
    "ru": ("Никол Пашинян", "премьер-министр Армении"),
}
SUMMARIES = {
    "en": "Stepanakert emptied in a week. Khankendi is the Azerbaijani name of Stepanakert.",
    "hy": "Ստեփանակերտը դատարկվեց մեկ շաբաթում։ Խանքենդի։",
    "ru": "Степанакерт опустел за неделю. Ханкенди — азербайджанское название; Степанакерт.",
}
NAMED = {  # the summary as readers see it: first mention, then the preferred name
    "en": "Stepanakert (Khankendi) emptied in a week. Stepanakert is the Azerbaijani name of "
    "Stepanakert.",
    # "Ստեփանակերտը" (with the article) is another word: whole words only are renamed.
    "hy": "Ստեփանակերտը դատարկվեց մեկ շաբաթում։ Ստեփանակերտ։",
    "ru": "Степанакерт (Ханкенди) опустел за неделю. Степанакерт — азербайджанское название; "
    "Степанакерт.",
}


@pytest.fixture
def conflict(site_tree, locales):
    """The explainer in English and its Russian and Armenian translations (pages in those
    locales, as Wagtail's translation makes them), with the Stepanakert naming policy."""
    english = ConflictExplainerPageFactory(
        parent=site_tree.conflicts,
        slug="karabakh",
        title="Nagorno-Karabakh",
        summary=SUMMARIES["en"],
    )
    pages = {"en": english}
    for code, title in (("hy", "Լեռնային Ղարաբաղ"), ("ru", "Нагорный Карабах")):
        pages[code] = ConflictExplainerPageFactory(
            parent=site_tree.conflicts,
            slug=f"karabakh-{code}",
            title=title,
            summary=SUMMARIES[code],
            locale=locales[code],
            translation_key=english.translation_key,
        )
    for page in pages.values():
        TimelineEventFactory(page=page, date=datetime.date(2022, 12, 12), title="Lachin")
    policy = NamingPolicy.objects.create(subject="Stepanakert / Khankendi")
    policy.explainers.set([english])
    policy.save()  # a ParentalManyToManyField is saved with its policy
    for code, preferred, first, others in (
        ("en", "Stepanakert", "Stepanakert (Khankendi)", "Khankendi"),
        ("hy", "Ստեփանակերտ", "", "Խանքենդի"),
        ("ru", "Степанакерт", "Степанакерт (Ханкенди)", "Ханкенди"),
    ):
        NamingRule.objects.create(
            policy=policy,
            locale=locales[code],
            preferred_name=preferred,
            first_mention=first,
            alternate_names=others,
        )
    return pages


@pytest.fixture
def pashinyan(locales):
    actor = ActorFactory(name=NAMES["en"][0], description=NAMES["en"][1])
    for code in ("hy", "ru"):
        name, description = NAMES[code]
        ActorTranslation.objects.create(
            actor=actor, locale=locales[code], name=name, description=description
        )
    return actor


@pytest.fixture
def claim(pashinyan, locales):
    claim = ClaimFactory(
        statement="Armenia will not join the CSTO summit",
        claimant=pashinyan,
        verdict=Verdict.CONFIRMED,
        verdict_explanation="He did not attend.",
        sources=0,
    )
    source = SourceFactory(title="Pashinyan skips the summit", publisher="Armenpress")
    ClaimSource.objects.create(claim=claim, source=source, shows="reports")
    ClaimTranslation.objects.create(
        claim=claim, locale=locales["ru"], statement="Армения не примет участия в саммите ОДКБ"
    )
    SourceTranslation.objects.create(
        source=source, locale=locales["ru"], title="Пашинян пропускает саммит"
    )
    return claim


def story_in(code, site_tree, conflict, locales, **kwargs):
    return StoryPageFactory(
        parent=site_tree.news,
        slug=f"story-{code}-{kwargs.pop('n', 0)}",
        explainer=conflict["en"],  # Wagtail's translation keeps the English explainer linked
        locale=locales[code],
        display_date=STORY_DATE,
        **kwargs,
    )


@pytest.mark.parametrize("code", ["en", "hy", "ru"])
def test_a_story_shows_its_context_in_its_language_with_the_policy_applied(
    code, site_tree, conflict, locales, pashinyan
):
    story = story_in(code, site_tree, conflict, locales, actors=[pashinyan])

    context = build_sidebar(story)
    html = render_sidebar(context)

    assert context.language == code
    assert context.explainer.title == conflict[code].title
    assert context.explainer.summary == NAMED[code]
    assert context.explainer.lang == code
    name, description = NAMES[code]
    assert f'<a href="/actors/{pashinyan.slug}/">{name}</a>' in html
    assert f'<span class="actor-description">, {description}</span>' in html
    assert "not yet translated" not in html
    assert f">{NAMED[code]}</p>" in html


def test_a_missing_translation_falls_back_to_english_and_says_so(
    site_tree, conflict, locales, claim
):
    nobody = ActorFactory(name="Dmitry Peskov", description="Kremlin spokesperson")
    story = story_in("ru", site_tree, conflict, locales, actors=[nobody], claims=[claim])

    html = render_sidebar(build_sidebar(story))

    assert (
        f'<a href="/actors/{nobody.slug}/" lang="en">Dmitry Peskov</a>'
        '<span class="actor-description" lang="en">, Kremlin spokesperson</span>'
        ' <span class="fallback-note">(ещё не переведено)</span>'  # "not yet translated"
    ) in html
    # The statement and the source's title are in Russian; the explanation is not, yet.
    assert (
        f'<a href="{claim.get_absolute_url()}">Армения не примет участия в саммите ОДКБ</a>' in html
    )
    assert (
        '<p class="verdict-explanation" lang="en">He did not attend. '
        '<span class="fallback-note">(ещё не переведено)</span></p>'
    ) in html
    assert ">Пашинян пропускает саммит</a>" in html
    assert "Вердикт: Подтверждено" in html  # the verdict is a fact: its label is gettext's
    assert '<span class="shows">Сообщает, что заявление было сделано:</span>' in html


def test_an_armenian_story_without_an_armenian_explainer_shows_the_english_one_marked(
    site_tree, conflict, locales
):
    conflict["hy"].unpublish()
    story = story_in("hy", site_tree, conflict, locales)

    html = render_sidebar(build_sidebar(story))

    assert '<a href="/conflicts/karabakh/" lang="en">Nagorno-Karabakh</a>' in html
    assert "(դեռ թարգմանված չէ)" in html  # "not yet translated", from the catalogue


@pytest.mark.parametrize(("code", "queries"), [("en", 8), ("hy", 11), ("ru", 11)])
@pytest.mark.parametrize("links", [3, 30])
def test_the_sidebar_costs_the_same_queries_in_every_language_whatever_its_links(
    code, queries, links, site_tree, conflict, locales, django_assert_num_queries
):
    """8 (test_context.py says which); a story not in English pays one more query each for
    the actors', claims' and sources' words."""
    actors = ActorFactory.create_batch(links)
    claims = [ClaimFactory(claimant=actor, sources=2) for actor in actors]
    for actor, claim in zip(actors, claims, strict=True):
        ActorTranslation.objects.create(actor=actor, locale=locales["ru"], name=f"Р {actor.pk}")
        ClaimTranslation.objects.create(claim=claim, locale=locales["ru"], statement="Заявление")
    story = story_in(code, site_tree, conflict, locales, actors=actors, claims=claims)
    story_in(code, site_tree, conflict, locales, n=1)  # one more story in the language
    story = type(story).objects.get(pk=story.pk)
    Site.get_site_root_paths()

    with django_assert_num_queries(queries):
        context = build_sidebar(story)

    assert len(context.actors) == len(context.claims) == links
    assert len(context.more_stories) == 1
    assert {a.lang for a in context.actors} == {"ru" if code == "ru" else "en"}


def test_more_stories_are_in_the_storys_language(site_tree, conflict, locales):
    english = story_in("en", site_tree, conflict, locales)
    story_in("en", site_tree, conflict, locales, n=1, title="Another English story")
    russian = story_in("ru", site_tree, conflict, locales, title="Русская история")

    assert [s.title for s in build_sidebar(english).more_stories] == ["Another English story"]
    assert build_sidebar(russian).more_stories == []


def test_the_sidebar_is_cached_per_language(site_tree, conflict, locales):
    english = story_in("en", site_tree, conflict, locales)
    russian = story_in("ru", site_tree, conflict, locales, n=1)

    assert sidebar_key(english, None).endswith(f":locale-{locales['en'].pk}")
    assert sidebar_key(russian, None).endswith(f":locale-{locales['ru'].pk}")


def test_a_verdict_change_shows_in_every_language_at_once(
    sidebar_cache_on, site_tree, conflict, locales, claim
):
    stories = {
        code: story_in(code, site_tree, conflict, locales, claims=[claim])
        for code in ("en", "hy", "ru")
    }
    before = {code: sidebar_for(story).claims[0].verdict for code, story in stories.items()}
    assert set(before.values()) == {Verdict.CONFIRMED}

    claim.verdict = Verdict.DISPUTED
    claim.verdict_explanation = "He sent a deputy."
    claim.save_revision().publish()

    for code, story in stories.items():
        [card] = sidebar_for(type(story).objects.get(pk=story.pk)).claims
        assert (card.verdict, card.verdict_label) == (Verdict.DISPUTED, "Disputed"), code
    assert card.verdict_explanation == "He sent a deputy."  # Russian: not written, falls back


def test_publishing_new_russian_words_moves_the_russian_sidebar(
    sidebar_cache_on, site_tree, conflict, locales, pashinyan
):
    russian = story_in("ru", site_tree, conflict, locales, actors=[pashinyan])
    assert sidebar_for(russian).actors[0].name == "Никол Пашинян"

    actor = Actor.objects.get(pk=pashinyan.pk)
    words = actor.translations.get(locale=locales["ru"])
    words.description = "премьер-министр Республики Армения"
    actor.translations = [words, *actor.translations.exclude(pk=words.pk)]
    actor.save_revision().publish()

    [card] = sidebar_for(type(russian).objects.get(pk=russian.pk)).actors
    assert card.description == "премьер-министр Республики Армения"


def test_a_sources_new_russian_title_moves_the_sidebars_citing_it(
    sidebar_cache_on, site_tree, conflict, locales, claim
):
    russian = story_in("ru", site_tree, conflict, locales, claims=[claim])
    assert sidebar_for(russian).claims[0].sources[0].title == "Пашинян пропускает саммит"

    words = SourceTranslation.objects.get(locale=locales["ru"])
    words.title = "Пашинян не поехал на саммит"
    words.save()

    [card] = sidebar_for(type(russian).objects.get(pk=russian.pk)).claims
    assert card.sources[0].title == "Пашинян не поехал на саммит"


def test_words_of_an_actor_and_its_bulk_prefetch(locales, pashinyan, django_assert_num_queries):
    ActorFactory(name="No Russian words")

    with django_assert_num_queries(2):
        actors = list(Actor.objects.order_by("name").prefetch_related(words_prefetch(Actor, "ru")))
    with django_assert_num_queries(0):
        words = [words_of(actor, "ru") for actor in actors]

    assert [(w["name"], w.lang, w.is_fallback) for w in words] == [
        ("Никол Пашинян", "ru", False),
        ("No Russian words", "en", True),
    ]
    assert words_of(pashinyan, "en")["name"] == "Nikol Pashinyan"


def test_the_default_language_has_no_translation_row(locales, pashinyan):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as raised:
        ActorTranslation(actor=pashinyan, locale=locales["en"], name="Nikol").full_clean()
    assert "choose another language" in str(raised.value.message_dict["locale"])


def test_an_actors_revision_keeps_its_words_in_every_language(locales, pashinyan):
    revision = pashinyan.save_revision()

    restored = revision.as_object()

    assert sorted(t.name for t in restored.translations.all()) == [
        "Никол Пашинян",
        "Նիկոլ Փաշինյան",
    ]


def test_the_demos_translations_load_onto_its_actors_with_the_naming_policies(site_tree, locales):
    """newsroom/stories/demo/translations.json, loaded after the demo's conflict data: every
    demo actor has its Armenian and Russian name and description, published."""
    import json
    from pathlib import Path

    from conflicts.portable import SECTIONS, load_conflict_data

    demo = Path(__file__).resolve().parents[2] / "newsroom" / "stories" / "demo"
    data = json.loads((demo / "peacekeepers.json").read_text(encoding="utf-8"))
    load_conflict_data(
        {k: data[k] for k in ("format", *SECTIONS) if k in data}, site_tree.conflicts
    )
    words = json.loads((demo / "translations.json").read_text(encoding="utf-8"))

    result = load_conflict_data(words, explainer_parent=site_tree.conflicts)
    again = load_conflict_data(words, explainer_parent=site_tree.conflicts)

    assert result["created"] == {"translations": 2 * len(data["actors"]), "naming policies": 2}
    assert again["created"] == {}
    peskov = Actor.objects.get(slug="dmitry-peskov")
    assert words_of(peskov.live_revision.as_object(), "ru")["name"] == "Дмитрий Песков"
    csto = Actor.objects.get(slug="csto")
    assert words_of(csto, "hy")["aliases"] == "ՀԱՊԿ"


def test_partners_get_the_sidebar_in_the_storys_language_with_each_cards_language(
    site_tree, conflict, locales, claim
):
    from conflicts.api.serializers import RelatedContextSerializer

    story = story_in("ru", site_tree, conflict, locales, claims=[claim])

    data = RelatedContextSerializer(build_sidebar(story)).data

    assert data["language"] == "ru"
    assert data["explainer"]["summary"] == NAMED["ru"]
    [card] = data["claims"]
    assert (card["statement"], card["lang"]) == ("Армения не примет участия в саммите ОДКБ", "ru")
    assert (card["verdict_explanation"], card["verdict_explanation_lang"]) == (
        "He did not attend.",
        "en",
    )
    assert card["claimant"]["name"] == "Никол Пашинян"
    assert card["sources"][0]["title_lang"] == "ru"


def test_a_timeline_date_reads_in_the_active_language():
    """Dates are words: a day takes the month's form used in dates, a month alone its name."""
    event = TimelineEvent(date=datetime.date(2023, 9, 19), date_precision="day")
    with translation.override("ru"):
        assert event.display_date == "19 сентября 2023"
    with translation.override("en"):
        assert event.display_date == "19 September 2023"
    event.date_precision = "month"
    with translation.override("ru"):
        assert event.display_date == "Сентябрь 2023"
