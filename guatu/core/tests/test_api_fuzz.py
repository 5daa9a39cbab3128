"""Schemathesis against the API's own OpenAPI schema: every operation, generated requests (bounded),
as the city administrator through an API token. No server error, and every answer is one the schema
documents (status code, content type, body)."""

from __future__ import annotations

import json

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from guatu.wsgi import application

pytestmark = pytest.mark.django_db

EXAMPLES = 3
# No server error, and every answer one the schema documents. (Whether the server accepts everything
# the schema allows is not asked: cross-field and cross-row rules cannot be written in a schema.)
CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
          checks.response_schema_conformance, checks.response_headers_conformance]  # fmt: skip
# Downloads and uploads whose bodies are files, not JSON: the schema says so; the bodies are checked by
# their own tests (exports, imports).
SKIP = ("/api/v1/exports/", "/api/v1/imports/")


def _schema() -> dict:
    return json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True), default=str))


@pytest.fixture
def connections_kept_open():
    """The WSGI app is called directly, so, as Django's test client does, its requests must not close the
    database connection (PostgreSQL: that would end the test's transaction)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_no_operation_fails_or_answers_outside_its_schema(connections_kept_open):
    from django.contrib.auth import get_user_model

    from guatu.accounts.tokens import issue_token

    headers = {"Authorization": f"Token {issue_token(get_user_model().objects.get(username='demo'))}"}
    schema = schemathesis.openapi.from_dict(_schema())
    schema.app = application
    failures, cases = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path.startswith(SKIP):
            continue

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        def run(case):
            nonlocal cases
            cases += 1
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            run()
        except BaseException as exc:  # every operation is tried; the failures are listed together
            if isinstance(exc, KeyboardInterrupt):
                raise
            failures.append(f"{operation.label}: {str(exc).strip().splitlines()[0:6]}")
    print(f"schemathesis: {cases} cases over {len(list(schema.get_all_operations()))} operations")
    assert not failures, "\n".join(failures)
