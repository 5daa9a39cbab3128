"""Reading uploaded sheets safely and in bounded memory and time, row by row.

An xlsx is read here, not by a library that materialises the sheet's range: a stray cell at
XFD1048576 must not make the reader allocate a 16,384 × 1,048,576 grid. The sheet's XML is
streamed from the zip (Python's zipfile stops at the size the zip's directory declares and checks
the CRC, so a lying directory cannot inflate past what was checked) through a parser that refuses
any DTD or entity declaration (the prolog before the root element is checked to hold
only the UTF-8 XML declaration, comments and processing instructions; then the C parser runs).
Rows are produced one at a time; the used range is what the cells
with values are — never the declared dimension — and limits on rows, columns, characters per cell
and time give a clear error. Before any parsing, the zip's central directory is checked (entries,
total size, compression ratio) and an OLE file (a password-protected workbook, an old .xls) is
refused with how to fix it. Formulas are never evaluated: a formula cell gives the value Excel
cached when it last saved, and one without a cached value is an `Uncomputed` value.

A plain sheet (see `_plain_sheet`: its XML scanned as bytes proves the used range small, the rows in order
and within the limits, and no DTD, formula or date cell) is read by python-calamine instead, several times
faster, giving the same rows; anything else takes the streaming reader.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import itertools
import posixpath
import re
import time
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import XML, ParseError, XMLPullParser

from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook

MAX_ENTRIES = 10_000
MAX_UNCOMPRESSED = 1_000_000_000  # 1 GB of XML is far beyond any real ledger (the sheet is streamed)
MAX_PART = 64_000_000  # a part read whole (shared strings, styles, workbook): 64 MB of XML
MAX_RATIO = 200  # real xlsx XML compresses ~10-30×; a bomb compresses thousands-fold
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
EXCEL_EPOCH = dt.datetime(1899, 12, 30)
EPOCH_1904 = dt.datetime(1904, 1, 1)
# Built-in number formats that show dates: 14-22 and 45-47 everywhere, 27-36 and 50-58 in the
# Chinese, Japanese and Korean versions of Excel (年月日 formats).
DATE_FORMAT_IDS = {*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)}


class UnreadableFile(ValueError):
    """The file cannot be read as a sheet; the message names the file and what to do."""


class UnsafeXML(ValueError):
    """An XML part that declares a DTD (entities, external references) or is not UTF-8."""


_DECLARED_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _check_prolog(head: bytes) -> None:
    """Everything before the root element: only the XML declaration (UTF-8), comments, processing
    instructions and white space. No DTD can then follow, so the fast C parser sees none."""
    i = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    while True:
        while i < len(head) and head[i : i + 1] in b" \t\r\n":
            i += 1
        if head.startswith(b"<?", i):
            end = head.find(b"?>", i)
            if end < 0:
                raise UnsafeXML("unterminated declaration")
            declared = _DECLARED_ENCODING.search(head, i, end)
            if head.startswith(b"<?xml", i) and declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
                raise UnsafeXML("not UTF-8")
            i = end + 2
        elif head.startswith(b"<!--", i):
            end = head.find(b"-->", i)
            if end < 0:
                raise UnsafeXML("unterminated comment")
            i = end + 3
        elif head.startswith(b"<", i) and i + 1 < len(head) and (head[i + 1] == 95 or chr(head[i + 1]).isalpha()):
            return  # the root element: the prolog held no DTD
        else:
            raise UnsafeXML("a DTD or something other than XML before the root element")


PROLOG_MAX = 1 << 20


def _iterparse(stream, events=("start", "end")):
    """(event, element) pairs from a stream of XML bytes, by the C parser, after `_check_prolog`."""
    head = b""
    while len(head) < PROLOG_MAX:
        chunk = stream.read(1 << 16)
        head += chunk
        if not chunk or b"<" in head.lstrip(b"\xef\xbb\xbf \t\r\n").replace(b"<?", b"").replace(b"<!", b""):
            break
    _check_prolog(head[:PROLOG_MAX])
    parser = XMLPullParser(events=events)
    chunk = head
    while chunk:
        parser.feed(chunk)
        yield from parser.read_events()
        chunk = stream.read(1 << 16)
    parser.close()
    yield from parser.read_events()


def _whole(data: bytes):
    """A whole (small) XML part, checked like `_iterparse`."""
    _check_prolog(data[:PROLOG_MAX])
    return XML(data)


class Uncomputed(str):
    """A formula cell without the value Excel caches on saving (the text is the formula)."""


@dataclass(frozen=True)
class Limits:
    """How much of a file is read before it is refused (settings GUATU_IMPORT_*, GUATU_UPLOAD_MAX_MB)."""

    rows: int = 200_000
    columns: int = 200
    cell_chars: int = 32_767  # Excel's own limit
    file_bytes: int = 50 * 1024 * 1024
    seconds: float = 300.0

    @classmethod
    def from_settings(cls) -> Limits:
        from django.conf import settings

        return cls(
            rows=getattr(settings, "GUATU_IMPORT_MAX_ROWS", cls.rows),
            columns=getattr(settings, "GUATU_IMPORT_MAX_COLUMNS", cls.columns),
            cell_chars=getattr(settings, "GUATU_IMPORT_MAX_CELL_CHARS", cls.cell_chars),
            file_bytes=getattr(settings, "GUATU_UPLOAD_MAX_BYTES", cls.file_bytes),
            seconds=getattr(settings, "GUATU_IMPORT_MAX_SECONDS", cls.seconds),
        )


@dataclass
class Sheet:
    name: str
    rows: Iterator[list[object]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (r0, c0, r1, c1), 0-based


def column_letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f}"


def check_size(size: int, label: str, limits: Limits) -> None:
    if size > limits.file_bytes:
        raise UnreadableFile(
            _("%(file)s: %(size)s MB is more than the %(limit)s MB an upload may have; split the file")
            % {"file": label, "size": _megabytes(size), "limit": _megabytes(limits.file_bytes)}
        )


def check_zip(path: Path, label: str | None = None) -> None:
    """Refuse an OLE file, a non-zip, a zip bomb or a zip that is not a workbook, from its directory alone."""
    label = label or path.name
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:
        raise UnreadableFile(
            _(
                "%(file)s: this is a password-protected workbook or an old .xls file; "
                "remove the password or save it as .xlsx (Excel/WPS: 另存为 → Excel 工作簿 *.xlsx)"
            )
            % {"file": label}
        )
    try:
        if not zipfile.is_zipfile(path):
            raise UnreadableFile(_("%(file)s: not an xlsx file (save it as .xlsx, or as UTF-8 .csv)") % {"file": label})
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        if isinstance(exc, UnreadableFile):
            raise
        raise UnreadableFile(_("%(file)s: a damaged xlsx file (%(reason)s)") % {"file": label, "reason": exc}) from None
    unsafe = _("%(file)s: refused as unsafe (%(reason)s)")
    if len(entries) > MAX_ENTRIES:
        raise UnreadableFile(unsafe % {"file": label, "reason": f"{len(entries)} entries"})
    total = sum(e.file_size for e in entries)
    packed = sum(e.compress_size for e in entries) or 1
    if total > MAX_UNCOMPRESSED:
        raise UnreadableFile(unsafe % {"file": label, "reason": f"{total:,} bytes uncompressed"})
    for e in entries:
        if e.compress_size and e.file_size / e.compress_size > MAX_RATIO and e.file_size > 10_000_000:
            raise UnreadableFile(
                _("%(file)s: %(entry)s expands %(ratio)s-fold; refused as a zip bomb")
                % {"file": label, "entry": e.filename, "ratio": e.file_size // e.compress_size}
            )
    if total / packed > MAX_RATIO:
        raise UnreadableFile(
            _("%(file)s: compression ratio %(ratio)s:1; refused as a zip bomb")
            % {"file": label, "ratio": total // packed}
        )
    if not any(e.filename == "xl/workbook.xml" for e in entries):
        raise UnreadableFile(_("%(file)s: a zip file, but not an Excel workbook") % {"file": label})


def read_sheets(path: Path, name: str | None = None, limits: Limits | None = None) -> list[Sheet]:
    """Every sheet of an xlsx, or the one "sheet" of a CSV (named after `name`, the file's name as
    uploaded); rows are produced lazily, and reading them may raise `UnreadableFile`."""
    path = Path(path)
    label = name or path.name
    limits = limits or Limits.from_settings()
    suffix = Path(label).suffix.lower() if name else path.suffix.lower()
    if suffix == ".xls":
        raise UnreadableFile(_("%(file)s: .xls (Excel 97-2003) is not read; save it as .xlsx first") % {"file": label})
    if suffix not in (".xlsx", ".xlsm", ".csv"):
        raise UnreadableFile(_("%(file)s: use .xlsx or UTF-8 .csv") % {"file": label})
    try:
        check_size(path.stat().st_size, label, limits)
    except FileNotFoundError:
        raise UnreadableFile(_("%(file)s: the file is gone") % {"file": label}) from None
    if suffix == ".csv":
        return [Sheet(Path(label).stem, _csv_rows(path, label, limits))]
    check_zip(path, label)
    return _Workbook(path, label, limits).sheets()


def _decode(raw: bytes, label: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):  # GB18030: CSVs saved by Excel on Chinese Windows
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(_("%(file)s: neither UTF-8 nor GB18030 text") % {"file": label})


def _csv_rows(path: Path, label: str, limits: Limits) -> Iterator[list[object]]:
    text = _decode(path.read_bytes(), label)
    sheet = Path(label).stem
    deadline = time.monotonic() + limits.seconds
    reader = csv.reader(io.StringIO(text, newline=""))
    csv.field_size_limit(max(len(text), 131072))  # each cell is checked below, naming it
    index = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            message = _("%(file)s: not a readable CSV (%(reason)s)") % {"file": label, "reason": exc}
            raise UnreadableFile(message) from None
        index += 1
        _check_row(sheet, index, limits, deadline)
        while row and row[-1] == "":
            row.pop()
        if len(row) > limits.columns:
            raise UnreadableFile(_too_wide(sheet, f"{column_letters(len(row) - 1)}{index}", limits))
        for c, value in enumerate(row):
            if len(value) > limits.cell_chars:
                raise UnreadableFile(_too_long(sheet, f"{column_letters(c)}{index}", limits))
        yield row


def _check_row(sheet: str, number: int, limits: Limits, deadline: float) -> None:
    """Row `number` (from 1) is within the row limit and the time limit."""
    if number > limits.rows:
        raise UnreadableFile(
            _("%(sheet)s: row %(row)s is past the %(limit)s rows an import reads; delete what lies below the table")
            % {"sheet": sheet, "row": f"{number:,}", "limit": f"{limits.rows:,}"}
        )
    if time.monotonic() > deadline:
        raise UnreadableFile(
            _("%(sheet)s: reading took longer than %(seconds)s seconds (at row %(row)s); split the file")
            % {"sheet": sheet, "seconds": f"{limits.seconds:g}", "row": f"{number:,}"}
        )


def _too_wide(sheet: str, cell: str, limits: Limits) -> str:
    return _(
        "%(sheet)s: cell %(cell)s holds a value beyond the %(limit)s columns an import reads; "
        "clear the cells outside the table"
    ) % {"sheet": sheet, "cell": cell, "limit": limits.columns}


def _too_long(sheet: str, cell: str, limits: Limits) -> str:
    return _("%(sheet)s: cell %(cell)s holds more than %(limit)s characters") % {
        "sheet": sheet,
        "cell": cell,
        "limit": f"{limits.cell_chars:,}",
    }


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


_REF = re.compile(r"([A-Z]{1,3})(\d{1,7})$")


def _split_ref(ref: str) -> tuple[int, int] | None:
    """ "B3" → (2, 1): 0-based row and column."""
    match = _REF.match(ref or "")
    if not match:
        return None
    col = 0
    for ch in match.group(1):
        col = col * 26 + ord(ch) - 64
    return int(match.group(2)) - 1, col - 1


def _is_date_format(code: str) -> bool:
    stripped = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.', "", code).lower()
    return bool(re.search(r"[ymdhs年月日]", stripped)) and "general" not in stripped


class _Workbook:
    """The parts of an xlsx that name and style its sheets, read whole (each bounded by MAX_PART)."""

    def __init__(self, path: Path, label: str, limits: Limits) -> None:
        self.path, self.label, self.limits = path, label, limits

    def _damaged(self, exc: Exception) -> UnreadableFile:
        if isinstance(exc, UnsafeXML):
            return UnreadableFile(
                _("%(file)s: the workbook's XML declares a DTD or entities; refused as unsafe") % {"file": self.label}
            )
        return UnreadableFile(
            _("%(file)s: a damaged xlsx file (%(reason)s)")
            % {"file": self.label, "reason": f"{type(exc).__name__}: {exc}"}
        )

    def _part(self, archive: zipfile.ZipFile, name: str):
        info = archive.getinfo(name)
        if info.file_size > MAX_PART:
            raise UnreadableFile(_("%(file)s: %(part)s is too large") % {"file": self.label, "part": name})
        return _whole(archive.read(name))

    def sheets(self) -> list[Sheet]:
        try:
            with zipfile.ZipFile(self.path) as archive:
                names = set(archive.namelist())
                book = self._part(archive, "xl/workbook.xml")
                rels_name = "xl/_rels/workbook.xml.rels"
                rels = self._part(archive, rels_name) if rels_name in names else None
                targets = {}
                for rel in rels if rels is not None else ():
                    target = rel.get("Target", "")
                    target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
                    targets[rel.get("Id")] = target
                date1904 = any(_local(e.tag) == "workbookPr" and e.get("date1904") in ("1", "true") for e in book)
                dates = self._date_styles(archive) if "xl/styles.xml" in names else set()
                strings = self._strings(archive) if "xl/sharedStrings.xml" in names else []
        except UnreadableFile:
            raise
        except (zipfile.BadZipFile, KeyError, OSError, EOFError, zlib.error, ParseError, UnsafeXML,
                ValueError) as exc:  # fmt: skip
            raise self._damaged(exc) from None
        found = []
        for element in book.iter():
            if _local(element.tag) != "sheet":
                continue
            rid = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
            target = targets.get(rid)
            if target in names:
                name = element.get("name") or target
                reader = _SheetReader(self, target, name, strings, dates, EPOCH_1904 if date1904 else EXCEL_EPOCH)
                found.append(Sheet(name, reader.rows()))
        if not found:
            raise UnreadableFile(_("%(file)s: the workbook has no sheets") % {"file": self.label})
        return found

    def _date_styles(self, archive: zipfile.ZipFile) -> set[int]:
        """The cell style indices whose number format shows a date."""
        styles = self._part(archive, "xl/styles.xml")
        codes = {}
        xfs = []
        for element in styles:
            if _local(element.tag) == "numFmts":
                for fmt in element:
                    codes[int(fmt.get("numFmtId", "-1"))] = fmt.get("formatCode", "")
            elif _local(element.tag) == "cellXfs":
                xfs = [int(xf.get("numFmtId", "0")) for xf in element]
        return {
            i for i, fmt in enumerate(xfs) if fmt in DATE_FORMAT_IDS or (fmt in codes and _is_date_format(codes[fmt]))
        }

    def _strings(self, archive: zipfile.ZipFile) -> list[str]:
        info = archive.getinfo("xl/sharedStrings.xml")
        if info.file_size > MAX_PART:
            raise UnreadableFile(
                _("%(file)s: %(part)s is too large") % {"file": self.label, "part": "xl/sharedStrings.xml"}
            )
        strings: list[str] = []
        root = None
        with archive.open(info) as stream:
            for event, element in _iterparse(stream):
                if root is None:
                    root = element
                if event != "end" or _local(element.tag) != "si":
                    continue
                parts = []
                for child in element:
                    kind = _local(child.tag)
                    if kind == "t":
                        parts.append(child.text or "")
                    elif kind == "r":
                        parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
                strings.append("".join(parts))
                root.clear()
        return strings


_TAGS: dict[str, str] = {}


def _tag(tag: str) -> str:
    """The local name of a (namespaced) tag, cached: a sheet repeats a handful of tags a million times."""
    local = _TAGS.get(tag)
    if local is None:
        local = _local(tag)
        if len(_TAGS) < 1000:  # bounded: a hostile sheet may use a million different tags
            _TAGS[tag] = local
    return local


_COLUMNS: dict[str, int] = {}
_DIGITS = "0123456789"


def _column_of(ref: str | None) -> int | None:
    """ "B3" → 1 (the 0-based column); None when `ref` is not a cell reference. The letters are looked up in
    a cache (a sheet uses a few columns); anything unusual goes through `_split_ref`."""
    if ref:
        letters = ref.rstrip(_DIGITS)
        column = _COLUMNS.get(letters)
        if column is not None and 0 < len(ref) - len(letters) <= 7:
            return column
    found = _split_ref(ref or "")
    if found is None:
        return None
    if len(_COLUMNS) < 20_000:
        _COLUMNS[ref.rstrip(_DIGITS)] = found[1]
    return found[1]


class _SheetReader:
    """One worksheet's rows, streamed from its XML: only the end of each element is reported by the C parser,
    and each row is read from its element and then cleared (what is left of it is an empty element)."""

    def __init__(self, book: _Workbook, part: str, name: str, strings: list[str], dates: set[int], epoch) -> None:
        self.book, self.part, self.name, self.strings, self.dates, self.epoch = book, part, name, strings, dates, epoch

    def rows(self) -> Iterator[list[object]]:
        deadline = time.monotonic() + self.book.limits.seconds
        fast = _plain_sheet(self)
        if fast is not None:
            yield from _calamine_rows(self, fast, deadline)
            return
        yield from self._streamed_rows(deadline)

    def _streamed_rows(self, deadline: float) -> Iterator[list[object]]:
        limits = self.book.limits
        try:
            with zipfile.ZipFile(self.book.path) as archive, archive.open(self.part) as stream:
                expected = 0  # the next row's 0-based index
                for _event, element in _iterparse(stream, events=("end",)):
                    if _tag(element.tag) != "row":
                        continue
                    number = element.get("r")
                    index = int(number) - 1 if number and number.isdigit() else expected
                    if index < expected:
                        raise UnreadableFile(
                            _("%(sheet)s: row %(row)s is out of order; save the file again in Excel or WPS")
                            % {"sheet": self.name, "row": index + 1}
                        )
                    cells = self._cells(element, index)
                    element.clear()
                    if not cells:  # a row of styles only: not part of the used range
                        _check_row(self.name, min(index + 1, limits.rows), limits, deadline)
                        continue
                    _check_row(self.name, index + 1, limits, deadline)
                    yield from ([] for _ in range(index - expected))
                    yield cells
                    expected = index + 1
        except UnreadableFile:
            raise
        except (zipfile.BadZipFile, KeyError, OSError, EOFError, zlib.error, ParseError, UnsafeXML,
                ValueError) as exc:  # fmt: skip
            raise self.book._damaged(exc) from None

    def _cells(self, row, index: int) -> list[object]:
        limits = self.book.limits
        values: list[object] = []
        column = -1
        for cell in row:
            if _tag(cell.tag) != "c":
                continue
            found = _column_of(cell.get("r"))
            column = column + 1 if found is None else found
            value = self._value(cell, index, column)
            if value is None:
                continue
            if column >= limits.columns:
                raise UnreadableFile(_too_wide(self.name, f"{column_letters(column)}{index + 1}", limits))
            if isinstance(value, str) and len(value) > limits.cell_chars:
                raise UnreadableFile(_too_long(self.name, f"{column_letters(column)}{index + 1}", limits))
            if column == len(values):
                values.append(value)
                continue
            if column > len(values):
                values.extend([""] * (column - len(values)))
                values.append(value)
            else:
                values[column] = value
        return values

    def _value(self, cell, index: int, column: int) -> object:
        """The cell's value: text, a number (int or float), a bool, a datetime, an `Uncomputed`, or None."""
        kind = cell.get("t", "n")
        raw = formula = None
        inline = []
        for child in cell:
            tag = _tag(child.tag)
            if tag == "v":
                raw = child.text
            elif tag == "f":
                formula = child.text or ""
            elif tag == "is":
                inline.extend(t.text or "" for t in child.iter() if _tag(t.tag) == "t")
        if kind == "n":
            if raw is None or raw == "":
                return Uncomputed(f"={formula}") if formula else None
            return self._number(raw.strip(), cell.get("s"))
        if kind == "s":
            if raw is None or raw == "":
                return Uncomputed(f"={formula}") if formula else None
            try:
                text = self.strings[int(raw)]
            except (ValueError, IndexError):
                raise UnreadableFile(
                    _("%(sheet)s: cell %(cell)s refers to a text the file does not hold")
                    % {"sheet": self.name, "cell": f"{column_letters(column)}{index + 1}"}
                ) from None
            return text if text.strip() else None
        if kind == "inlineStr":
            text = "".join(inline)
            return text if text.strip() else None
        if raw is None or raw == "":
            return Uncomputed(f"={formula}") if formula else None
        if kind in ("str", "e"):
            return raw if raw.strip() else None
        if kind == "b":
            return raw.strip() in ("1", "true")
        if kind == "d":
            try:
                return dt.datetime.fromisoformat(raw.strip())
            except ValueError:
                return raw
        return self._number(raw.strip(), cell.get("s"))

    def _number(self, text: str, style: str | None) -> object:
        try:
            number: int | float = int(text) if text.lstrip("-").isdigit() and len(text) < 19 else float(text)
        except ValueError:
            return text  # not a number: the importer says so for the cell
        if style and self.dates and style.isdigit() and int(style) in self.dates and 0 <= number < 2958466:
            return self.epoch + dt.timedelta(days=float(number))
        return number


# The fast path. A plain sheet — the kind Excel, WPS and export libraries write: every row and cell numbered in
# order, within the limits, no formula, no DTD, comment or CDATA, no error, date or formula-text cell, no
# date-styled cell, and a used range not much larger than its cells — is read by python-calamine (Rust) once the
# sheet's XML has been checked here, as bytes: decompressed through zipfile (sizes and CRC checked, so a lying
# directory is caught as before) and scanned by a few regular expressions. Anything else, and anything the
# scan cannot vouch for, goes through the streaming reader above, which gives each refusal its message.
FAST_MAX_BYTES = 256_000_000  # the sheet's XML held once in memory for the scan
FAST_MIN_AREA = 2_000_000  # calamine holds the used range densely (~32 bytes a cell): this many cells always…
FAST_AREA_PER_CELL = 4  # …and beyond that, up to this many times the cells the sheet has
# What sends a sheet to the streaming reader: a DTD, comment or CDATA, a formula (or any element whose name
# begins with f), a row or cell without attributes; an error, date or formula-text cell; and (by counting "="
# against '="') attributes in single quotes or with space around "=", which the counts below would not see.
_UNUSUAL = re.compile(rb"<(?:!|f|row>|c>)")
_UNUSUAL_TYPES = re.compile(rb' t="(?:e|d|str)"')
_MAIN_ROOT = re.compile(rb'\s*<worksheet\s[^>]*?\bxmlns="http://schemas\.openxmlformats\.org/spreadsheetml/2006/main"')
_MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_ROW_NUMBERS = re.compile(rb'<row\s[^>]*?\br="(\d{1,7})"')
_WIDE_COLUMNS = re.compile(rb'<c r="([A-Z]{2,3})\d')


@functools.lru_cache(maxsize=64)
def _date_styled(dates: frozenset[int]) -> re.Pattern:
    """A cell styled with one of the `dates` styles: one search, not a list of every cell's style."""
    return re.compile(rb'\ss="0*(?:' + b"|".join(str(d).encode() for d in sorted(dates)) + rb')"')


@dataclass(frozen=True)
class _Plain:
    """What the scan found of a plain sheet: its rows and the width of its used range."""

    last_row: int  # 1-based
    columns: int


def _plain_sheet(reader: _SheetReader) -> _Plain | None:
    """The sheet's shape when the fast path may read it, else None."""
    limits = reader.book.limits
    if limits.columns <= 26:
        return None
    try:
        with zipfile.ZipFile(reader.book.path) as archive:
            info = archive.getinfo(reader.part)
            if info.file_size > FAST_MAX_BYTES:
                return None
            data = archive.read(info)
        _check_prolog(data[:PROLOG_MAX])
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, zlib.error, UnsafeXML, ValueError):
        return None  # the streaming reader says what is wrong
    if _UNUSUAL.search(data) or _UNUSUAL_TYPES.search(data) or data.count(b"=") != data.count(b'="'):
        return None
    # The spreadsheet namespace is the root's default and is bound nowhere else: an unprefixed <row>, <c>, <v>
    # is the sheet's, and no prefixed element is.
    root = data.find(b"<worksheet")
    if root < 0 or data.count(_MAIN) != 1 or not _MAIN_ROOT.match(data, root):
        return None
    numbers = [int(n) for n in _ROW_NUMBERS.findall(data)]
    if len(numbers) != data.count(b"<row "):
        return None
    if any(a >= b for a, b in itertools.pairwise(numbers)) or (numbers and numbers[-1] > limits.rows):
        return None
    cells = data.count(b"<c ")
    if cells != data.count(b'<c r="'):
        return None
    columns = 26 if cells else 0
    for letters in set(_WIDE_COLUMNS.findall(data)):
        found = _split_ref(letters.decode() + "1")
        if found is None or found[1] >= limits.columns:
            return None
        columns = max(columns, found[1] + 1)
    if reader.dates and _date_styled(frozenset(reader.dates)).search(data):
        return None  # dates are read by the streaming reader (its own rules for which formats are dates)
    last = numbers[-1] if numbers else 0
    if last * columns > max(FAST_MIN_AREA, FAST_AREA_PER_CELL * cells):
        return None
    return _Plain(last, columns)


def _calamine_rows(reader: _SheetReader, plain: _Plain, deadline: float) -> Iterator[list[object]]:
    """The rows as the streaming reader gives them: texts, ints (a whole number), floats and bools; a blank
    or white-space text is no value; trailing blanks dropped; a row with no value is []."""
    limits = reader.book.limits
    try:
        book = CalamineWorkbook.from_path(str(reader.book.path))
        sheet = book.get_sheet_by_name(reader.name)
    except (CalamineError, ValueError, OSError, KeyError) as exc:
        if isinstance(exc, UnreadableFile):
            raise
        yield from reader._streamed_rows(deadline)
        return
    blank = 0  # empty rows not yet given: given only when a row with values follows
    for index, row in enumerate(sheet.iter_rows()):
        values = [(int(v) if v.is_integer() and -1e15 < v < 1e15 else v) if v.__class__ is float
                  else ("" if v.__class__ is str and not v.strip() else v) for v in row]  # fmt: skip
        while values and values[-1] == "":
            values.pop()
        if not values:
            blank += 1
            continue
        _check_row(reader.name, index + 1, limits, deadline)
        for column, value in enumerate(values):
            if value.__class__ is str and len(value) > limits.cell_chars:
                raise UnreadableFile(_too_long(reader.name, f"{column_letters(column)}{index + 1}", limits))
        if blank:
            yield from ([] for _ in range(blank))
            blank = 0
        yield values
    del sheet, book
