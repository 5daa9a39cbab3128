"""Tracked models: every write validated, versioned and recorded — whichever way it comes.

`TrackedModel.save()` runs the model's whole validation (`full_clean`), checks the version the
writer last saw (optimistic concurrency: a stale version raises `VersionConflict`), bumps it, and
writes a `ChangeRecord` in the same transaction. `TrackedQuerySet` does the same for the bulk
paths Django offers (`update`, `bulk_create`, `bulk_update`); deletes — one object, a queryset or
a cascade — are recorded by a `pre_delete` signal. So the form, the API, the admin, the importer,
the CLI and a shell all leave the same trail.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, ClassVar

from django.contrib.contenttypes.models import ContentType
from django.db import connections, models, router, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from guatu.audit.context import current_actor
from guatu.audit.models import Action, ChangeRecord

SCOPE_KEYS = ("project", "region", "platform", "department")


class VersionConflict(Exception):
    """Someone else saved the object since the writer read it (or deleted it)."""

    def __init__(self, obj: models.Model, current: dict | None, expected: int | None):
        self.obj = obj
        self.current = current  # the stored values now (None: the row is gone)
        self.expected = expected
        name = obj._meta.verbose_name
        if current is None:
            message = _("This %(name)s was deleted by someone else.") % {"name": name}
        else:
            message = _(
                "Someone else changed this %(name)s (version %(expected)s → %(current)s) after you opened it; "
                "reload it and apply your change again."
            ) % {"name": name, "expected": expected, "current": current.get("version")}
        super().__init__(str(message))


def to_json(value: Any) -> Any:
    """A field value as the change record keeps it: exact decimals and dates as text."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def tracked_fields(model: type[models.Model]) -> list[models.Field]:
    skip = {"id", "version", *getattr(model, "audit_exclude", ())}
    return [f for f in model._meta.concrete_fields if f.name not in skip and not f.primary_key]


def _field_json(f: models.Field, value: Any) -> Any:
    """A value as stored: decimals with the field's places (52 and 52.00 are the same figure)."""
    if isinstance(f, models.DecimalField) and value is not None:
        try:
            value = Decimal(value).quantize(Decimal(1).scaleb(-f.decimal_places))
        except (ArithmeticError, ValueError, TypeError):
            return str(value)
    return to_json(value)


def snapshot(obj: models.Model, fields: Sequence[models.Field] | None = None) -> dict:
    masked = getattr(type(obj), "audit_masked", ())
    out = {}
    for f in fields if fields is not None else tracked_fields(type(obj)):
        value = getattr(obj, f.attname)
        out[f.attname] = "***" if f.name in masked and value else _field_json(f, value)
    return out


def _row_snapshot(model, row: dict, fields: Sequence[models.Field]) -> dict:
    masked = getattr(model, "audit_masked", ())
    return {f.attname: ("***" if f.name in masked and row[f.attname] else _field_json(f, row[f.attname]))
            for f in fields}  # fmt: skip


def _walk(obj: models.Model, path: str):
    """The id at the end of a path like "project__region" (FK attributes, cached by Django)."""
    if path == "pk":
        return obj.pk
    *hops, last = path.split("__")
    for hop in hops:
        obj = getattr(obj, hop, None)
        if obj is None:
            return None
    return getattr(obj, obj._meta.get_field(last).attname)


def scope_ids(obj: models.Model) -> dict:
    """The object's project, region, platform and department ids (as its `access_paths` say). A path through
    another row (a hazard's `inspection__project`) is read from the database, not from the related object in
    memory: that may have been loaded before it moved to another project."""
    paths = getattr(type(obj), "access_paths", {})
    if obj.pk is not None and any("__" in paths.get(key, "") for key in SCOPE_KEYS):
        found = scope_ids_bulk(type(obj), [obj.pk]).get(obj.pk)
        if found is not None:
            return {key: found.get(key) for key in SCOPE_KEYS}
    return {key: _walk(obj, paths[key]) if key in paths else None for key in SCOPE_KEYS}


def scope_ids_bulk(model: type[models.Model], pks: Iterable) -> dict:
    """`scope_ids` for many rows of `model` in one query."""
    paths = {k: p for k, p in getattr(model, "access_paths", {}).items() if k in SCOPE_KEYS}
    if not paths:
        return {}
    columns = {key: "pk" if path == "pk" else f"{path}_id" for key, path in paths.items()}
    rows = model._base_manager.filter(pk__in=list(pks)).values("pk", *set(columns.values()) - {"pk"})
    return {row["pk"]: {key: row[col] for key, col in columns.items()} for row in rows}


def make_record(action: str, obj: models.Model, before: dict | None, after: dict | None, scope: dict | None = None):
    actor = current_actor()
    scope = scope if scope is not None else scope_ids(obj)
    return ChangeRecord(
        user=actor.user if getattr(actor.user, "pk", None) else None,
        username=actor.name[:150],
        request_id=actor.request_id,
        reason=actor.reason,
        action=action,
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        object_repr=str(obj)[:200],
        project_id=scope.get("project"),
        region_id=scope.get("region"),
        platform_id=scope.get("platform"),
        department_id=scope.get("department"),
        before=before,
        after=after,
    )


# Work other parts do in the writing transaction, after the change record of every write (rollups keep
# their figures this way): callables taking the list of new ChangeRecords (`register_write_hook`). Every way a
# tracked object is created or changed writes its record through `write_records`, so none skips a hook; deletes
# reach the hooks through `post_delete` (the row is gone by then), see `guatu.rollups.apps`.
WRITE_HOOKS: list = []


def register_write_hook(hook) -> None:
    if hook not in WRITE_HOOKS:
        WRITE_HOOKS.append(hook)


def run_write_hooks(records: list) -> None:
    """Call every write hook with `records` (paths that insert their records themselves call this too, with
    objects having a ChangeRecord's action, content_type_id, object_id, project_id, before and after)."""
    for hook in WRITE_HOOKS:
        hook(records)


def hold_transaction_id(using: str = "default") -> None:
    """On PostgreSQL, give the writing transaction its transaction id before it takes change-record ids: a record
    can be a transaction's first write (a delete's, written before the row goes), and its id would otherwise be
    taken before the transaction shows as writing to the other sessions (guatu.core.watermarks relies on it).
    Nothing on SQLite."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_current_xact_id()")


def write_records(records: list[ChangeRecord]) -> None:
    if records:
        hold_transaction_id(ChangeRecord.objects.db)
        ChangeRecord.objects.bulk_create(records, batch_size=1000)
        run_write_hooks(records)


def _check_plain_values(model, values: dict) -> None:
    """The field validation of every plain value an update sets (expressions are checked after)."""
    from django.core.exceptions import ValidationError

    errors = {}
    for name, value in values.items():
        if hasattr(value, "resolve_expression"):
            continue
        field = model._meta.get_field(name)
        try:
            field.clean(value, None)
        except ValidationError as exc:
            errors[name] = exc.messages
    if errors:
        raise ValidationError(errors)


class TrackedQuerySet(models.QuerySet):
    """Bulk writes that validate, version and record like `save()` does."""

    def update(self, **kwargs) -> int:
        model = self.model
        _check_plain_values(model, kwargs)
        fields = tracked_fields(model)
        names = [f.attname for f in fields]
        with transaction.atomic(using=self.db):
            before = {row["pk"]: row for row in self.select_for_update().values("pk", *names)}
            if not before:
                return 0
            count = model._base_manager.using(self.db).filter(pk__in=before).update(version=F("version") + 1, **kwargs)
            after_rows = model._base_manager.using(self.db).filter(pk__in=before).values("pk", *names)
            scopes = scope_ids_bulk(model, before)
            records = []
            objects = model._base_manager.using(self.db).in_bulk(list(before))
            # Every value must be one the column holds and reads back (bounds, lengths, choices): an
            # invalid result undoes the update. Workflow rules (clean()) belong to the actions.
            for obj in objects.values():
                obj.clean_fields()
            for row in after_rows:
                old, new = _row_snapshot(model, before[row["pk"]], fields), _row_snapshot(model, row, fields)
                if old != new:
                    records.append(make_record(Action.UPDATE, objects[row["pk"]], old, new, scopes.get(row["pk"], {})))
            write_records(records)
        return count

    def bulk_create(self, objs, *args, validate: bool = True, **kwargs):
        if kwargs.get("ignore_conflicts") or kwargs.get("update_conflicts"):
            # The rows would come back without their keys (or not at all): nothing to record them by.
            raise TypeError("tracked models cannot bulk_create with ignore_conflicts or update_conflicts")
        objs = list(objs)
        with transaction.atomic(using=self.db):
            if validate:
                for obj in objs:
                    obj.full_clean()
            created = super().bulk_create(objs, *args, **kwargs)
            scopes = scope_ids_bulk(self.model, [o.pk for o in created])
            write_records(
                [make_record(Action.CREATE, o, None, snapshot(o), scopes.get(o.pk, {})) for o in created if o.pk]
            )
        return created

    def bulk_update(self, objs, fields, *args, validate: bool = True, **kwargs):
        objs = list(objs)
        if not objs:
            return 0
        model = self.model
        tracked = tracked_fields(model)
        names = [f.attname for f in tracked]
        with transaction.atomic(using=self.db):
            stored = {
                row["pk"]: row
                for row in model._base_manager.using(self.db)
                .select_for_update()
                .filter(pk__in=[o.pk for o in objs])
                .values("pk", "version", *names)
            }
            for obj in objs:
                current = stored.get(obj.pk)
                if current is None or current["version"] != obj.version:
                    raise VersionConflict(obj, current, obj.version)
                if validate:
                    obj.full_clean()
            changed = [o for o in objs if _row_snapshot(model, stored[o.pk], tracked) != snapshot(o, tracked)]
            for obj in changed:
                obj.version += 1
            plain = model._base_manager.using(self.db)  # Django's bulk_update calls update(): not ours again
            count = plain.bulk_update(changed, [*fields, "version"], *args, **kwargs) if changed else 0
            scopes = scope_ids_bulk(model, [o.pk for o in changed])
            write_records(
                [
                    make_record(
                        Action.UPDATE, o, _row_snapshot(model, stored[o.pk], tracked), snapshot(o, tracked),
                        scopes.get(o.pk, {}),
                    )
                    for o in changed
                ]
            )  # fmt: skip
        return count


class TrackedModel(models.Model):
    """A model whose every write is validated, versioned and recorded (see the module docstring).

    Subclasses say where they stand for the access rules and the record with `access_paths`
    (e.g. ``{"project": "project", "region": "project__region", …}``).
    """

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    access_paths: ClassVar[dict[str, str]] = {}
    audit_exclude: ClassVar[tuple[str, ...]] = ()

    objects = TrackedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, validate: bool = True, **kwargs) -> None:
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        fields = tracked_fields(type(self))
        with transaction.atomic(using=using):
            before = None
            if not self._state.adding and self.pk is not None:
                row = (
                    type(self)._base_manager.using(using).select_for_update().filter(pk=self.pk)
                    .values("version", *(f.attname for f in fields)).first()
                )  # fmt: skip
                if row is None or row["version"] != self.version:
                    raise VersionConflict(self, row, self.version)
                before = _row_snapshot(type(self), row, fields)
            if validate:
                self.full_clean()
            after = snapshot(self, fields)
            if before is not None:
                if before == after:
                    return
                self.version += 1
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
            super().save(*args, **kwargs)
            write_records([make_record(Action.CREATE if before is None else Action.UPDATE, self, before, after)])

    def clean_version(self, seen: int | None) -> None:
        """Take the version the writer saw (a form's hidden field, an API's If-Match)."""
        if seen is not None:
            self.version = seen


def record_delete(sender, instance, **kwargs) -> None:
    """pre_delete: the object's last state, written in the deleting transaction."""
    write_records([make_record(Action.DELETE, instance, snapshot(instance), None)])
