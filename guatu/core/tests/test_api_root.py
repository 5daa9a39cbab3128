"""The API root lists every endpoint of the schema (each app's router only knew its own); the schema stays the
machine file (YAML, or JSON on ?format=json); /api/docs/ is the browsable schema, served locally."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db


def test_the_root_lists_every_path_of_the_schema_with_its_methods(demo_client):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    response = demo_client.get("/api/v1/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    body = response.json()
    listed = {entry["url"].removeprefix("http://testserver"): entry["methods"] for entry in body["endpoints"].values()}
    assert set(listed) == set(schema["paths"])
    assert len(listed) >= 59
    for path, item in schema["paths"].items():
        assert listed[path] == [m.upper() for m in ("get", "post", "put", "patch", "delete") if m in item], path
    assert body["endpoints"]["projects"] == {"url": "http://testserver/api/v1/projects/", "methods": ["GET", "POST"]}
    assert body["endpoints"]["safety/hazards/{id}/transition"]["methods"] == ["POST"]
    assert body["docs"] == "http://testserver/api/docs/"
    assert body["schema"] == "http://testserver/api/schema/"


def test_the_root_asks_for_a_login(client):
    assert client.get("/api/v1/", HTTP_ACCEPT="application/json").status_code in (401, 403)


def test_the_browsable_root_links_the_docs(demo_client):
    response = demo_client.get("/api/v1/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert "http://testserver/api/docs/" in response.content.decode()


def test_the_schema_stays_the_machine_file_in_yaml_and_json(demo_client):
    as_yaml = demo_client.get("/api/schema/")
    assert as_yaml.status_code == 200
    assert yaml.safe_load(as_yaml.content)["openapi"].startswith("3.")
    as_json = demo_client.get("/api/schema/?format=json")
    assert as_json.status_code == 200
    assert "/api/v1/projects/" in json.loads(as_json.content)["paths"]


def test_the_docs_page_loads_swagger_ui_from_guatus_own_static_files(demo_client):
    response = demo_client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts and all('src="/' in tag for tag in scripts), scripts  # no inline script, nothing from elsewhere
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "<style" not in html and " style=" not in html
    assert "http://" not in html.replace("http://testserver", "") and "https://" not in html
    script = demo_client.get("/api/docs/?script=")
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in script.content.decode()
    bundle = demo_client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert bundle.status_code == 200


def test_the_docs_page_sends_a_visitor_to_log_in(client):
    response = client.get("/api/docs/")
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=/api/docs/")
