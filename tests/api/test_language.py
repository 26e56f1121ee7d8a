"""The partner API in three languages: every article says its `language` (our JSON and ninjs,
valid against IPTC's ninjs 3.1 schema), lists filter by `lang=`, an unknown language is a 400
naming the parameter, and the OpenAPI schema documents both."""

import json
from pathlib import Path

import jsonschema
import pytest

from tests.api.conftest import make_article
from tests.newsroom.languages import edition

NINJS_SCHEMA = json.loads((Path(__file__).parent / "ninjs-schema_3.1.json").read_text())


@pytest.fixture
def stories(site_tree):
    ru_home = edition(site_tree.home, "ru", "Главная")
    ru_news = edition(site_tree.news, "ru", "Новости")
    edition(site_tree.home, "hy", "Գլխավոր")
    english = make_article(site_tree, slug="peacekeepers-leave", title="Peacekeepers leave")
    russian = make_article(
        site_tree, parent=ru_news, slug="mirotvortsy", title="Миротворцы покидают Карабах"
    )
    assert russian.locale.language_code == "ru" and ru_home.live
    return {"en": english, "ru": russian}


def headlines(response) -> list[tuple[str, str]]:
    assert response.status_code == 200, response.content
    return [(item["headline"], item["language"]) for item in response.json()["results"]]


def test_every_article_in_a_list_says_its_language(api, stories):
    assert sorted(headlines(api.get("/api/v1/articles/"))) == [
        ("Peacekeepers leave", "en"),
        ("Миротворцы покидают Карабах", "ru"),
    ]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ru", [("Миротворцы покидают Карабах", "ru")]),
        ("en", [("Peacekeepers leave", "en")]),
        ("hy", []),
    ],
)
def test_lang_filters_the_list(api, stories, lang, expected):
    assert headlines(api.get(f"/api/v1/articles/?lang={lang}")) == expected


@pytest.mark.parametrize("lang", ["fr", "RU", "russian", ""])
def test_an_unknown_language_is_a_400_naming_the_parameter(api, stories, lang):
    response = api.get(f"/api/v1/articles/?lang={lang}")

    assert response.status_code == 400
    body = response.json()
    assert list(body["parameters"]) == ["lang"]
    assert "lang" in body["detail"]
    assert body["parameters"]["lang"][0]


def test_the_detail_and_ninjs_carry_the_language(api, stories):
    russian = stories["ru"]

    detail = api.get(f"/api/v1/articles/{russian.pk}/")
    ninjs = api.get(f"/api/v1/articles/{russian.pk}/?format=ninjs")

    assert detail.json()["language"] == "ru"
    assert detail.json()["url"] == "http://localhost/ru/news/mirotvortsy/"
    item = ninjs.json()
    jsonschema.validate(
        item, NINJS_SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert item["language"] == "ru"
    assert item["uri"] == "http://localhost/ru/news/mirotvortsy/"
    english = api.get(f"/api/v1/articles/{stories['en'].pk}/?format=ninjs").json()
    assert english["language"] == "en"


def test_fields_can_choose_the_language(api, stories):
    response = api.get("/api/v1/articles/?lang=ru&fields=id,language")

    assert response.json()["results"] == [{"id": stories["ru"].pk, "language": "ru"}]


def test_the_schema_documents_lang_and_language(client, db):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()

    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/articles/"]["get"]["parameters"]}
    assert parameters["lang"]["schema"]["enum"] == ["en", "hy", "ru"]
    assert "BCP 47" in parameters["lang"]["description"]
    for name in ("Article", "ArticleDetail"):
        language = schema["components"]["schemas"][name]["properties"]["language"]
        assert language["type"] == "string"
        assert "BCP 47" in language["description"]


def test_a_slug_kept_by_a_translation_finds_each_edition_by_lang(api, stories):
    """Wagtail's Translate keeps the slug: /slug/{slug}/ is the site's language's edition,
    ?lang= another's, never a 500 for finding two."""
    russian = stories["ru"]
    russian.slug = stories["en"].slug
    russian.save_revision().publish()

    default = api.get(f"/api/v1/articles/slug/{russian.slug}/")
    in_russian = api.get(f"/api/v1/articles/slug/{russian.slug}/?lang=ru")
    in_armenian = api.get(f"/api/v1/articles/slug/{russian.slug}/?lang=hy")

    assert (default.status_code, default.json()["headline"]) == (200, "Peacekeepers leave")
    assert (in_russian.status_code, in_russian.json()["language"]) == (200, "ru")
    assert in_russian.json()["headline"] == "Миротворцы покидают Карабах"
    assert in_armenian.status_code == 404
