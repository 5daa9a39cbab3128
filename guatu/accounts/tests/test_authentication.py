"""HTTP Basic only behind HTTPS; tokens and the session always; the schema names both schemes."""

from __future__ import annotations

import base64

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def basic(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def test_basic_auth_is_refused_over_plain_http_with_a_pointer_to_tokens(reader):
    response = APIClient().get("/api/v1/lists/", HTTP_AUTHORIZATION=basic("reader", "test-pass-2024"))
    assert response.status_code == 401
    assert "HTTPS" in response.json()["detail"] and "Token" in response.json()["detail"]


def test_basic_auth_is_refused_when_https_is_configured_but_the_request_is_plain(reader):
    with override_settings(HTTPS=True):
        response = APIClient().get("/api/v1/lists/", HTTP_AUTHORIZATION=basic("reader", "test-pass-2024"))
    assert response.status_code == 401


@override_settings(HTTPS=True)
def test_basic_auth_is_accepted_under_https_settings(reader):
    response = APIClient().get("/api/v1/lists/", HTTP_AUTHORIZATION=basic("reader", "test-pass-2024"), secure=True)
    assert response.status_code == 200
    wrong = APIClient().get("/api/v1/lists/", HTTP_AUTHORIZATION=basic("reader", "nope"), secure=True)
    assert wrong.status_code == 401


def test_without_credentials_the_api_asks_for_a_token(client):
    response = client.get("/api/v1/lists/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_the_session_still_works_for_the_browsable_api(reader_client):
    assert reader_client.get("/api/v1/lists/").status_code == 200


def test_the_openapi_schema_documents_the_token_and_basic_schemes(reader_client):
    schema = reader_client.get("/api/schema/", {"format": "json"}).json()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["tokenAuth"]["type"] == "apiKey" and schemes["tokenAuth"]["name"] == "Authorization"
    assert "Token gt_" in schemes["tokenAuth"]["description"]
    assert schemes["basicAuth"]["scheme"] == "basic" and "HTTPS" in schemes["basicAuth"]["description"]
    assert {"tokenAuth": []} in schema["paths"]["/api/v1/projects/"]["get"]["security"]
