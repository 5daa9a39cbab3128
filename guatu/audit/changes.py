"""Change records for people: field labels, choice labels, names instead of ids, old → new.

The record keeps raw values (exact decimals and dates as text, foreign keys as ids); this module
turns a page of records into entries a template or a CSV prints, resolving every foreign key on
the page in one query per related model.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models

from guatu.audit.models import Action, ChangeRecord


@dataclass
class FieldChange:
    field: str
    label: str
    old: object
    new: object


@dataclass
class ChangeEntry:
    record_id: int
    when: dt.datetime
    who: str
    kind: str  # "+" created, "~" changed, "-" deleted
    action: str  # the translated action
    subject: str
    model: str  # the translated kind of object
    reason: str
    request_id: str
    changes: list[FieldChange] = field(default_factory=list)


KIND = {Action.CREATE: "+", Action.UPDATE: "~", Action.DELETE: "-"}


def _fields_by_attname(model) -> dict[str, models.Field]:
    return {f.attname: f for f in model._meta.concrete_fields} if model else {}


def _resolve_names(records: list[ChangeRecord]) -> dict[tuple[type, object], str]:
    """Names of every foreign key mentioned by the records, one query per related model."""
    wanted: dict[type, set] = defaultdict(set)
    for record in records:
        fields = _fields_by_attname(record.content_type.model_class())
        for values in (record.before or {}, record.after or {}):
            for attname, value in values.items():
                f = fields.get(attname)
                if f is not None and f.is_relation and value is not None:
                    wanted[f.related_model].add(value)
    names = {}
    for model, ids in wanted.items():
        for obj in model._base_manager.filter(pk__in=ids):
            names[(model, obj.pk)] = str(obj)
    return names


def _display(f: models.Field | None, value, names) -> object:
    if value is None or f is None:
        return value
    if f.is_relation:
        return names.get((f.related_model, value), f"#{value}")
    if f.choices:
        return dict(f.flatchoices).get(value, value)
    if isinstance(f, models.BooleanField):
        from django.utils.translation import gettext as _

        return _("yes") if value else _("no")
    return value


def entries(records, describe=None) -> list[ChangeEntry]:
    """Entries for `records` (newest first as given); `describe(record)` names the subject."""
    records = list(records.select_related("content_type") if hasattr(records, "select_related") else records)
    names = _resolve_names(records)
    out = []
    for record in records:
        model = record.content_type.model_class()
        fields = _fields_by_attname(model)
        before, after = record.before or {}, record.after or {}
        changes = []
        if record.action == Action.UPDATE:
            for attname in after:
                if before.get(attname) != after.get(attname):
                    f = fields.get(attname)
                    label = str(f.verbose_name) if f is not None else attname
                    changes.append(FieldChange(attname, label, _display(f, before.get(attname), names),
                                               _display(f, after.get(attname), names)))  # fmt: skip
        out.append(
            ChangeEntry(
                record_id=record.pk,
                when=record.time,
                who=record.username,
                kind=KIND[record.action],
                action=record.get_action_display(),
                subject=describe(record) if describe else record.object_repr,
                model=str(model._meta.verbose_name) if model else record.content_type.model,
                reason=record.reason,
                request_id=record.request_id,
                changes=changes,
            )
        )
    return out
