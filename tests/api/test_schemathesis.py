"""Property-based requests from the app's own OpenAPI (schemathesis): no input yields a 5xx.

Every operation, with valid (positive) and invalid (negative) data, as the practitioner and as the
admin (between them every route is reachable past sign-in), on SQLite and PostgreSQL: PostgreSQL
refuses some inputs SQLite accepts (NUL characters, huge integers), so both matter. Schemathesis'
own pytest plugin does not run under this pytest, so each operation's strategy drives Hypothesis here.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from tests.api.conftest import Service, running_service
from tests.api.databases import database
from tests.api.test_authorisation_matrix import MATRIX

pytestmark = pytest.mark.slow
EXAMPLES = 20
OPERATIONS = sorted(k for k in MATRIX if k[1].startswith("/api/"))


@pytest.fixture(scope="module")
def fuzzed(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Service, schemathesis.BaseSchema]]:
    tmp = tmp_path_factory.mktemp("fuzz")
    # Workers run so the health check is green; anything the fuzzer uploads is refused at the door.
    with database(backend, tmp) as url, running_service(tmp, url, workers=True) as svc:
        yield svc, schemathesis.openapi.from_asgi("/openapi.json", svc.client.app)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
@pytest.mark.parametrize("who", ["practitioner", "admin"])
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_no_input_is_a_server_error(
    fuzzed: tuple[Service, schemathesis.BaseSchema], method: str, path: str, who: str, mode: GenerationMode
) -> None:
    svc, schema = fuzzed
    operation = schema[path][method]
    headers = svc.headers(who)

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case: schemathesis.Case) -> None:
        response = case.call(headers=headers)
        case.validate_response(response, checks=[not_a_server_error])

    try:
        run()
    except Unsatisfiable:
        if mode is GenerationMode.NEGATIVE:
            pytest.skip("the schema leaves no invalid input to send here (no parameters, or unconstrained text)")
        raise
