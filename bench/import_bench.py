"""Import of a 100,000-row monthly-report sheet: time and peak memory, side by side with just
reading the same file with python-calamine (the floor) and with pandas.read_excel.

    .venv/bin/python bench/import_bench.py [--rows 100000]
    .venv/bin/python -m guatu.testing.pgcluster -- .venv/bin/python bench/import_bench.py    # PostgreSQL

Each measurement runs in a fresh process (peak RSS is per process). The import is the whole
validated path — header detection, parsing, checks against the database, preview, and the
commit of every row with its change record and rollups — into a throwaway SQLite database, or into
the (empty, throwaway) PostgreSQL database DATABASE_URL names. On PostgreSQL the server's CPU is not
in the importing process's CPU time: there the wall-clock ratio is the fair one.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MONTHS = 11


def _django(data_dir: str) -> None:
    os.environ["GUATU_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guatu.settings")
    import django

    django.setup()


def prepare(data_dir: str, rows: int, out: Path) -> None:
    """A database with the projects, and the sheet: a title row, then one row per project and month."""
    _django(data_dir)
    import xlsxwriter
    from django.core.management import call_command

    from guatu.core.models import Region
    from guatu.projects.models import Project

    call_command("migrate", verbosity=0)
    projects = rows // MONTHS + 1
    region = Region.objects.get(code="330802")
    Project.objects.bulk_create([Project(code=f"B{i:06d}", name=f"基准项目{i}", region=region, total_investment=100000)
                                 for i in range(projects)], batch_size=5000)  # fmt: skip
    book = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    sheet = book.add_worksheet("月报")
    sheet.write_row(0, 0, ["2024年重点项目月报(基准测试)"])
    sheet.write_row(1, 0, ["项目代码", "项目名称", "年份", "月份", "本月完成(万元)", "本年累计(万元)", "开工累计(万元)",
                           "形象进度(%)", "阶段", "存在问题"])  # fmt: skip
    r = 2
    for i in range(projects):
        ytd = 0
        for month in range(1, MONTHS + 1):
            if r - 2 >= rows:
                break
            step = (i * 7 + month * 13) % 500 + 10
            ytd += step
            sheet.write_row(r, 0, [f"B{i:06d}", f"基准项目{i}", 2024, month, step, ytd, ytd + 1000, 50, "在建", ""])
            r += 1
    book.close()


def measure(step: str, path: str, data_dir: str) -> dict:
    started, cpu_started = time.perf_counter(), time.process_time()
    rows = 0
    if step == "calamine":
        from python_calamine import CalamineWorkbook

        sheet = CalamineWorkbook.from_path(path).get_sheet_by_index(0)
        for _row in sheet.iter_rows():
            rows += 1
    elif step == "pandas":
        import pandas

        rows = len(pandas.read_excel(path, header=1))
    elif step == "import":
        _django(data_dir)
        from django.db import connection

        from guatu.exchange.importer import import_file

        vendor = connection.vendor
        setup = (time.perf_counter() - started, time.process_time() - cpu_started)  # Django's start, counted in

        preview = import_file(Path(path), "reports")
        assert preview.ok, preview.errors[:3]
        rows = preview.created + preview.updated + preview.unchanged
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out = {"step": step, "seconds": seconds, "cpu": cpu, "peak_mb": peak_mb, "rows": rows}
    if step == "import":
        out["database"], (out["setup_seconds"], out["setup_cpu"]) = vendor, setup
        from guatu.rollups.verify import verify

        out["rollup_differences"] = verify().count  # after the measurement: the rollups the import kept are exact
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(measure(args.step, args.file, args.data)))
        return
    data_dir = tempfile.mkdtemp(prefix="guatu-import-bench-")
    sheet = Path(data_dir) / "reports.xlsx"
    prepare_started = time.perf_counter()
    subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r}); "
                    f"from bench.import_bench import prepare; from pathlib import Path; "
                    f"prepare({data_dir!r}, {args.rows}, Path({str(sheet)!r}))"], check=True)  # fmt: skip
    print(f"sheet: {args.rows:,} rows, {sheet.stat().st_size / 1e6:.1f} MB, built in "
          f"{time.perf_counter() - prepare_started:.1f} s")  # fmt: skip
    results = {}
    for step in ("calamine", "pandas", "import"):
        done = subprocess.run([sys.executable, __file__, "--step", step, "--file", str(sheet), "--data", data_dir],
                              check=True, capture_output=True, text=True)  # fmt: skip
        results[step] = json.loads(done.stdout.strip().splitlines()[-1])
    floor, cpu_floor = results["calamine"]["seconds"], results["calamine"]["cpu"]
    database = results["import"]["database"]
    fair = ("the wall seconds compare fairly: the server's CPU is not in the import's CPU seconds"
            if database == "postgresql" else "on a shared machine the CPU seconds compare more fairly")  # fmt: skip
    print(f"database {database}; load average {os.getloadavg()[0]:.1f} ({fair})")
    print(f"{'step':<34}{'rows':>9}{'seconds':>10}{'× calamine':>12}{'CPU s':>8}{'× (CPU)':>9}{'peak MB':>10}")
    labels = {"calamine": "read with python-calamine (floor)", "pandas": "pandas.read_excel",
              "import": "guatu import (validated, committed)"}  # fmt: skip
    for step, r in results.items():
        print(f"{labels[step]:<34}{r['rows']:>9,}{r['seconds']:>10.2f}{r['seconds'] / floor:>12.1f}{r['cpu']:>8.2f}"
              f"{r['cpu'] / cpu_floor:>9.1f}{r['peak_mb']:>10.0f}")  # fmt: skip
    imported = results["import"]
    print(f"(the import's time includes starting Django: {imported['setup_seconds']:.2f} s, "
          f"{imported['setup_cpu']:.2f} s CPU)")  # fmt: skip
    print(f"rollups after the import: {imported['rollup_differences']} differences from a rebuild (guatu rollup "
          f"--verify)")  # fmt: skip
    ratio = results["import"]["seconds"] / floor
    cpu_ratio = results["import"]["cpu"] / cpu_floor
    print(f"aim: import within 3× of the calamine read and under 300 MB peak — "
          f"{'met' if ratio <= 3 else 'NOT met'} on time ({ratio:.1f}× wall, {cpu_ratio:.1f}× CPU), "
          f"{'met' if results['import']['peak_mb'] < 300 else 'NOT met'} on memory")  # fmt: skip


if __name__ == "__main__":
    main()
