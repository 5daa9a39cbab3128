"""Excel in and out through the exchange: templates, export → import changes nothing, errors name the row
and column, and nothing is written outside the importer's scope."""

import io

import pytest
from openpyxl import load_workbook

from guatu.exchange.registry import export_kind, import_kind, template_kind
from guatu.safety.models import Accident, Hazard, Inspection
from guatu.test import records_of

pytestmark = pytest.mark.django_db


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["inspections", "hazards", "accidents"])
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_exporting_and_importing_the_same_rows_changes_nothing(tmp_path, kind, fmt):
    path = tmp_path / f"{kind}.{fmt}"
    path.write_bytes(export_kind(kind, fmt, user=None))
    preview = import_kind(path, kind, user=None, commit=True)
    expected = {"inspections": 14, "hazards": 14, "accidents": 3}[kind]
    assert (preview.rows, preview.unchanged, preview.created, preview.updated, preview.errors) == (
        expected,
        expected,
        0,
        0,
        [],
    )


def test_templates_carry_the_headers_officers_use():
    sheet = load_workbook(io.BytesIO(template_kind("hazards"))).active
    headers = [c.value for c in sheet[2]]
    assert headers[:7] == ["隐患编号", "检查编号", "隐患等级", "隐患描述", "发现日期", "整改责任人", "整改期限"]


def test_a_new_hazard_is_imported_with_its_words_and_recorded(tmp_path, officer):
    csv = "隐患编号,检查编号,隐患等级,隐患描述,发现日期,整改责任人,整改期限,挂牌督办,督办级别\n"
    csv += "YH-X-1,AJ-2024-013,重大,塔吊基础积水,2024年11月13日,总包项目经理,2024/12/31,是,市级\n"
    preview = import_kind(write(tmp_path, "隐患.csv", csv), "hazards", user=officer, commit=True)
    assert preview.committed and preview.created == 1
    h = Hazard.objects.get(code="YH-X-1")
    assert (h.grade, h.status, h.supervision_level, str(h.deadline)) == ("major", "found", "city", "2024-12-31")
    assert records_of(h)[0].username == "officer"


def test_bad_rows_are_named_and_nothing_is_written(tmp_path):
    csv = "隐患编号,检查编号,隐患等级,隐患描述,发现日期,整改责任人,整改期限,整改状态\n"
    csv += "YH-X-2,AJ-2024-013,特大,描述,2024-11-13,甲,2024-12-31,\n"
    csv += "YH-X-3,AJ-NONE,一般,描述,2024-11-13,甲,2024-12-31,\n"
    csv += "YH-2024-001,AJ-2024-001,一般,车间安全出口指示标志损坏,2024-01-16,张伟(安全主管),2024-01-26,待整改\n"
    csv += "YH-X-4,AJ-2024-013,重大,描述,2024-11-13,甲,2024-12-31,\n"
    preview = import_kind(write(tmp_path, "坏.csv", csv), "hazards", user=None, commit=True)
    errors = {(e["row"], e["column"]): e["reason"] for e in preview.errors}
    assert errors[(2, "隐患等级")] == "“特大” is not one of 一般、重大"
    assert errors[(3, "检查编号")] == "no inspection with number “AJ-NONE”"
    assert errors[(4, "整改状态")] == "隐患不能从“已销号”办理为“待整改”。"
    assert errors[(5, "挂牌督办")] == "重大隐患须挂牌督办。"
    assert not preview.committed and not Hazard.objects.filter(code__startswith="YH-X-").exists()


def test_an_accident_class_that_disagrees_with_the_figures_is_an_error(tmp_path):
    csv = "事故编号,发生日期,事故概况,事故单位,所在地区,死亡人数,重伤人数,直接经济损失(亿元),事故等级\n"
    csv += "SG-X-1,2024-10-01,火灾事故,某企业,龙游县,0,0,0.5,一般\n"
    csv += "SG-X-2,2024-10-02,坍塌事故,某企业,龙游县,3,0,0,较大\n"
    preview = import_kind(write(tmp_path, "事故.csv", csv), "accidents", user=None, commit=True)
    assert [(e["row"], e["column"], e["reason"]) for e in preview.errors] == [
        (2, "事故等级", "the figures make it 重大事故, not 一般事故")  # 0.5亿元 = 5000万元: 重大
    ]
    assert not Accident.objects.filter(code__startswith="SG-X-").exists()
    fixed = csv.replace("0.5,一般", "0.5,重大")
    preview = import_kind(write(tmp_path, "事故2.csv", fixed), "accidents", user=None, commit=True)
    assert preview.committed and Accident.objects.get(code="SG-X-1").direct_loss == 5000


def test_an_outsider_cannot_import_into_another_county(tmp_path, outsider):
    csv = "检查编号,检查日期,检查人员,被检查单位,所在地区\nAJ-X-1,2024-11-01,王五,某企业,柯城区\n"
    preview = import_kind(write(tmp_path, "检查.csv", csv), "inspections", user=outsider, commit=True)
    assert not preview.committed and preview.errors[0]["reason"] == (
        "您不能新增此安全检查：它超出了您的角色或管辖范围。"
    )
    assert not Inspection.objects.filter(code="AJ-X-1").exists()
    ok = csv.replace("柯城区", "江山市")
    assert import_kind(write(tmp_path, "检查2.csv", ok), "inspections", user=outsider, commit=True).committed


def test_a_column_the_sheet_does_not_carry_is_left_as_it_is(tmp_path):
    csv = '检查编号,检查日期,检查人员,项目代码\nAJ-2024-009,2024-09-18,"王建国、赵刚",2024-330803-004\n'
    preview = import_kind(write(tmp_path, "检查.csv", csv), "inspections", user=None, commit=True)
    assert preview.unchanged == 1 and Inspection.objects.get(code="AJ-2024-009").findings.startswith("危险化学品")
