from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """The host site: home, sections, articles and authors.

    The label stays "newsroom", the label of the app this was before the project held
    several: its tables, content types, permissions, migration history and the template
    names newsroom/<model>.html stay what they were.
    """

    name = "newsroom.stories"
    label = "newsroom"
    verbose_name = "Newsroom"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from newsroom import languages, sites
        from newsroom.stories import corrections, navigation, purge

        purge.connect()
        corrections.connect()
        navigation.connect()  # the header's links (navigation.py)
        # The project package has no app of its own: its cached sites are connected here.
        sites.connect()
        languages.connect()  # the home page in each language (newsroom/languages.py)
        declare_cache_rules()


def declare_cache_rules() -> None:
    """What our models' changes drop from the shared cache (caching/rules.py): a story's own
    rows (cached beside its sidebar: story_parts.py) what the story drops; authors, tags and
    images everything, as they show in bylines, tag links and lists across the site."""
    from taggit.models import Tag
    from wagtail.images import get_image_model

    from caching import rules
    from caching.generations import SITE
    from conflicts.sidebar.scopes import page_drops, remember_address
    from newsroom.stories.models import (
        ArticleByline,
        ArticleCorrection,
        ArticleTag,
        Author,
        SectionPage,
    )
    from newsroom.stories.story_parts import STORY_PARTS

    for model in (Author, Tag, get_image_model()):
        rules.declare(model, (SITE, STORY_PARTS))
    # A section's title shows with its stories (partner API items): what any page drops, and
    # the story parts.
    rules.declare(
        SectionPage,
        lambda page, before: {*page_drops(page, before), STORY_PARTS},
        remember=remember_address,
    )
    for row in (ArticleByline, ArticleCorrection, ArticleTag):
        rules.declare(row, rules.AS_PARENT, fallback=(SITE, STORY_PARTS))
