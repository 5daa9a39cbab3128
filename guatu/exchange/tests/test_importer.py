"""Importing sheets as officers keep them, with a preview and all-or-nothing commit."""

import io
import zipfile
from decimal import Decimal as D

import pytest
from openpyxl import Workbook

from guatu.exchange.importer import ImportError_, import_file
from guatu.exchange.reader import UnreadableFile
from guatu.projects.models import MonthlyReport, Project
from guatu.test import make_project, records_of

pytestmark = pytest.mark.django_db


def real_world_sheet(path, rows):
    """Title rows, a two-row merged header ("本年完成投资" over 当月/累计), units in the header,
    a 合计 row, a blank row and notes under the table — as a county office sends it."""
    book = Workbook()
    sheet = book.active
    sheet.title = "10月"
    sheet.append(["衢州市重点项目月度进展情况表"])
    sheet.append(["填报单位:柯城区发改局", None, None, "单位:亿元"])
    sheet.append(["序号", "项目名称", "填报月份", "本年完成投资(亿元)", None, "形象进度", "项目阶段", "存在问题"])
    sheet.append([None, None, None, "当月", "累计", None, None, None])
    sheet.merge_cells("D3:E3")
    for row in rows:
        sheet.append(row)
    sheet.append([None, "合计", None, 0.3, 1.1, None, None, None])
    sheet.append([])
    sheet.append(["注:1.本表由县(市、区)发改局汇总。"])
    sheet.append(["填表人:张三"])
    book.save(path)
    return path


@pytest.fixture
def projects():
    a = make_project("RW1", plan="1000", ytd_by_month={8: "5000", 9: "6000"}, year=2025)
    b = make_project("RW2", plan="1000", ytd_by_month={9: "4000"}, year=2025)
    return a, b


def test_a_real_world_sheet_is_previewed_then_committed(tmp_path, projects):
    a, b = projects
    path = real_world_sheet(tmp_path / "月报.xlsx", [
        [1, a.name, "2025年10月", 0.1, "0.71", "45%", "在建", "用地指标待落实"],
        [2, b.name, "２０２５.１０", 0.2, 0.6, 0.5, "在建", None],
    ])  # fmt: skip
    preview = import_file(path, dry_run=True)
    assert preview.kind == "reports" and preview.rows == 2 and preview.ok
    assert (preview.created, preview.updated, preview.unchanged) == (2, 0, 0)
    assert not MonthlyReport.objects.filter(project=a, month=10).exists()  # a preview writes nothing
    committed = import_file(path)
    assert committed.committed and committed.created == 2
    report = MonthlyReport.objects.get(project=a, year=2025, month=10)
    assert (report.invest_month, report.invest_ytd) == (D("1000.00"), D("7100.00"))  # 亿元 → 万元
    assert report.progress_pct == D("45.00") and report.problems == "用地指标待落实"
    assert MonthlyReport.objects.get(project=b, month=10).progress_pct == D("50.00")  # a 50% cell holds 0.5


def test_importing_the_same_file_twice_changes_nothing(tmp_path, projects):
    a, _b = projects
    path = real_world_sheet(tmp_path / "月报.xlsx", [[1, a.name, "2025-10", 0.1, 0.71, 45, "在建", None]])
    import_file(path)
    again = import_file(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert len(records_of(MonthlyReport.objects.get(project_id=a.pk, month=10))) == 1


def test_a_change_is_previewed_as_old_to_new(tmp_path, projects):
    a, _b = projects
    import_file(real_world_sheet(tmp_path / "v1.xlsx", [[1, a.name, "2025-10", 0.1, 0.71, 45, "在建", None]]))
    v2 = real_world_sheet(tmp_path / "v2.xlsx", [[1, a.name, "2025-10", 0.11, 0.71, 46, "在建", None]])
    preview = import_file(v2, dry_run=True)
    change = next(c for c in preview.changes if c.action == "update")
    assert change.changes == {"invest_month": (D("1000.00"), D("1100.00")), "progress_pct": (D("45.00"), D("46.00"))}
    assert preview.updated == 1
    shown = preview.as_json()["changes"][0]
    assert shown["record"] == f"RW1 {a.name} · 2025-10" and shown["action_label"] == "修改"
    assert shown["changes"][0] == {"field": "invest_month", "label": "本月完成投资", "old": "1000.00", "new": "1100.00"}


def test_every_error_names_sheet_row_column_and_nothing_is_written(tmp_path, projects):
    a, b = projects
    path = real_world_sheet(tmp_path / "bad.xlsx", [
        [1, a.name, "2025-10", 0.1, 0.71, 45, "在建", None],       # row 5: fine
        [2, "不存在的项目", "2025-10", 0.1, 0.2, 10, "在建", None],  # row 6: unknown project
        [3, b.name, "2025-10", 0.1, 0.35, 10, "在建", None],        # row 7: YTD below September's 4000万
        [4, b.name, "2099-01", 0.1, 0.1, 10, "在建", None],         # row 8: the future
        [5, a.name, "2025-11", 0.1, 0.9, 120, "在建", None],        # row 9: progress over 100
        [6, a.name, "2025-12", "约一千", 0.9, 50, "在建", None],      # row 10: not a number
        [7, a.name, "2025-10", 0.1, 0.71, 45, "在建", None],        # row 11: same as row 5
    ])  # fmt: skip
    preview = import_file(path)
    found = {(e.sheet, e.row, e.column) for e in preview.errors}
    ytd, month = "本年完成投资(亿元)|累计", "本年完成投资(亿元)|当月"
    assert found == {("10月", 6, "项目名称"), ("10月", 7, ytd), ("10月", 8, "填报月份"), ("10月", 9, "形象进度"),
                     ("10月", 10, month), ("10月", 11, "填报月份")}  # fmt: skip
    assert "不存在的项目" in next(e.reason for e in preview.errors if e.row == 6)
    assert not preview.committed
    assert not MonthlyReport.objects.filter(project=a, month=10).exists()


def test_projects_are_matched_by_code_then_exact_name_and_ambiguity_is_an_error(tmp_path, projects):
    a, _b = projects
    Project.objects.create(code="DUP2", name="同名项目", region=a.region, total_investment=1)
    Project.objects.create(code="DUP3", name="同名项目", region=a.region, total_investment=1)
    path = tmp_path / "plans.csv"
    rows = ["项目代码,项目名称,年份,年度计划投资(亿元),年内开工,年内投产", "RW1,,2025,1.5,是,否",
            f",{a.name},2026,2,否,是", ",同名项目,2025,1,否,否"]  # fmt: skip
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    preview = import_file(path, "plans")
    assert [(e.row, e.column) for e in preview.errors] == [(4, "项目名称")]
    assert preview.errors[0].reason == "“同名项目”对应2个项目，请填写项目代码"


def test_header_synonyms_and_csv_in_gb18030(tmp_path, projects):
    a, _b = projects
    path = tmp_path / "excel.csv"
    text = "项目编码,项目,统计月份,当月完成投资(万元),本年累计完成投资(万元),工程形象进度\n"
    text += 'RW1,,2025/10/31,１，０００,"7,000",40%\n'
    path.write_bytes(text.encode("gb18030"))
    preview = import_file(path)
    assert preview.ok and preview.kind == "reports"
    assert MonthlyReport.objects.get(project=a, month=10).invest_ytd == D("7000.00")


def test_a_sheet_without_a_recognisable_header_says_what_is_missing(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("甲,乙\n1,2\n", encoding="utf-8")
    with pytest.raises(ImportError_, match="找不到reports/projects/plans的表头"):
        import_file(path)


def test_hostile_files_are_refused_before_parsing(tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", "0" * 60_000_000)
    with pytest.raises(UnreadableFile, match="压缩炸弹"):
        import_file(bomb)
    ole = tmp_path / "locked.xlsx"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(UnreadableFile, match="加密的工作簿"):
        import_file(ole)
    text = tmp_path / "notes.xlsx"
    text.write_text("hello")
    with pytest.raises(UnreadableFile, match="不是 xlsx"):
        import_file(text)
    with pytest.raises(UnreadableFile, match=r"另存为 \.xlsx"):
        import_file(tmp_path / "old.xls")


def test_formulas_are_never_evaluated_their_cached_values_are_read(tmp_path, projects):
    book = Workbook()
    sheet = book.active
    sheet.append(["项目代码", "年份", "月份", "本月完成", "本年累计"])
    sheet.append(["RW1", 2025, 10, 1000, "=SUM(D2,6000)"])  # no cached value: openpyxl does not compute one
    buffer = io.BytesIO()
    book.save(buffer)
    path = tmp_path / "formula.xlsx"
    path.write_bytes(buffer.getvalue())
    preview = import_file(path)
    assert not preview.ok and preview.errors[0].column == "本年累计"  # an uncomputed formula is no value


def test_a_city_can_add_its_own_header_labels(tmp_path, projects):
    from guatu.exchange.models import HeaderSynonym

    path = tmp_path / "local.csv"
    path.write_text("项目代码,年份,月份,当月完成额,年度累计完成额\nRW1,2025,10,100,6100\n", encoding="utf-8")
    with pytest.raises(ImportError_):
        import_file(path, "reports")
    HeaderSynonym.objects.create(kind="reports", column="invest_month", label="当月完成额")
    HeaderSynonym.objects.create(kind="reports", column="invest_ytd", label="年度累计完成额")
    preview = import_file(path, "reports", dry_run=True)
    assert preview.ok and preview.created == 1


@pytest.mark.parametrize("running", [True, False])
def test_an_import_pauses_the_cyclic_collector_and_leaves_it_as_it_found_it(tmp_path, projects, monkeypatch, running):
    import gc

    from guatu.exchange import importer

    seen = []
    read = importer.read_sheets
    monkeypatch.setattr(importer, "read_sheets", lambda *args: seen.append(gc.isenabled()) or read(*args))
    path = real_world_sheet(tmp_path / "月报.xlsx", [[1, projects[0].name, "2025-10", 0.1, 0.71, 45, "在建", None]])
    was = gc.isenabled()
    (gc.enable if running else gc.disable)()
    try:
        assert import_file(path).created == 1
        assert seen == [False] and gc.isenabled() is running
    finally:
        (gc.enable if was else gc.disable)()
