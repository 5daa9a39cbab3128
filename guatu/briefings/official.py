"""The briefing laid out as an official document (党政机关公文格式, GB/T 9704-2012), once, for both
the Word file and the PDF: the masthead (版头) with the issue number, issuer and date above a red
line; the title; the body in numbered parts (一、 (一) 1.); the signature and date; the attachment
(附件) that traces every figure; the imprint (版记). The renderers only decide how each block looks.

Chinese text gets full-width punctuation here (`punctuation.fullwidth`), numbers stay half-width.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from guatu.briefings.content import Briefing, money_yi, percent
from guatu.briefings.models import Masthead
from guatu.briefings.punctuation import fullwidth
from guatu.briefings.sections import Table
from guatu.core.money import fmt_amount

NUMERALS = "一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (headings rarely go past twenty)."""
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[ones - 1] if ones else "")


def date_zh(day: dt.date) -> str:
    """成文日期 as GB/T 9704 writes it: 2024年12月5日 (Arabic numerals, no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"


# --- blocks ----------------------------------------------------------------------------------


@dataclass
class Heading:
    level: int  # 1: 一、 (黑体)  2: （一） (楷体)  3: 1. (仿宋 bold)
    text: str
    kind = "heading"


@dataclass
class Paragraph:
    text: str
    kind = "paragraph"


@dataclass
class Caption:
    text: str
    kind = "caption"


@dataclass
class Grid:
    """A table: its header and rows; columns holding numbers are right-aligned."""

    headers: list[str]
    rows: list[list[str]]
    kind = "grid"

    def numeric(self, column: int) -> bool:
        cells = [r[column] for r in self.rows if column < len(r) and r[column]]
        return bool(cells) and all(NUMBER.fullmatch(c) for c in cells)

    @property
    def widths_pct(self) -> list[float]:
        """Each column's share of the width, in % (the PDF's <col>s; Word gets millimetres)."""
        widths = column_widths(self, 156)
        return [round(w * 100 / sum(widths), 1) for w in widths]

    @property
    def cells(self) -> list[list[tuple[str, bool]]]:
        """The rows as (text, numeric column) pairs, for templates."""
        numeric = [self.numeric(c) for c in range(len(self.headers))]
        return [[(row[c] if c < len(row) else "", numeric[c]) for c in range(len(self.headers))] for row in self.rows]


NUMBER = re.compile(r"[+\-−]?[\d,]*\.?\d+%?|—|[\d]+/[\d]+")


@dataclass
class Picture:
    """The chart: as SVG (the PDF embeds it) and the figures it draws (Word gets a PNG of them)."""

    svg: str
    figures: tuple  # (labels, completions, elapsed): what `chart.completion_chart_png` draws
    width_cm: float
    alt: str
    kind = "picture"


Block = Heading | Paragraph | Caption | Grid | Picture


@dataclass
class OfficialDocument:
    """Everything the Word file and the PDF print, in order."""

    masthead: str
    number: str
    issuer: str
    issued: dt.date
    title: str
    subtitle: str
    body: list[Block] = field(default_factory=list)
    attachment_title: str = ""
    attachment: list[Block] = field(default_factory=list)
    copy_to: str = ""
    language: str = "zh-hans"

    @property
    def issued_text(self) -> str:
        return date_zh(self.issued) if self.language.startswith("zh") else self.issued.isoformat()

    def text(self) -> str:
        """All the words, in order (for search and tests)."""
        parts = [self.masthead, self.number, self.title, self.subtitle]
        for block in [*self.body, *self.attachment]:
            if isinstance(block, Grid):
                parts += [" ".join(block.headers), *(" ".join(r) for r in block.rows)]
            elif not isinstance(block, Picture):
                parts.append(block.text)
        return "\n".join(parts)


def text_width_chars(text: str, latin: float = 0.5) -> float:
    """Width in characters of the body font: a CJK character is one, a digit or Latin letter about
    half (`latin`: a little more in tables, where Times New Roman's digits and % are set)."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else latin for ch in text)


def column_widths(grid: Grid, total_mm: float, size_pt: float = 10.5) -> list[float]:
    """Column widths (mm) within the text width: numbers, codes and dates (columns of cells without
    Chinese) never wrap; headers may (four characters a line); the Chinese text columns share what is left
    in proportion to their longest cell."""
    char_mm, pad_mm = size_pt * 25.4 / 72, 3.4
    count = len(grid.headers)
    cells = [[str(r[c]) for r in grid.rows if c < len(r)] for c in range(count)]
    data = [max([text_width_chars(v, 0.62) for v in column] or [0]) for column in cells]
    heads = [min(text_width_chars(h, 0.62), 4.0) for h in grid.headers]
    need = [max(d, h, 1.0) * char_mm + pad_mm for d, h in zip(data, heads, strict=True)]
    fixed = [sum(v.isascii() for v in column) >= 0.8 * len(column) for column in cells]  # a 合计 row aside
    flexible = [c for c in range(count) if not fixed[c]]
    widths = list(need)
    cap, least = 16 * char_mm + pad_mm, 8 * char_mm + pad_mm
    floor = sum(min(need[c], least) for c in flexible)
    fixed_total = sum(n for n, f in zip(need, fixed, strict=True) if f)
    if fixed_total > total_mm - floor:  # too many figures: they wrap rather than squeeze the text to nothing
        shrink = max(total_mm - floor, total_mm / 3) / fixed_total
        widths = [w * shrink if f else w for w, f in zip(widths, fixed, strict=True)]
    room = total_mm - sum(w for w, f in zip(widths, fixed, strict=True) if f)
    wanted = sum(min(need[c], cap) for c in flexible)
    if flexible and room > 0:
        for c in flexible:
            widths[c] = max(room * min(need[c], cap) / wanted, 2 * char_mm + pad_mm)
    scale = total_mm / sum(widths)  # what is left over (or missing) is shared by every column
    return [round(w * scale, 1) for w in widths]


# --- composing ------------------------------------------------------------------------------


def compose(briefing: Briefing, *, language: str = "zh-hans", issued: dt.date | None = None,
            masthead: Masthead | None = None, number: str | None = None,
            chart: bool = True) -> OfficialDocument:  # fmt: skip
    """The briefing's content as an official document dated `issued` (default: today)."""
    with translation.override(language):
        chinese = language.startswith("zh")
        zh = fullwidth if chinese else (lambda text: text)
        masthead = masthead or Masthead.for_region(_scope_region(briefing))
        period = briefing.period
        doc = OfficialDocument(
            masthead=masthead.masthead, number=number or masthead.number(period.year, period.month),
            issuer=masthead.issuer, issued=issued or dt.date.today(), title=zh(briefing.title),
            subtitle=zh(_("Period: %(period)s    Scope: %(scope)s") % {
                "period": period.label_zh() if chinese else period.label_en(), "scope": briefing.where}),
            attachment_title=_("Where each figure comes from"), copy_to=masthead.copy_to, language=language,
        )  # fmt: skip
        body = doc.body
        parts = 0

        def part(title: str) -> None:
            nonlocal parts
            parts += 1
            body.append(Heading(1, f"{chinese_number(parts)}、{zh(title)}" if chinese else f"{parts}. {title}"))

        part(_("Project construction"))
        for n, section in enumerate(briefing.lists, start=1):
            label = zh(section.row.label)
            body.append(Heading(2, f"（{chinese_number(n)}）{label}" if chinese else f"({n}) {label}"))
            body.append(Paragraph(zh(f"{section.sentence}{section.started}")))
            if section.best:
                names = "、".join(f"{m.name}({percent(m.completion)})" for m in section.best)
                body.append(Paragraph(zh(_("Best: %(names)s.") % {"names": names})))
            if section.lagging:
                names = "、".join(f"{m.name}({percent(m.completion)})" for m in section.lagging)
                body.append(Paragraph(zh(_("Behind time elapsed: %(names)s.") % {"names": names})))
        if briefing.lists:
            body.append(Caption(zh(_("Investment completed by project list"))))
            body.append(_grid(zh, [_("Project list"), _("Projects"), _("Started"), _("Total investment (100M yuan)"),
                                   _("Annual plan (100M yuan)"), _("Invested YTD (100M yuan)"), _("Completion"),
                                   _("Time elapsed")],
                              [[s.row.label, str(s.row.projects), str(s.row.started), money_yi(s.row.total_investment),
                                money_yi(s.row.annual_plan), money_yi(s.row.ytd_actual), percent(s.row.completion),
                                percent(s.row.elapsed)] for s in briefing.lists]))  # fmt: skip
            if chart:
                body.extend(_chart(briefing, zh))

        part(_("Warnings and problems"))
        counts = briefing.warning_counts
        warned = _("As of %(day)s, %(red)s projects are red, %(yellow)s yellow and %(green)s green.") % {
            "day": date_zh(briefing.as_of) if chinese else briefing.as_of.isoformat(), "red": counts.get("red", 0),
            "yellow": counts.get("yellow", 0), "green": counts.get("green", 0)}  # fmt: skip
        body.append(Paragraph(zh(warned)))
        if briefing.red_projects:
            body.append(Paragraph(zh(_("Red: %(names)s.") % {"names": "、".join(briefing.red_projects)})))
        overdue = "、".join(f"{name}{n}个" for name, n in briefing.overdue.items()) or _("none")
        body.append(Paragraph(zh(_("%(open)s problems are unresolved; overdue by department: %(overdue)s.") % {
            "open": briefing.open_problems, "overdue": overdue})))  # fmt: skip

        for section in briefing.sections:
            part(section.title)
            body.extend(Paragraph(zh(text)) for text in section.paragraphs)
            for table in section.tables:
                body.extend(_table(zh, table))

        doc.attachment = _attachment(briefing, zh, chinese)
        return doc


def _scope_region(briefing: Briefing):
    scope = briefing.scope
    if scope.region is not None:
        return scope.region
    return getattr(scope.platform, "region", None)


def _grid(zh, headers: list[str], rows: list[list[str]]) -> Grid:
    return Grid([zh(h) for h in headers], [[zh(str(c)) for c in row] for row in rows])


def _table(zh, table: Table) -> list[Block]:
    out: list[Block] = [Caption(zh(table.caption))] if table.caption else []
    return [*out, _grid(zh, table.headers, table.rows)]


def _chart(briefing: Briefing, zh) -> list[Block]:
    from guatu.briefings.chart import completion_chart_svg

    labels = [zh(s.row.label) for s in briefing.lists]
    figures = (labels, [s.row.completion for s in briefing.lists], briefing.period.elapsed_pct)
    alt = zh(_("Completion of the annual target by project list, against the time elapsed"))
    return [Picture(completion_chart_svg(*figures), figures, 15.6, alt), Caption(alt)]


def _attachment(briefing: Briefing, zh, chinese: bool) -> list[Block]:
    """附件: for every figure, the rows that sum to it — the project lists' monthly reports, then
    each other part's own tables."""
    out: list[Block] = []
    n = 0

    def heading(title: str) -> None:
        nonlocal n
        n += 1
        out.append(Heading(2, f"（{chinese_number(n)}）{zh(title)}" if chinese else f"({n}) {title}"))

    if briefing.lists:
        heading(_("Project construction"))
    for section in briefing.lists:
        trace = section.trace
        out.append(Caption(zh(_("%(label)s: invested YTD %(total)s 10k yuan, the sum of these monthly reports:") % {
            "label": trace.label, "total": fmt_amount(trace.total_wan)})))  # fmt: skip
        rows = [[m.code, m.name, f"{briefing.period.year}-{m.ytd_month:02d}" if m.ytd_month else "—",
                 fmt_amount(m.ytd_actual or Decimal(0)), fmt_amount(m.annual_plan)] for m in trace.rows]  # fmt: skip
        rows.append([_("Total"), "", "", fmt_amount(trace.total_wan), fmt_amount(section.row.annual_plan)])
        out.append(_grid(zh, [_("Code"), _("Project"), _("Report month"), _("Invested YTD (10k yuan)"),
                              _("Annual plan (10k yuan)")], rows))  # fmt: skip
    for section in briefing.sections:
        if not section.appendix:
            continue
        heading(section.title)
        for table in section.appendix:
            out.append(Caption(zh(table.caption or section.title)))
            out.append(_grid(zh, table.headers, table.rows))
    return out
