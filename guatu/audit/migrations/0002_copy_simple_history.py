"""Carry django-simple-history's rows into the change record before its tables are dropped.

Each historical row becomes one record (the first of an object: created; later ones: changed,
with the previous row as "before"; a "-" row: deleted), keeping the time, the user (and the
username as text), the reason, and the object's scope. Nothing recorded so far is lost.
"""

import datetime as dt
from decimal import Decimal

from django.db import migrations

HISTORY = [
    ("projects", "project", {"project": "id", "region": "region_id", "platform": "platform_id",
                             "department": "department_id"}),
    ("projects", "listmembership", "project"),
    ("projects", "annualplan", "project"),
    ("projects", "monthlyreport", "project"),
    ("schedules", "milestonetemplate", None),
    ("schedules", "milestone", "project"),
    ("schedules", "warningpolicy", None),
    ("schedules", "problem", "project"),
    ("indicators", "indicatorvalue", "unit"),
    ("indicators", "ranktarget", None),
]
SKIP = {"id", "history_id", "history_date", "history_change_reason", "history_type", "history_user", "version"}


def _json(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def copy(apps, schema_editor):
    ChangeRecord = apps.get_model("audit", "ChangeRecord")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Project = apps.get_model("projects", "Project")
    Unit = apps.get_model("indicators", "ReportingUnit")
    projects = {p["id"]: p for p in Project.objects.values("id", "region_id", "platform_id", "department_id")}
    units = {u["id"]: u for u in Unit.objects.values("id", "region_id", "platform_id")}
    records = []
    for app_label, model_name, scope in HISTORY:
        historical = apps.get_model(app_label, f"historical{model_name}")
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
        fields = [f for f in historical._meta.concrete_fields if f.name not in SKIP and f.attname not in SKIP]
        previous: dict[int, dict] = {}
        for row in historical.objects.select_related("history_user").order_by("history_date", "history_id"):
            values = {f.attname: _json(getattr(row, f.attname)) for f in fields}
            before = previous.get(row.id)
            kind = {"+": "create", "~": "update", "-": "delete"}[row.history_type]
            if kind == "update" and before == values:
                continue
            if scope == "project":
                p = projects.get(values.get("project_id"), {})
                ids = {"project": values.get("project_id"), "region": p.get("region_id"),
                       "platform": p.get("platform_id"), "department": p.get("department_id")}
                if model_name == "problem":
                    ids["department"] = values.get("department_id")
            elif scope == "unit":
                u = units.get(values.get("unit_id"), {})
                ids = {"project": None, "region": u.get("region_id"), "platform": u.get("platform_id"),
                       "department": None}
            elif isinstance(scope, dict):
                ids = {k: (row.id if column == "id" else values.get(column)) for k, column in scope.items()}
            else:
                ids = {}
            user = row.history_user
            records.append(ChangeRecord(
                time=row.history_date, user=user, username=user.username if user else "system",
                reason=row.history_change_reason or "", action=kind, content_type=content_type,
                object_id=row.id, object_repr=str(values.get("name") or values.get("code") or row.id)[:200],
                project_id=ids.get("project"), region_id=ids.get("region"), platform_id=ids.get("platform"),
                department_id=ids.get("department"),
                before=None if kind == "create" else before, after=None if kind == "delete" else values,
            ))
            previous[row.id] = values
    ChangeRecord.objects.bulk_create(records, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("projects", "0002_report_status_and_bounds"),
        ("schedules", "0002_default_templates"),
        ("indicators", "0002_seed_catalog_and_units"),
    ]

    operations = [migrations.RunPython(copy, migrations.RunPython.noop)]
