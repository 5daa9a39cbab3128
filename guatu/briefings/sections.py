"""Sections of the briefing that other parts contribute (招商引资, 产业基金, 科创平台, 安全生产 …).

An app registers a builder (in its AppConfig.ready): given the scope, the period and the user, it
returns a `Section` — its heading, its paragraphs in the article's register, tables, and an
appendix that traces its figures to the rows behind them — or None when it has nothing to say.
The briefing places the sections after the project construction part, in `order`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    caption: str = ""


@dataclass
class Section:
    key: str  # "attraction", "funds" …
    title: str  # the heading, without its number: "招商引资"
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    appendix: list[Table] = field(default_factory=list)  # where each figure comes from
    order: int = 100


Builder = Callable[..., "Section | None"]  # builder(scope, period, *, user) -> Section | None
BUILDERS: dict[str, Builder] = {}


def register(key: str, builder: Builder) -> None:
    BUILDERS[key] = builder


def build_sections(scope, period, *, user) -> list[Section]:
    sections = [builder(scope, period, user=user) for builder in BUILDERS.values()]
    return sorted((s for s in sections if s is not None), key=lambda s: (s.order, s.key))
