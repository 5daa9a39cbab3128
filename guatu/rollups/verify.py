"""`guatu rollup --verify`: recompute every rollup row from the raw rows and compare with what is stored."""

from __future__ import annotations

from dataclasses import dataclass, field

from guatu.rollups import facts
from guatu.rollups.models import COLUMNS, YearFigures


@dataclass
class Differences:
    checked: int = 0  # rows recomputed
    missing: list[tuple] = field(default_factory=list)  # should exist, are not stored
    extra: list[tuple] = field(default_factory=list)  # stored, should not exist
    wrong: list[tuple[tuple, tuple]] = field(default_factory=list)  # (stored, recomputed)

    @property
    def count(self) -> int:
        return len(self.missing) + len(self.extra) + len(self.wrong)

    def as_json(self, limit: int = 20) -> dict:
        def show(row):
            return dict(zip(COLUMNS, [str(v) if v is not None else None for v in row], strict=True))

        return {"checked": self.checked, "differences": self.count, "missing": [show(r) for r in self.missing[:limit]],
                "extra": [show(r) for r in self.extra[:limit]],
                "wrong": [{"stored": show(s), "recomputed": show(r)} for s, r in self.wrong[:limit]]}  # fmt: skip


def verify(progress=None) -> Differences:
    """Every project's rows, recomputed from the raw rows, against the stored ones."""
    found = Differences()
    ids = facts.all_project_ids()
    stored_ids = set(YearFigures.objects.values_list("project_id", flat=True).distinct())
    for chunk in facts._chunks(ids):
        wanted = {row[:3]: row for row in facts.compute(chunk)}
        stored = {row[:3]: row for row in YearFigures.objects.filter(project_id__in=chunk).values_list(*COLUMNS)}
        found.checked += len(wanted)
        for key, row in wanted.items():
            have = stored.get(key)
            if have is None:
                found.missing.append(row)
            elif tuple(have) != tuple(row):
                found.wrong.append((tuple(have), tuple(row)))
        found.extra += [row for key, row in stored.items() if key not in wanted]
        if progress:
            progress(len(chunk))
    orphans = stored_ids - set(ids)
    if orphans:
        found.extra += list(YearFigures.objects.filter(project_id__in=orphans).values_list(*COLUMNS))
    return found
