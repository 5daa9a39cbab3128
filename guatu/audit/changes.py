"""Change records (who, when, old → new) read from the historical tables.

django-simple-history writes one historical row per save, with the user from the request
(or none for the CLI). Here the rows are turned into field-level changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import groupby

from django.db import models

_SKIP = {"id", "history_id", "history_date", "history_change_reason", "history_type", "history_user", "history_user_id"}


@dataclass
class FieldChange:
    field: str
    label: str
    old: object
    new: object


@dataclass
class ChangeEntry:
    when: dt.datetime
    who: str
    kind: str  # "+" created, "~" changed, "-" deleted
    subject: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)


def _tracked_fields(history_model) -> list[models.Field]:
    return [f for f in history_model._meta.fields if f.attname not in _SKIP and f.name not in _SKIP]


def _display(record, f: models.Field) -> object:
    value = getattr(record, f.attname)
    if f.choices and value is not None:
        return dict(f.flatchoices).get(value, value)
    return value


def changes_of(history_qs, describe=str) -> list[ChangeEntry]:
    """Field-level change entries for every historical row in `history_qs`, oldest first per object."""
    rows = list(history_qs.select_related("history_user").order_by("id", "history_date", "history_id"))
    if not rows:
        return []
    tracked = _tracked_fields(rows[0]._meta.model)
    entries: list[ChangeEntry] = []
    for _pk, versions in groupby(rows, key=lambda r: r.id):
        previous = None
        for record in versions:
            diffs = []
            for f in tracked:
                new = _display(record, f)
                old = _display(previous, f) if previous is not None else None
                if previous is None or old != new:
                    diffs.append(FieldChange(f.name, str(f.verbose_name), old, new))
            if previous is None or diffs or record.history_type == "-":
                entries.append(
                    ChangeEntry(
                        when=record.history_date,
                        who=record.history_user.get_username() if record.history_user else "system",
                        kind=record.history_type,
                        subject=describe(record),
                        reason=record.history_change_reason or "",
                        changes=diffs if previous is not None else [],
                    )
                )
            previous = record
    return entries


def newest_first(*groups: list[ChangeEntry]) -> list[ChangeEntry]:
    merged = [e for g in groups for e in g]
    return sorted(merged, key=lambda e: e.when, reverse=True)
