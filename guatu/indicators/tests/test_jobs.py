"""Indicator values imported from the import page: preview, confirm, and the access rule (published
statistics are read by everyone and written only within the user's scope)."""

from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from guatu.accounts.roles import Role
from guatu.exchange.models import ImportJob
from guatu.indicators.models import IndicatorValue
from guatu.test import make_user, records_of

pytestmark = pytest.mark.django_db

SHEET = "单位,指标,期间,数值,计量单位,增幅\n柯城区,FAI,2030-01,152300,万元,3.2\n衢州市,FAI,2030-01,1000,亿元,4.1\n"


def upload(client, text: str = SHEET, name: str = "指标.csv") -> ImportJob:
    response = client.post("/imports/", {"file": SimpleUploadedFile(name, text.encode()), "kind": "indicators"})
    assert response.status_code == 302
    return ImportJob.objects.get(token=response.url.rstrip("/").rsplit("/", 1)[-1])


def test_the_import_page_offers_indicator_values(demo_client):
    page = demo_client.get("/imports/").content.decode()
    assert '<option value="indicators">指标数据</option>' in page and "guatu import FILE" not in page


def test_indicator_values_are_previewed_then_imported_from_the_page(demo_client, demo_user):
    """Found: the template was offered on the web, but values imported only by the command line."""
    job = upload(demo_client)
    assert job.status == "previewed" and job.kind == "indicators"
    preview = job.preview
    assert (preview["created"], preview["errors_total"], preview["can_commit"]) == (2, 0, True)
    assert preview["changes"][0]["record"] == "柯城区 · 固定资产投资 · 2030-01"
    assert {c["label"]: c["new"] for c in preview["changes"][0]["changes"]}["数值"] == "15.2300"
    assert not IndicatorValue.objects.filter(year=2030).exists()  # a preview writes nothing
    page = demo_client.get(f"/imports/jobs/{job.token}/").content.decode()
    assert 'id="confirm-import"' in page and "柯城区 · 固定资产投资 · 2030-01" in page

    assert demo_client.post(f"/imports/jobs/{job.token}/commit/").status_code == 302
    job.refresh_from_db()
    assert job.status == "committed" and job.preview["committed"]
    value = IndicatorValue.objects.get(unit__code="330802", indicator__code="FAI", year=2030, month=1)
    assert value.value == D("15.2300") and value.growth_pct == D("3.20")
    record = records_of(value)[-1]
    assert record.user == demo_user and record.reason == "import 指标.csv"


def test_a_scoped_administrator_writes_only_within_the_scope(client):
    admin = make_user("kecheng-admin", Role.CITY_ADMIN, region="330802")
    client.force_login(admin)
    job = upload(client)
    errors = job.preview["errors"]
    assert job.preview["can_commit"] is False and [(e["row"], e["column"]) for e in errors] == [(3, "单位")]
    assert "衢州市" in errors[0]["reason"] and "超出您的权限范围" in errors[0]["reason"]
    assert 'id="confirm-import"' not in client.get(f"/imports/jobs/{job.token}/").content.decode()
    own = upload(client, SHEET.splitlines()[0] + "\n" + SHEET.splitlines()[1] + "\n")
    assert own.preview["can_commit"]
    client.post(f"/imports/jobs/{own.token}/commit/")
    assert IndicatorValue.objects.filter(year=2030).count() == 1


def test_a_reporter_may_read_values_but_not_import_them(officer_client):
    job = upload(officer_client)
    assert 'id="confirm-import"' not in officer_client.get(f"/imports/jobs/{job.token}/").content.decode()
    assert officer_client.post(f"/imports/jobs/{job.token}/commit/").status_code == 403
    assert not IndicatorValue.objects.filter(year=2030).exists()


def test_a_bad_row_names_its_column_as_the_sheet_writes_it(demo_client):
    job = upload(demo_client, "单位,指标,期间,数值,增幅\n柯城区,FAI,2030-01,1,-150\n")
    assert [(e["row"], e["column"]) for e in job.preview["errors"]] == [(2, "增幅")]  # below −100%: refused


def test_the_command_line_imports_as_a_user_within_their_scope(tmp_path):
    make_user("kecheng-admin", Role.CITY_ADMIN, region="330802")
    make_user("kecheng-reporter", Role.REPORTER, region="330802")
    path = tmp_path / "values.csv"
    path.write_text(SHEET, encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="1 bad rows"):
        call_command("import-indicators", str(path), "--as", "kecheng-admin", stderr=err)
    assert "row 3, column unit" in err.getvalue()
    with pytest.raises(CommandError, match="may not import"):
        call_command("import-indicators", str(path), "--as", "kecheng-reporter")
    call_command("import-indicators", str(path), stdout=StringIO())  # the system: everywhere
    assert IndicatorValue.objects.filter(year=2030).count() == 2
