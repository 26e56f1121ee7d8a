"""What each search result shows: its kind and date, a snippet (the search description, else
the dek, summary, description or explanation) and, for a claim, who said it and the verdict in
words; in a fixed number of queries whatever the number of hits. And the plugin's lists in the
sitemap."""

import datetime

import pytest
from django.utils import timezone

from conflicts.models import Verdict
from tests.factories import (
    ActorFactory,
    ArticlePageFactory,
    ClaimFactory,
    ConflictExplainerPageFactory,
)
from tests.pages import get_page, text_of, warm_site_caches

DAY = timezone.make_aware(datetime.datetime(2024, 4, 17, 12, 0))


def hits(page) -> list[dict]:
    """Each result as a reader reads it."""
    return [
        {
            "kicker": text_of(li.find(class_="kicker")),
            "title": text_of(li.find(class_="search-title")),
            **(
                {"byline": text_of(li.find(class_="search-byline"))}
                if li.find(class_="search-byline")
                else {}
            ),
            **(
                {"verdict": text_of(li.find(class_="verdict"))} if li.find(class_="verdict") else {}
            ),
            "snippet": text_of(li.find(class_="search-snippet"))
            if li.find(class_="search-snippet")
            else "",
        }
        for li in page.select(".search-results li")
    ]


@pytest.fixture
def convoy(site_tree):
    ArticlePageFactory(
        parent=site_tree.news,
        title="Convoy reaches Stepanakert",
        slug="convoy-reaches",
        dek="Aid trucks crossed the Lachin corridor for the first time in months.",
        display_date=DAY,
    )
    ArticlePageFactory(
        parent=site_tree.news,
        title="Convoy turned back",
        slug="convoy-turned-back",
        dek="The long dek nobody should see when a search description is set.",
        search_description="The convoy was turned back at the checkpoint.",
        display_date=DAY - datetime.timedelta(days=3),
    )
    explainer = ConflictExplainerPageFactory(
        parent=site_tree.conflicts,
        title="Convoy blockade explained",
        summary="How the nine-month blockade of the corridor began and ended.",
        last_reviewed=datetime.date(2024, 6, 14),
    )
    actor = ActorFactory(name="Convoy Monitoring Mission", description="Observers of the corridor")
    type(actor).objects.filter(pk=actor.pk).update(last_published_at=DAY)
    ClaimFactory(
        statement="The convoy carried weapons",
        claimant=ActorFactory(name="Ministry of Defence"),
        made_on=datetime.date(2024, 4, 18),
        verdict=Verdict.FALSE,
        verdict_explanation="The inspectors' report lists food and medicine only.",
        conflict=explainer,
    )
    ClaimFactory(
        statement="The convoy will return next week",
        claimant=ActorFactory(name="Dmitry Peskov"),
        made_on=datetime.date(2024, 4, 19),
        verdict="",
        verdict_explanation="",
    )


def test_each_result_shows_its_date_snippet_and_for_claims_the_verdict(client, convoy):
    page = get_page(client, "/search/?q=convoy")

    results = hits(page)
    assert {hit["title"]: hit for hit in results} == {
        "Convoy reaches Stepanakert": {
            "kicker": "Story · 17 April 2024",
            "title": "Convoy reaches Stepanakert",
            "snippet": "Aid trucks crossed the Lachin corridor for the first time in months.",
        },
        "Convoy turned back": {
            "kicker": "Story · 14 April 2024",
            "title": "Convoy turned back",
            "snippet": "The convoy was turned back at the checkpoint.",  # not the dek
        },
        "Convoy blockade explained": {
            "kicker": "Explainer · Reviewed 14 June 2024",
            "title": "Convoy blockade explained",
            "snippet": "How the nine-month blockade of the corridor began and ended.",
        },
        "Convoy Monitoring Mission": {
            "kicker": "Actor · Updated 17 April 2024",
            "title": "Convoy Monitoring Mission",
            "snippet": "Observers of the corridor",
        },
        "The convoy carried weapons": {
            "kicker": "Claim · 18 April 2024",
            "title": "The convoy carried weapons",
            "byline": "Claimed by Ministry of Defence",
            "verdict": "False",
            "snippet": "The inspectors' report lists food and medicine only.",
        },
        "The convoy will return next week": {
            "kicker": "Claim · 19 April 2024",
            "title": "The convoy will return next week",
            "byline": "Claimed by Dmitry Peskov",
            "verdict": "Not yet checked",
            "snippet": "",
        },
    }
    claim = page.find("a", string="The convoy carried weapons").find_parent("li")
    assert text_of(claim.find(class_="search-verdict")) == "Our verdict: False"  # read aloud
    assert claim.time["datetime"] == "2024-04-18"


def test_a_long_snippet_is_cut_to_its_first_words(client, site_tree):
    ArticlePageFactory(parent=site_tree.news, title="Convoy", dek=" ".join(["word"] * 60))

    [hit] = hits(get_page(client, "/search/?q=convoy"))

    assert hit["snippet"] == " ".join(["word"] * 35) + " …"


@pytest.mark.parametrize("n", [2, 6])  # 3n + 1 hits: all on the first page, every kind
def test_results_cost_fixed_queries_whatever_the_number_of_hits(
    client, site_tree, n, django_assert_num_queries
):
    explainer = ConflictExplainerPageFactory(parent=site_tree.conflicts, title="Convoy explainer")
    for i in range(n):
        ArticlePageFactory(parent=site_tree.news, title=f"Convoy story {i}", slug=f"c-{i}")
        ActorFactory(name=f"Convoy actor {i}")
        ClaimFactory(statement=f"Convoy claim {i}", conflict=explainer, verdict=Verdict.DISPUTED)
    warm_site_caches()
    client.get("/search/?q=convoy")

    # view restrictions (stories, explainers), one ranking per kind (4), then one query per
    # kind on the page (4): a hit reading a field it did not load would cost one per hit
    with django_assert_num_queries(2 + 4 + 4):
        page = get_page(client, "/search/?q=convoy")

    shown = hits(page)
    assert len(shown) == min(3 * n + 1, 20)
    claims = [hit for hit in shown if hit["kicker"].startswith("Claim")]
    assert claims and all(hit["verdict"] == "Disputed" for hit in claims)


def test_the_sitemap_lists_the_claims_and_actors_lists_and_how_we_rate_claims(client, site_tree):
    body = client.get("/sitemap.xml").content.decode()

    for address in ("/claims/", "/actors/", "/claims/verdicts/"):
        assert f"<loc>http://localhost{address}</loc>" in body
