"""The hostile and messy corpus (tests/hostile.py): each file gives its clear message, or imports
as it should; nothing crashes and nothing is half written."""

import pytest

from guatu.exchange.importer import ImportError_, import_file
from guatu.exchange.reader import Limits, UnreadableFile
from guatu.exchange.tests.hostile import CORPUS, GOOD_CSV
from guatu.projects.models import MonthlyReport
from guatu.test import make_project

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("name", "suffix", "write", "expected"), CORPUS, ids=[c[0] for c in CORPUS])
def test_the_hostile_corpus(tmp_path, name, suffix, write, expected):
    project = make_project("TK1", ytd_by_month={9: "300000"}, year=2025)
    before = MonthlyReport.objects.count()
    path = write(tmp_path / f"file.{suffix}")
    try:
        preview = import_file(path, "reports")
    except (UnreadableFile, ImportError_) as exc:
        assert expected is not None and expected in str(exc), str(exc)
        assert MonthlyReport.objects.count() == before
        return
    reasons = " ".join(e.reason for e in preview.errors)
    if expected is None:
        assert preview.committed and preview.created == 1, reasons
        assert MonthlyReport.objects.get(project=project, month=10).invest_ytd == 320000
    else:
        assert expected in reasons and not preview.committed
        assert MonthlyReport.objects.count() == before


@pytest.mark.parametrize(("limits", "expected"), [
    (Limits(rows=2), "第3行超出导入读取的2行上限"),
    (Limits(file_bytes=10), "超过上传上限"),
    (Limits(seconds=0), "读取超过0秒"),
])  # fmt: skip
def test_the_limits_are_settings_and_give_a_clear_error(tmp_path, limits, expected):
    path = tmp_path / "m.csv"
    path.write_text(GOOD_CSV + "TK1,2025-11,1,1,1\n", encoding="utf-8")
    with pytest.raises(UnreadableFile, match=expected):
        import_file(path, "reports", limits=limits)
