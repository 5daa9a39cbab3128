"""Reading uploaded sheets safely, row by row.

Before any parser runs, an xlsx's zip central directory is checked: entry count, total
uncompressed size and compression ratio (zip bombs). A password-protected workbook or an old .xls
is an OLE file, not a zip, and is refused with how to fix it. The sheet is read by calamine, which
walks the cells that exist — a wrong declared dimension cannot make it read a million empty rows —
and never evaluates formulas: a formula cell gives the value Excel cached when it last saved.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_ENTRIES = 10_000
MAX_UNCOMPRESSED = 1_000_000_000  # 1 GB of XML is far beyond any real ledger
MAX_RATIO = 200  # real xlsx XML compresses ~10-30×; a bomb compresses thousands-fold
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class UnreadableFile(ValueError):
    """The file cannot be read as a sheet; the message names the file and what to do."""


@dataclass
class Sheet:
    name: str
    rows: Iterator[list[object]]
    merged: list[tuple[int, int, int, int]]  # (first row, first col, last row, last col), 0-based


def check_zip(path: Path, label: str | None = None) -> None:
    label = label or path.name
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:
        raise UnreadableFile(
            f"{label}: this is a password-protected workbook or an old .xls file; "
            "remove the password or save it as .xlsx (Excel/WPS: 另存为 → Excel 工作簿 *.xlsx)"
        )
    if not zipfile.is_zipfile(path):
        raise UnreadableFile(f"{label}: not an xlsx file (save it as .xlsx, or as UTF-8 .csv)")
    with zipfile.ZipFile(path) as archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise UnreadableFile(f"{label}: {len(entries)} entries in the archive; refused as unsafe")
        total = sum(e.file_size for e in entries)
        packed = sum(e.compress_size for e in entries) or 1
        if total > MAX_UNCOMPRESSED:
            raise UnreadableFile(f"{label}: {total:,} bytes uncompressed; refused as unsafe")
        for e in entries:
            if e.compress_size and e.file_size / e.compress_size > MAX_RATIO and e.file_size > 10_000_000:
                raise UnreadableFile(f"{label}: {e.filename} expands {e.file_size // e.compress_size}-fold; "
                                     "refused as a zip bomb")  # fmt: skip
        if total / packed > MAX_RATIO:
            raise UnreadableFile(f"{label}: compression ratio {total // packed}:1; refused as a zip bomb")
        if not any(e.filename == "xl/workbook.xml" for e in entries):
            raise UnreadableFile(f"{label}: a zip file, but not an Excel workbook")


def read_sheets(path: Path, name: str | None = None) -> list[Sheet]:
    """Every sheet of an xlsx, or the one "sheet" of a CSV (named after `name`, the file's name as
    uploaded); rows are produced lazily."""
    path = Path(path)
    label = name or path.name
    suffix = path.suffix.lower()
    if suffix == ".csv":
        text = path.read_bytes()
        try:
            decoded = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                decoded = text.decode("gb18030")  # CSVs saved by Excel on Chinese Windows
            except UnicodeDecodeError:
                raise UnreadableFile(f"{label}: neither UTF-8 nor GB18030 text") from None
        return [Sheet(Path(name or path.name).stem, iter(csv.reader(io.StringIO(decoded))), [])]
    if suffix == ".xls":
        raise UnreadableFile(f"{label}: .xls (Excel 97-2003) is not read; save it as .xlsx first")
    if suffix not in (".xlsx", ".xlsm"):
        raise UnreadableFile(f"{label}: use .xlsx or UTF-8 .csv")
    check_zip(path, label)
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for broken files
        raise UnreadableFile(f"{label}: cannot be read as xlsx ({exc.__class__.__name__}: {exc})") from exc
    sheets = []
    for name in book.sheet_names:
        sheet = book.get_sheet_by_name(name)
        merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
        start_row, start_col = sheet.start if sheet.start else (0, 0)
        sheets.append(Sheet(name, _offset_rows(sheet, start_row, start_col), merged))
    return sheets


def _offset_rows(sheet, start_row: int, start_col: int) -> Iterator[list[object]]:
    """calamine starts at the first used cell; pad so rows and columns match what the officer sees."""
    yield from ([] for _ in range(start_row))
    pad = [""] * start_col
    for row in sheet.iter_rows():
        yield pad + row if pad else row
