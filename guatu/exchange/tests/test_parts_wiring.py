"""The other parts' sheets (招商, 基金, 科创, 安全) go through the same import page, job, API and CLI as the
ledger's: export → import is a no-op, every way in."""

import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from guatu.exchange import registry
from guatu.exchange.models import ImportJob

pytestmark = pytest.mark.django_db

PARTS = ("leads", "funds", "fund-investments", "innovation-outputs", "hazards", "accidents", "inspections")


def test_every_part_registers_its_sheets():
    assert set(PARTS) <= set(registry.REGISTRY)


@pytest.mark.parametrize("kind", PARTS)
def test_an_exported_sheet_imports_back_as_a_no_op_through_the_cli(kind, tmp_path):
    path = tmp_path / f"{kind}.csv"
    path.write_bytes(registry.export_kind(kind, "csv", user=None))
    out = StringIO()
    call_command("import", str(path), "--kind", kind, "--dry-run", "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert (result["created"], result["updated"], result["errors_total"]) == (0, 0, 0)
    assert result["unchanged"] == result["rows"] > 0


def test_the_import_page_previews_a_part_sheet_in_a_job(demo_client):
    body = registry.export_kind("hazards", "csv", user=None)
    page = demo_client.post("/imports/", {"file": SimpleUploadedFile("隐患.csv", body), "kind": "hazards"},
                            follow=True)  # fmt: skip
    job = page.context["job"]
    assert (job.kind, job.status) == ("hazards", ImportJob.Status.PREVIEWED)
    assert job.preview["unchanged"] == job.preview["rows"] > 0 and not job.preview["can_commit"]
    assert "confirm-import" not in page.content.decode()


def test_the_templates_of_the_parts_are_offered_on_the_page(demo_client):
    page = demo_client.get("/imports/").content.decode()
    assert "/templates/leads.xlsx" in page and "/templates/hazards.xlsx" in page
    assert demo_client.get("/templates/funds.xlsx").status_code == 200


def test_the_api_exports_a_part_sheet(demo_client):
    response = demo_client.get("/api/v1/exports/leads/", {"filetype": "csv"})
    assert response.status_code == 200 and "ZS2024-001" in response.content.decode("utf-8-sig")
