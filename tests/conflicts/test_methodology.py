"""How we rate claims (/claims/verdicts/): every verdict of the fixed vocabulary, what
"Reported" means, and how a verdict changes."""

import pytest
from django.core.exceptions import ValidationError

from conflicts.methodology import MEANINGS, UNCHECKED_MEANING
from conflicts.models import Verdict
from tests.conflicts.factories import ClaimFactory
from tests.conflicts.reader_pages import section_titled
from tests.pages import get_page, text_of

URL = "/claims/verdicts/"


def test_every_verdict_has_a_meaning():
    """A verdict added to the vocabulary without saying what it means fails here."""
    assert set(MEANINGS) == set(Verdict)
    assert all(str(meaning).strip() for meaning in MEANINGS.values())


def test_the_page_explains_each_verdict_in_the_vocabularys_order(client, db):
    page = get_page(client, URL)

    rows = page.select(".verdict-scale-row")
    assert [(row["id"], text_of(row.dt)) for row in rows] == [
        *((f"verdict-{verdict.value}", str(verdict.label)) for verdict in Verdict),
        ("verdict-unchecked", "Not yet checked"),
    ]
    assert [text_of(row.dd) for row in rows] == [
        *(str(MEANINGS[verdict]) for verdict in Verdict),
        str(UNCHECKED_MEANING),
    ]
    assert text_of(page.h1) == "How we rate claims"


def test_the_page_says_reported_is_no_finding_and_how_a_verdict_changes(client, db):
    page = get_page(client, URL)

    reported = text_of(section_titled(page, "“Reported” is not a finding"))
    assert "It is no finding of ours" in reported
    assert "we do not mark it up for search engines as a fact check" in reported
    changes = text_of(section_titled(page, "When a verdict changes"))
    assert "with its date and the verdict before and after" in changes
    assert page.find("a", string="All the claims we checked")["href"] == "/claims/"


def test_the_methodology_page_is_kept_by_shared_caches(client, db):
    response = client.get(URL)

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=600"


@pytest.mark.django_db
def test_a_claim_never_takes_the_methodology_pages_address():
    """A statement that slugifies to "verdicts" gets "verdicts-2"; typing it is a form error."""
    made = ClaimFactory(statement="Verdicts", slug="")
    assert made.slug == "verdicts-2"

    made.slug = "verdicts"
    with pytest.raises(ValidationError) as refused:
        made.full_clean()
    assert "slug" in refused.value.message_dict
