"""`guatu rollup --verify`: recompute every rollup row from the raw rows and compare with what is stored — the
rows (`YearFigures`) and their groups (`GroupFigures`, summed here in Python by `facts.group_of` from the
recomputed rows, independently of the SQL that keeps them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from guatu.rollups import facts
from guatu.rollups.models import COLUMNS, GROUP_COLUMNS, GroupFigures, YearFigures


@dataclass
class Differences:
    checked: int = 0  # rows recomputed
    missing: list[tuple] = field(default_factory=list)  # should exist, are not stored
    extra: list[tuple] = field(default_factory=list)  # stored, should not exist
    wrong: list[tuple[tuple, tuple]] = field(default_factory=list)  # (stored, recomputed)
    groups_checked: int = 0
    groups_wrong: list[tuple[tuple | None, tuple | None]] = field(default_factory=list)  # (stored, recomputed)

    @property
    def count(self) -> int:
        return len(self.missing) + len(self.extra) + len(self.wrong) + len(self.groups_wrong)

    def as_json(self, limit: int = 20) -> dict:
        def show(row, columns=COLUMNS):
            if row is None:
                return None
            return dict(zip(columns, [str(v) if v is not None else None for v in row], strict=True))

        return {"checked": self.checked, "differences": self.count, "missing": [show(r) for r in self.missing[:limit]],
                "extra": [show(r) for r in self.extra[:limit]],
                "wrong": [{"stored": show(s), "recomputed": show(r)} for s, r in self.wrong[:limit]],
                "groups_checked": self.groups_checked,
                "groups_wrong": [{"stored": show(s, GROUP_COLUMNS), "recomputed": show(r, GROUP_COLUMNS)}
                                 for s, r in self.groups_wrong[:limit]]}  # fmt: skip


def verify(progress=None) -> Differences:
    """Every project's rows, recomputed from the raw rows, against the stored ones."""
    found = Differences()
    groups = facts.Deltas()
    ids = facts.all_project_ids()
    stored_ids = set(YearFigures.objects.values_list("project_id", flat=True).distinct())
    for chunk in facts._chunks(ids):
        wanted = {row[:3]: row for row in facts.compute(chunk)}
        for row in wanted.values():
            groups.add_one(*facts.group_of(row))
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
    stored_groups = {tuple(row[:5]): tuple(row) for row in GroupFigures.objects.values_list(*GROUP_COLUMNS)}
    recomputed = {key: (*key, *values) for key, values in groups.items()}
    found.groups_checked = len(recomputed)
    for key in sorted(set(stored_groups) | set(recomputed)):
        if stored_groups.get(key) != recomputed.get(key):
            found.groups_wrong.append((stored_groups.get(key), recomputed.get(key)))
    return found


def describe_group(stored: tuple | None, wanted: tuple | None) -> str:
    """A wrong group in a line: its key and each column that differs (stored → recomputed)."""
    key = (stored or wanted)[:5]
    named = ", ".join(f"{c}={v}" for c, v in zip(GROUP_COLUMNS, key, strict=False))
    if stored is None or wanted is None:
        return f"{named}: {'missing' if stored is None else 'not wanted'}"
    moved = [f"{c} {s} → {w}" for c, s, w in zip(GROUP_COLUMNS, stored, wanted, strict=True) if s != w]
    return f"{named}: {'; '.join(moved)}"
