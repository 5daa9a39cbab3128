"""Importing indicator values: normalised units, derived growth, row-level errors, all or nothing."""

from decimal import Decimal as D

import pytest

from guatu.indicators.importer import ImportFileError, import_values
from guatu.indicators.models import IndicatorValue
from guatu.test import records_of

pytestmark = pytest.mark.django_db

HEADER = "unit,indicator,period,value,value_unit,growth,vintage,source\n"


def write(tmp_path, text: str, name: str = "values.csv"):
    path = tmp_path / name
    path.write_text(HEADER + text, encoding="utf-8")
    return path


def value(unit: str, code: str, year: int, month: int) -> IndicatorValue:
    return IndicatorValue.objects.get(unit__code=unit, indicator__code=code, year=year, month=month)


def test_a_clean_file_is_imported_with_units_normalised(tmp_path):
    path = write(tmp_path, "330802,FAI,2025-01,152300,万元,3.2,初步核算,柯城区统计局\n"
                           "衢州市,地区生产总值,2025年3月,512.3,亿元,5.8,preliminary,\n")  # fmt: skip
    report = import_values(path)
    assert report.ok and (report.result.created, report.rows) == (2, 2)
    kecheng = value("330802", "FAI", 2025, 1)
    assert kecheng.value == D("15.2300") and kecheng.growth_pct == D("3.20")  # 152,300 万元 = 15.23 亿元
    assert kecheng.source == "柯城区统计局" and kecheng.vintage == "preliminary"
    assert value("330800", "GDP", 2025, 3).value == D("512.3")


def test_importing_the_same_file_twice_changes_nothing(tmp_path):
    path = write(tmp_path, "330802,FAI,2025-01,15.23,,3.2,,\n")
    import_values(path)
    again = import_values(path)
    assert (again.result.created, again.result.updated, again.result.unchanged) == (0, 0, 1)


def test_a_revision_updates_and_is_recorded(tmp_path):
    import_values(write(tmp_path, "330802,FAI,2025-01,15.23,,3.2,初步核算,\n"))
    report = import_values(write(tmp_path, "330802,FAI,2025-01,15.40,,3.5,修订,\n", "revised.csv"))
    assert report.result.updated == 1
    revised = value("330802", "FAI", 2025, 1)
    assert (revised.value, revised.vintage) == (D("15.4"), "revised")
    records = records_of(revised)
    assert len(records) == 2 and records[-1].reason == "import revised.csv"


def test_every_bad_row_is_reported_and_nothing_is_written(tmp_path):
    path = write(tmp_path, "\n".join([
        "330802,FAI,2025-01,15.23,,3.2,,",          # row 2: fine
        "火星市,FAI,2025-01,1,,1,,",                 # row 3: unknown unit
        "330802,XYZ,2025-01,1,,1,,",                 # row 4: unknown indicator
        "330802,FAI,2025-13,1,,1,,",                 # row 5: no such month
        "330802,GDP,2025-02,1,,1,,",                 # row 6: GDP is quarterly
        "330802,FAI,2025-02,abc,,1,,",               # row 7: not a number
        "330802,FAI,2025-03,1,%,1,,",                # row 8: % is not money
        "330802,FAI,2025-04,1,,1,估计,",             # row 9: unknown vintage
        "330802,FAI,2025-01,16,,1,,",                # row 10: duplicate of row 2
        "330802,FAI,2025-05,,,,,",                   # row 11: neither value nor growth
    ]) + "\n")  # fmt: skip
    before = IndicatorValue.objects.count()
    report = import_values(path)
    problems = {(e.row, e.column) for e in report.errors}
    assert problems == {(3, "unit"), (4, "indicator"), (5, "period"), (6, "period"), (7, "value"),
                        (8, "value_unit"), (9, "vintage"), (10, "period"), (11, "value")}  # fmt: skip
    assert "火星市" in next(e.reason for e in report.errors if e.row == 3)
    assert IndicatorValue.objects.count() == before


def test_nominal_growth_is_derived_and_marked_but_real_growth_is_not(tmp_path):
    path = write(tmp_path, "330802,FAI,2030-01,10,,,,\n330802,FAI,2031-01,11,,,,\n"
                           "330802,GDP,2030-03,100,,,,\n330802,GDP,2031-03,110,,,,\n")  # fmt: skip
    report = import_values(path)
    assert report.derived == 1
    derived = value("330802", "FAI", 2031, 1)
    assert (derived.growth_pct, derived.growth_derived) == (D("10.00"), True)
    gdp = value("330802", "GDP", 2031, 3)
    assert gdp.growth_pct is None and not gdp.growth_derived  # real growth comes only from the statistics bureau


def test_a_dry_run_counts_and_writes_nothing(tmp_path):
    report = import_values(write(tmp_path, "330802,FAI,2025-01,15.23,,3.2,,\n"), dry_run=True)
    assert report.result.created == 1
    assert not IndicatorValue.objects.filter(unit__code="330802", year=2025).exists()


def test_xlsx_files_are_read_too(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["单位", "指标", "期间", "数值", "计量单位", "增幅"])
    sheet.append(["江山市", "出口", "2025-02", 88.5, "亿元", 7.1])
    path = tmp_path / "出口.xlsx"
    book.save(path)
    report = import_values(path)
    assert report.ok and value("330881", "EXPORT", 2025, 2).value == D("88.5")


def test_an_unsupported_file_is_a_clear_error(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ImportFileError, match=r"另存为 \.xlsx"):
        import_values(path)


def test_a_header_without_the_required_columns_is_a_clear_error(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("地区,数值\n衢州市,1\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="lacks indicator, period"):
        import_values(path)
