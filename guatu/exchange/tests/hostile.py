"""A corpus of hostile and messy files, generated (tests and bench/hostile_bench.py use it).

Each entry: (name, write(path) → path, expected message fragment or None when the file imports).
Every file carries one good monthly-report row for project TK1 2025-10, so a file that were read
wrongly would write something.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

HEADER = ["项目代码", "月份", "本月完成", "本年累计", "开工累计"]
GOOD = ["TK1", "2025-10", 20000, 320000, 320000]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _cell(ref: str, value) -> str:
    if isinstance(value, str) and not value.startswith("#"):
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<c r="{ref}"><v>{str(value).lstrip("#")}</v></c>'


def sheet_xml(rows: list[tuple[int, list[tuple[str, object]]]], prolog: str = "") -> str:
    body = "".join(f'<row r="{r}">{"".join(_cell(ref, v) for ref, v in cells)}</row>' for r, cells in rows)
    head = f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{MAIN}">'
    return f"{head}<sheetData>{body}</sheetData></worksheet>"


def table(extra: list[tuple[int, list[tuple[str, object]]]] = (), good=GOOD) -> list:
    letters = "ABCDE"
    return [(1, [(f"{letters[i]}1", h) for i, h in enumerate(HEADER)]),
            (2, [(f"{letters[i]}2", v) for i, v in enumerate(good)]), *extra]  # fmt: skip


def raw_xlsx(path: Path, sheet: str, shared: str | None = None, workbook_extra: dict[str, bytes] | None = None) -> Path:
    """A minimal workbook written part by part, so that each part can be as hostile as needed."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"/>')  # fmt: skip
        z.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
                   '<sheet name="月报" sheetId="1" r:id="rId1"/></sheets></workbook>')  # fmt: skip
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/'
                   'sheet1.xml" Type="x"/></Relationships>')  # fmt: skip
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", shared)
        for name, data in (workbook_extra or {}).items():
            z.writestr(name, data)
    return path


LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
          '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')  # fmt: skip


def _lying_directory(path: Path) -> Path:
    """The zip's directory declares the sheet far smaller than what its data inflates to."""
    raw_xlsx(path, sheet_xml(table([(r, [(f"A{r}", "填充" * 50)]) for r in range(3, 3000)])))
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    offset = 0
    while (offset := data.find(b"PK\x01\x02", offset)) != -1:
        length = struct.unpack_from("<H", data, offset + 28)[0]
        if data[offset + 46 : offset + 46 + length] == name:
            struct.pack_into("<I", data, offset + 24, 300)
        offset += 4
    offset = 0
    while (offset := data.find(b"PK\x03\x04", offset)) != -1:
        length = struct.unpack_from("<H", data, offset + 26)[0]
        if data[offset + 30 : offset + 30 + length] == name:
            struct.pack_into("<I", data, offset + 22, 300)
        offset += 4
    path.write_bytes(bytes(data))
    return path


def _bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", "<a>" + "0" * 60_000_000 + "</a>")
    return path


def _csv(text: str, encoding: str = "utf-8") -> Callable[[Path], Path]:
    def write(path: Path) -> Path:
        path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
        return path

    return write


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
GOOD_CSV = ",".join(HEADER) + "\n" + ",".join(str(v) for v in GOOD) + "\n"
CORPUS: list[tuple[str, str, Callable[[Path], Path], str | None]] = [
    ("stray cell at XFD1048576", "xlsx", lambda p: raw_xlsx(p, sheet_xml(table([(1048576, [("XFD1048576", "x")])]))),
     "单元格XFD1048576有内容，超出导入读取的200列"),
    ("stray cell at ZZ200000", "xlsx", lambda p: raw_xlsx(p, sheet_xml(table([(200000, [("ZZ200000", 1)])]))),
     "单元格ZZ200000有内容，超出导入读取的200列"),
    ("stray cell at A1048576", "xlsx", lambda p: raw_xlsx(p, sheet_xml(table([(1048576, [("A1048576", 1)])]))),
     "第1,048,576行超出导入读取的200,000行上限"),
    ("empty styled cell at XFD1048576", "xlsx",
     lambda p: raw_xlsx(p, sheet_xml(table()).replace("</sheetData>", '<row r="1048576"><c r="XFD1048576" s="0"/>'
                                                                         "</row></sheetData>")), None),
    ("DTD with entities in the sheet", "xlsx", lambda p: raw_xlsx(p, sheet_xml(table(), LAUGHS)), "DTD"),
    ("DTD after a comment", "xlsx", lambda p: raw_xlsx(p, sheet_xml(table(), "<!-- hi -->" + LAUGHS)), "DTD"),
    ("DTD in a UTF-16 sheet", "xlsx", lambda p: raw_xlsx(p, sheet_xml(table(), LAUGHS).replace(
        'encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")), "DTD"),
    ("external entity in the shared strings", "xlsx",
     lambda p: raw_xlsx(p, sheet_xml(table()), '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM '
                        f'"file:///etc/passwd">]><sst xmlns="{MAIN}"><si><t>&e;</t></si></sst>'), "DTD"),
    ("zip bomb", "xlsx", _bomb, "压缩炸弹"),
    ("lying zip directory", "xlsx", _lying_directory, "已损坏"),
    ("NaN in a number cell", "xlsx", lambda p: raw_xlsx(p, sheet_xml(table(good=["TK1", "2025-10", "#NaN", 1, 1]))),
     "超出取值范围"),
    ("Infinity in a number cell", "xlsx",
     lambda p: raw_xlsx(p, sheet_xml(table(good=["TK1", "2025-10", 1, "#Infinity", 1]))), "超出取值范围"),
    ("1e30 in a number cell", "xlsx", lambda p: raw_xlsx(p, sheet_xml(table(good=["TK1", "2025-10", 1, "#1e30", 1]))),
     "超出取值范围"),
    ("formula without a saved value", "xlsx",
     lambda p: raw_xlsx(p, sheet_xml(table()).replace('<c r="D2"><v>320000</v></c>', '<c r="D2"><f>SUM(C2)</f></c>')),
     "没有保存的计算结果"),
    ("shared string that is not there", "xlsx",
     lambda p: raw_xlsx(p, sheet_xml(table()).replace('<c r="A2" t="inlineStr"><is><t>TK1</t></is></c>',
                                                      '<c r="A2" t="s"><v>99</v></c>'), f'<sst xmlns="{MAIN}"/>'),
     "引用的文本在文件中不存在"),
    ("rows out of order", "xlsx", lambda p: raw_xlsx(p, sheet_xml([*table(), (1, [("A1", "x")])])), "顺序错乱"),
    ("not XML at all", "xlsx", lambda p: raw_xlsx(p, "<worksheet><sheetData><row"), "已损坏"),
    ("truncated zip", "xlsx", lambda p: p.write_bytes(raw_xlsx(p, sheet_xml(table())).read_bytes()[:300]) and p,
     "不是 xlsx"),
    ("password-protected (OLE) workbook", "xlsx", lambda p: p.write_bytes(OLE + bytes(99)) and p, "加密的工作簿"),
    ("a zip that is no workbook", "xlsx", lambda p: zipfile.ZipFile(p, "w").close() or p, "不是 Excel 工作簿"),
    ("CSV in GBK", "csv", _csv("标题：重点项目月报\n" + GOOD_CSV, "gbk"), None),
    ("CSV in neither UTF-8 nor GB18030", "csv", _csv(b"\xff\xfe\x00\xd8\x00\xd8" * 10), "既不是 UTF-8"),
    ("CSV cell of 40,000 characters", "csv", _csv(GOOD_CSV + "TK1,2025-11," + "9" * 40_000 + ",1,1\n"),
     "超过32,767个字符"),
    ("CSV of 250 columns", "csv", _csv(GOOD_CSV + ",".join(["1"] * 250) + "\n"), "超出导入读取的200列"),
    ("title-row unit", "csv", _csv("(单位：亿元)\n" + ",".join(HEADER) + "\nTK1,2025-10,2,32,32\n"), None),
    ("title-row period", "csv", _csv("报告期：2025年10月\n代码,本月完成,本年累计,开工累计\nTK1,2,32,32\n".replace(
        ",2,32,32", ",20000,320000,320000")), None),
    ("absent since-start column", "csv", _csv("项目代码,月份,本月完成,本年累计\nTK1,2025-10,20000,320000\n"), None),
]  # fmt: skip


def bytes_of(write: Callable[[Path], Path], suffix: str) -> bytes:
    """The file a corpus entry writes (for uploads)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        return write(Path(folder) / f"f.{suffix}").read_bytes()
