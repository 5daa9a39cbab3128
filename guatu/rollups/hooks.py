"""Keep the rollups in step with every write, in the writing transaction.

Creates and changes arrive as change records (`guatu.audit.tracking.register_write_hook`: every tracked
save, bulk write, workflow step, correction, import and `guatu synth` writes its records through it) — or, for
rows the import created set-based, as one `CreatedRows` item read a column at a time; deletes arrive by
`post_delete`, once the row is gone. Only what moves a figure refreshes anything: a report's status
change between two counted statuses (submitted → locked) or a changed problem text leaves the rollups alone.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete

from guatu.audit.models import Action
from guatu.audit.setbased import CreatedRows
from guatu.audit.tracking import register_write_hook
from guatu.projects.choices import REPORTED_STATUSES
from guatu.projects.models import AnnualPlan, ListMembership, MonthlyReport, Project
from guatu.rollups import facts

# The fields whose change moves a rollup row, per model.
RELEVANT = {
    Project: ("code", "name", "region_id", "platform_id", "industry_id", "department_id", "total_investment",
              "actual_start"),
    MonthlyReport: ("project_id", "year", "month", "invest_ytd", "counted"),
    AnnualPlan: ("project_id", "year", "planned_investment"),
    ListMembership: ("project_id", "project_list_id", "year"),
}  # fmt: skip
COUNTED = {str(s) for s in REPORTED_STATUSES}
_types: dict[int, type] = {}


def _model_of(content_type_id: int):
    if not _types:
        for model in RELEVANT:
            _types[ContentType.objects.get_for_model(model).pk] = model
    return _types.get(content_type_id)


def _values(model, snapshot: dict | None) -> dict | None:
    if snapshot is None:
        return None
    values = {name: snapshot.get(name) for name in RELEVANT[model] if name != "counted"}
    if model is MonthlyReport:
        values["counted"] = snapshot.get("status") in COUNTED
    return values


def _created(rows: CreatedRows, whole: set[int], years: set[tuple[int, int]]) -> None:
    """What rows created set-based move, a column at a time: a new project its whole rows, a new plan or membership
    its year, a new report its year when it counts (a draft moves no figure)."""
    model = _model_of(rows.content_type_id)
    if model is None:
        return
    if model is Project:
        whole.update(rows.column("id"))
        return
    pairs = zip(rows.column("project_id"), rows.column("year"), strict=True)
    if model is MonthlyReport:
        pairs = (pair for pair, status in zip(pairs, rows.column("status"), strict=True) if status in COUNTED)
    years.update(pair for pair in pairs if None not in pair)


def on_records(records) -> None:
    """The write hook: refresh the rollup rows the recorded changes move."""
    whole: set[int] = set()
    years: set[tuple[int, int]] = set()
    for record in records:
        if record.__class__ is CreatedRows:
            _created(record, whole, years)
            continue
        if record.action == Action.DELETE:
            continue  # handled after the row is gone (`_deleted`)
        model = _model_of(record.content_type_id)
        if model is None:
            continue
        before, after = _values(model, record.before), _values(model, record.after)
        if before == after:
            continue
        if model is Project:
            whole.add(record.object_id)
            continue
        for values in (before, after):
            if values and values.get("project_id") is not None and values.get("year") is not None:
                years.add((int(values["project_id"]), int(values["year"])))
    if whole or years:
        facts.refresh(whole, years)


def _deleted(sender, instance, **kwargs) -> None:
    if sender is Project:
        facts.refresh([instance.pk])
    else:
        facts.refresh(years=[(instance.project_id, instance.year)])


def connect() -> None:
    register_write_hook(on_records)
    for model in RELEVANT:
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"rollups-delete-{model._meta.label}")
