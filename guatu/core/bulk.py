"""Idempotent bulk upserts that keep the change record.

Rows are matched on natural keys; missing rows are created, changed rows updated, equal rows
left alone — so loading the same data twice writes nothing. Tracked models validate, version and
record bulk writes themselves (`guatu.audit.tracking.TrackedQuerySet`); the reason given here is
the record's reason.

`protect_people=True` (the demo loader) never overwrites a row that anyone but `loader` has
changed: an officer's correction survives a second `guatu demo`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models

from guatu.audit.context import acting
from guatu.audit.models import ChangeRecord


@dataclass
class UpsertResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # rows a person changed, left as they are


def _key(obj_or_row, key_fields: Sequence[str], from_row: bool) -> tuple:
    if from_row:
        return tuple(obj_or_row[k] for k in key_fields)
    return tuple(getattr(obj_or_row, k) for k in key_fields)


def changed_by_people(model: type[models.Model], pks: Iterable, loader: str) -> set:
    """The rows among `pks` whose change record names anyone but `loader`."""
    content_type = ContentType.objects.get_for_model(model)
    return set(
        ChangeRecord.objects.filter(content_type=content_type, object_id__in=list(pks))
        .exclude(username=loader)
        .values_list("object_id", flat=True)
    )


def upsert(
    model: type[models.Model],
    key_fields: Sequence[str],
    rows: Iterable[dict],
    *,
    existing: models.QuerySet | None = None,
    change_reason: str = "",
    batch_size: int = 1000,
    user=None,
    protect_people: str | None = None,
) -> UpsertResult:
    """Create or update `model` rows given as dicts of attnames (use `region_id`, not `region`).

    `protect_people`: the loader's name; rows changed by anyone else are kept as they are.
    """
    rows = list(rows)
    existing_qs = existing if existing is not None else model.objects.all()
    by_key = {_key(o, key_fields, False): o for o in existing_qs}
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
    if to_update and protect_people:
        kept = changed_by_people(model, [o.pk for o in to_update], protect_people)
        to_update = [o for o in to_update if o.pk not in kept]
        result.kept = len(kept)
    with acting(**({"user": user} if user is not None else {}), reason=change_reason):
        if to_create:
            model.objects.bulk_create(to_create, batch_size=batch_size)
        if to_update:
            model.objects.bulk_update(to_update, sorted(changed_fields), batch_size=batch_size)
    result.created, result.updated = len(to_create), len(to_update)
    return result
