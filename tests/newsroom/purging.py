"""What the purge tests share beside conftest.py's `world`: the site's address, and a newer
story on world's conflict."""

from tests.factories import ArticlePageFactory

SITE = "http://localhost"


def newest_story_on_the_conflict(world):
    """A story on world's conflict, dated after every other (/news/newest/)."""
    return ArticlePageFactory(
        parent=world["story"].get_parent(),
        slug="newest",
        explainer=world["explainer"],
        display_date="2030-01-01T12:00:00Z",
    )
