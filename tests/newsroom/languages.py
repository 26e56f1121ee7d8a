"""The site in three languages for tests: a page's edition in another language, made as the
admin's "Translate" action makes it (Wagtail's copy for translation), titled and published."""

from types import SimpleNamespace

from wagtail.models import Locale

from tests.factories import ArticlePageFactory


def locale(code: str) -> Locale:
    """The locale (made by migration newsroom 0014; again after a transactional flush)."""
    return Locale.objects.get_or_create(language_code=code)[0]


def edition(page, code: str, title: str, **fields):
    """page's live translation into `code`, with a revision, as an editor would publish it."""
    copy = page.specific.copy_for_translation(locale(code))
    copy.title = title
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


def three_languages(site_tree) -> SimpleNamespace:
    """Armenian and Russian homes and News sections beside the English ones, and one story in
    Russian only (the English site_tree's stories stay English only)."""
    hy_home = edition(site_tree.home, "hy", "Գլխավոր")
    ru_home = edition(site_tree.home, "ru", "Главная")
    hy_news = edition(site_tree.news, "hy", "Լուրեր")
    ru_news = edition(site_tree.news, "ru", "Новости")
    ru_story = ArticlePageFactory(
        parent=ru_news,
        slug="mirotvortsy-pokidayut-karabakh",
        title="Российские миротворцы покидают Карабах",
        dek="Кремль подтвердил вывод контингента.",
    )
    return SimpleNamespace(
        hy_home=hy_home, ru_home=ru_home, hy_news=hy_news, ru_news=ru_news, ru_story=ru_story
    )
