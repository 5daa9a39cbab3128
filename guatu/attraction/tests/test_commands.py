"""`guatu attraction …`: the summary as text and JSON, as another user, stage moves, conversion, Excel."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from guatu.attraction.models import Lead
from guatu.attraction.tests.conftest import new_lead, signed_lead
from guatu.projects.models import Project

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("attraction", *args, stdout=out)
    return out.getvalue()


def test_the_summary_reads_as_the_articles_register_in_text():
    text = run("summary", "--year", "2024", "--through", "11", "--by", "region")
    assert "签约 16 个 / 98.00 亿元(目标 20 个 / 80.00 亿元,完成 80.0% / 122.5%)" in text
    assert "履约率 37.5%  落地率 25.0%  开工率 6.3%  投产率 0.0%  实际到位 11.30 亿元  产业契合度 96.6%" in text
    assert "柯城区" in text and "龙游县" in text


def test_as_another_user_the_summary_counts_only_their_scope(outsider):
    data = json.loads(run("summary", "--year", "2024", "--as", "outsider", "--json"))
    assert (data["signed"]["count"], data["signed"]["amount_wan"]) == (2, "75000.00")  # 江山市's two
    with pytest.raises(CommandError, match="no such user"):
        run("summary", "--year", "2024", "--as", "nobody")


def test_a_lead_moves_and_converts_from_the_command_line(outsider):
    lead = signed_lead("T-CLI1")
    assert "T-CLI1" in run("transition", "T-CLI1", "--to", "registered", "--on", "2024-04-01")
    assert Lead.objects.get(pk=lead.pk).stage == "registered"
    with pytest.raises(CommandError, match="可转到"):
        run("transition", "T-CLI1", "--to", "producing", "--on", "2024-04-02")
    with pytest.raises(CommandError, match="no lead"):
        run("transition", "T-CLI1", "--to", "land", "--as", "outsider")
    assert "→ project T-CLI1" in run("convert", "T-CLI1")
    assert Project.objects.get(code="T-CLI1").lead == Lead.objects.get(pk=lead.pk)


def test_reminders_default_to_the_latest_reported_month():
    text = run("reminders")
    assert "4 reminder(s) as of 2024-11-30" in text and "[red] ZS2024-014" in text


def test_template_export_and_import_round_trip(tmp_path):
    template = tmp_path / "t.xlsx"
    run("template", "leads", "--out", str(template))
    header = [c.value for c in load_workbook(template).active[2]]
    assert header[:4] == ["线索编号", "项目名称", "简称", "投资方"] and "计划总投资(万元)" in header
    out = tmp_path / "leads.xlsx"
    run("export", "leads", "--out", str(out))
    assert load_workbook(out).active.max_row == 2 + Lead.objects.count()
    assert "0 new, 0 changed, 28 unchanged; 0 error(s)" in run("import", str(out), "--dry-run")


def test_an_import_with_an_error_writes_nothing_and_fails(tmp_path):
    new_lead("T-CLI2")
    sheet = tmp_path / "bad.csv"
    sheet.write_text(
        "线索编号,项目名称,投资方,投资方来源,产业,落地地区,招商方式,计划总投资(万元),领衔领导,线索日期\n"
        "T-CLI3,新项目,某公司,省外,新能源,柯城区,以商招商,5000,某领导,2024-05-01\n"
        "T-CLI4,新项目二,某公司,火星,新能源,柯城区,以商招商,5000,某领导,2024-05-01\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="1 error"):
        run("import", str(sheet))
    assert not Lead.objects.filter(code__in=["T-CLI3", "T-CLI4"]).exists()
