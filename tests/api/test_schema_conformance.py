"""Schemathesis drives every GET operation of /api/v1/schema/ over real HTTP, with the demo
data loaded and a valid key: no server error, and every answer (status code, content type,
headers, body) is one the schema documents.

Three passes per operation: values the schema allows (positive), values it forbids
(negative: they must be refused with a documented 4xx), and, for details, every demo object
by id and by slug, so real bodies (an article with its related context, ninjs, claims with
sources) are checked against the schema and not only 404s.
"""

import pytest
import schemathesis
from django.core.management import call_command
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from rest_framework.test import APIClient
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from newsroom.partners.models import Partner, PartnerAPIKey

POSITIVE = schemathesis.GenerationMode.POSITIVE
NEGATIVE = schemathesis.GenerationMode.NEGATIVE
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
MODE_CHECKS = {POSITIVE: CHECKS, NEGATIVE: [*CHECKS, negative_data_rejection]}
# Generated examples per operation: enough to reach every parameter and kind of value, few
# enough for CI (the passes take about 30 s after the demo is loaded).
EXAMPLES = {POSITIVE: 15, NEGATIVE: 10}
LISTS = ["articles", "explainers", "actors", "claims", "sources"]


@pytest.fixture
def demo_api(live_server, transactional_db):
    """The demo site served over HTTP, and a key whose rate the run cannot exhaust."""
    call_command("load_demo", verbosity=0)
    partner = Partner.objects.create(name="Schema check", throttle_rate="100000/hour")
    _, key = PartnerAPIKey.objects.create_key(partner=partner, name="schemathesis")
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/schema/?format=json")
    return schema, live_server.url, {"Authorization": f"Api-Key {key}"}


def generated(operation, mode, base_url, headers):
    """Run the operation on Hypothesis-generated requests (no shrinking: the first failing
    example is reported as it came)."""

    @settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode, headers=headers))
    def run(case):
        case.call_and_validate(base_url=base_url, checks=MODE_CHECKS[mode])

    run()


def demo_objects(headers) -> dict[str, list[dict]]:
    """Every public demo object, by endpoint, as the lists give them."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=headers["Authorization"])
    found = {}
    for name in LISTS:
        response = client.get(f"/api/v1/{name}/?page_size=100")
        assert response.status_code == 200, response.content
        found[name] = response.json()["results"]
        assert found[name], f"the demo has no public {name}"
    return found


def detail_cases(operation, objects, headers):
    """One request per demo object for a detail operation; articles also as ninjs."""
    name = operation.path.split("/")[3]
    formats = [None, "ninjs"] if name == "articles" else [None]
    key = "slug" if operation.path.endswith("{slug}/") else "id"
    for obj in objects[name]:
        for fmt in formats:
            query = {"format": fmt} if fmt else None
            yield operation.Case(path_parameters={key: obj[key]}, headers=headers, query=query)


def test_every_get_operation_answers_as_the_schema_says(demo_api):
    schema, base_url, headers = demo_api
    operations = [result.ok() for result in schema.get_all_operations()]
    objects = demo_objects(headers)
    assert {op.method.upper() for op in operations} == {"GET"}
    assert len(operations) == 16  # 5 lists, 5 details by id, 4 by slug, withdrawn, corrections

    failures = []
    checked = 0
    for operation in operations:
        for mode in (POSITIVE, NEGATIVE):
            try:
                generated(operation, mode, base_url, headers)
            except Unsatisfiable:
                # A free-text slug in the path has no invalid value to send.
                assert mode == NEGATIVE and "{slug}" in operation.path, operation.label
            except (AssertionError, BaseExceptionGroup) as error:  # report all, then fail
                failures.append(f"{operation.label} ({mode.value}):\n{error}")
        if "{" in operation.path:
            for case in detail_cases(operation, objects, headers):
                response = case.call(base_url=base_url)
                assert response.status_code == 200, (operation.label, case.path_parameters)
                try:
                    case.validate_response(response, checks=CHECKS)
                except (AssertionError, BaseExceptionGroup) as error:
                    failures.append(f"{operation.label} {case.path_parameters}:\n{error}")
                checked += 1

    assert not failures, "\n\n".join(failures)
    assert checked == 2 * sum(len(found) for found in objects.values()) - len(
        objects["sources"]  # sources have no slug route
    ) + 2 * len(objects["articles"])  # ninjs, by id and by slug
