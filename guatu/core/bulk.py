"""Idempotent bulk upserts that keep the change record.

Rows are matched on natural keys; missing rows are created, changed rows updated, equal rows
left alone — so loading the same data twice writes nothing. Creations and updates go through
django-simple-history's bulk helpers, so every change is recorded even without `save()`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import models
from simple_history.utils import bulk_create_with_history, bulk_update_with_history


@dataclass
class UpsertResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _key(obj_or_row, key_fields: Sequence[str], from_row: bool) -> tuple:
    if from_row:
        return tuple(obj_or_row[k] for k in key_fields)
    return tuple(getattr(obj_or_row, k) for k in key_fields)


def upsert(
    model: type[models.Model],
    key_fields: Sequence[str],
    rows: Iterable[dict],
    *,
    existing: models.QuerySet | None = None,
    change_reason: str = "",
    batch_size: int = 1000,
    user=None,
) -> UpsertResult:
    """Create or update `model` rows given as dicts of attnames (use `region_id`, not `region`)."""
    rows = list(rows)
    existing_qs = existing if existing is not None else model.objects.all()
    by_key = {_key(o, key_fields, False): o for o in existing_qs}
    has_history = hasattr(model, "history")
    to_create, to_update, changed_fields = [], [], set()
    result = UpsertResult()
    for row in rows:
        current = by_key.get(_key(row, key_fields, True))
        if current is None:
            to_create.append(model(**row))
            continue
        dirty = [name for name, value in row.items() if getattr(current, name) != value]
        if not dirty:
            result.unchanged += 1
            continue
        for name in dirty:
            setattr(current, name, row[name])
        changed_fields.update(dirty)
        to_update.append(current)
    if to_create:
        if has_history:
            bulk_create_with_history(
                to_create, model, batch_size=batch_size, default_change_reason=change_reason, default_user=user
            )
        else:
            model.objects.bulk_create(to_create, batch_size=batch_size)
    if to_update:
        if has_history:
            bulk_update_with_history(
                to_update, model, sorted(changed_fields), batch_size=batch_size,
                default_change_reason=change_reason, default_user=user,
            )  # fmt: skip
        else:
            model.objects.bulk_update(to_update, sorted(changed_fields), batch_size=batch_size)
    result.created, result.updated = len(to_create), len(to_update)
    return result
