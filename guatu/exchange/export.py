"""Write sheets people can work with: xlsx (units in the header, number formats, frozen header)
and CSV, with the same columns the importer reads — so export → import changes nothing.

Against formula injection every text cell that starts with = + - @ or a tab/CR gets a leading
apostrophe (the importer removes it again), and XlsxWriter is told never to turn strings into
formulas, numbers or links.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import xlsxwriter

from guatu.exchange.parsing import DANGEROUS

WORKBOOK_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                    "strings_to_urls": False, "constant_memory": True}  # fmt: skip


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(DANGEROUS) else text


@dataclass(frozen=True)
class OutColumn:
    header: str
    kind: str = "text"  # text, money, pct, date, int, bool
    width: int = 14


def _plain(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == "bool":
        return "是" if value else "否"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return neutralise(str(value))


def write_csv(columns: Sequence[OutColumn], rows: Iterable[Sequence]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c.header for c in columns])
    for row in rows:
        writer.writerow([_plain(v, c.kind) for v, c in zip(row, columns, strict=True)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def write_xlsx(title: str, columns: Sequence[OutColumn], rows: Iterable[Sequence], note: str = "") -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)
    sheet = book.add_worksheet("数据")
    bold = book.add_format({"bold": True, "font_size": 14})
    head = book.add_format({"bold": True, "bg_color": "#F0F3F6", "border": 1, "text_wrap": True, "valign": "vcenter"})
    formats = {
        kind: book.add_format({"num_format": pattern})
        for kind, pattern in (("money", "#,##0.00"), ("pct", "0.00"), ("date", "yyyy-mm-dd"), ("int", "0"))
    }
    sheet.write_string(0, 0, title, bold)
    if note:
        sheet.write_string(0, 3, note)
    for c, column in enumerate(columns):
        sheet.write_string(1, c, column.header, head)
        sheet.set_column(c, c, column.width)
    sheet.freeze_panes(2, 0)
    for r, row in enumerate(rows, start=2):
        for c, (value, column) in enumerate(zip(row, columns, strict=True)):
            if value is None or value == "":
                continue
            if column.kind in ("money", "pct", "int") and isinstance(value, int | Decimal | float):
                sheet.write_number(r, c, float(value), formats[column.kind])
            elif column.kind == "date" and isinstance(value, dt.date):
                sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), formats["date"])
            else:
                sheet.write_string(r, c, _plain(value, column.kind))
    book.close()
    return buffer.getvalue()
