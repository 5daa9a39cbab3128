"""Peak memory and time reading every file of the hostile corpus (guatu/exchange/tests/hostile.py),
plus a large legitimate sheet, each in a fresh process (peak RSS is per process).

    .venv/bin/python bench/hostile_bench.py [--rows 100000]

What is measured is the bounded reader (`guatu.exchange.reader.read_sheets`, every row pulled):
the part that a stray far cell, a DTD or a bomb attacks. The baseline is the same process that
imports Django and the reader and reads nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = """
import json, os, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guatu.settings")
import django; django.setup()
from guatu.exchange.reader import UnreadableFile, read_sheets
path = sys.argv[1]
start = time.perf_counter()
rows, outcome = 0, "read"
if path != "-":
    try:
        for sheet in read_sheets(path):
            for _row in sheet.rows:
                rows += 1
    except UnreadableFile as exc:
        outcome = str(exc)
# VmHWM is this process's own peak (ru_maxrss would include what the parent had before exec)
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(json.dumps({"rows": rows, "outcome": outcome, "seconds": time.perf_counter() - start, "peak_mb": peak / 1024}))
"""


def measure(path: str, data_dir: str) -> dict:
    env = {**os.environ, "GUATU_DATA_DIR": data_dir}
    done = subprocess.run([sys.executable, "-c", CHILD, path], env=env, capture_output=True, text=True, check=True,
                          cwd=ROOT)  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def large_sheet(path: Path, rows: int) -> Path:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("月报")
    header = ["项目代码", "项目名称", "年份", "月份", "本月完成", "本年累计", "开工累计", "形象进度", "阶段"]
    header.append("存在问题")
    sheet.write_row(0, 0, header)
    for r in range(1, rows + 1):
        sheet.write_row(r, 0, [f"P{r:07d}", f"项目{r}", 2024, r % 11 + 1, 100.5, 1000.25, 5000.75, 45, "在建",
                               "用地指标待落实" if r % 7 == 0 else ""])  # fmt: skip
    book.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guatu.settings")
    from guatu.exchange.tests.hostile import CORPUS

    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        data.mkdir()
        base = measure("-", str(data))
        print(f"baseline (Django + reader, nothing read): {base['peak_mb']:.0f} MB")
        results = []
        for name, suffix, write, _expected in CORPUS:
            path = write(Path(folder) / f"{len(results)}.{suffix}")
            size = path.stat().st_size
            result = measure(str(path), str(data))
            results.append((name, size, result))
            print(f"{result['peak_mb']:6.0f} MB {result['seconds']:6.2f} s {size / 1024:9.1f} KB  {name}: "
                  f"{result['outcome'][:90]}")  # fmt: skip
        big = large_sheet(Path(folder) / "large.xlsx", args.rows)
        result = measure(str(big), str(data))
        print(f"{result['peak_mb']:6.0f} MB {result['seconds']:6.2f} s {big.stat().st_size / 1024:9.1f} KB  "
              f"{args.rows:,}-row legitimate sheet ({result['rows']:,} rows read)")  # fmt: skip
        worst = max(results, key=lambda r: r[2]["peak_mb"])
        print(f"worst hostile file: {worst[0]} — {worst[2]['peak_mb']:.0f} MB peak, {worst[2]['seconds']:.2f} s")


if __name__ == "__main__":
    main()
