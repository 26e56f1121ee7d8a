"""Publishing a story updates Wagtail's reference index once, whatever it links
(RelatedContextMixin.save): before, each of its link rows re-indexed the whole page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ReferenceIndex

from tests.conflicts.factories import ActorFactory, ClaimFactory
from tests.conflicts.host.factories import StoryPageFactory


def publish_counting_index_queries(story) -> int:
    with CaptureQueriesContext(connection) as queries:
        story.save_revision().publish()
    return sum('"wagtailcore_referenceindex"' in q["sql"] for q in queries.captured_queries)


@pytest.mark.parametrize("links", [3, 15])
def test_publishing_indexes_every_link_in_the_same_number_of_queries(site_tree, links):
    actors = ActorFactory.create_batch(links)
    claims = [ClaimFactory(claimant=actor) for actor in actors]
    story = StoryPageFactory(parent=site_tree.news, actors=actors, claims=claims)
    story.title = "Convoys leave"

    index_queries = publish_counting_index_queries(story)

    for thing in [*actors, *claims]:
        users = {ref.object_id for ref in ReferenceIndex.get_references_to(thing)}
        assert str(story.pk) in users
    assert index_queries == INDEX_QUERIES


INDEX_QUERIES = 2  # read the page's existing rows, then insert the new ones in one statement
