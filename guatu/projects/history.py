"""A project's change log: the project itself and every row that belongs to it (plans, memberships,
reports, milestones, problems …), newest first."""

from __future__ import annotations

from django.utils.translation import gettext as _

from guatu.audit.changes import ChangeEntry, entries
from guatu.audit.models import ChangeRecord
from guatu.projects.models import Project


def _describe(record: ChangeRecord) -> str:
    values = record.after or record.before or {}
    model = record.content_type.model
    if model == "project":
        return values.get("code") or record.object_repr
    if model == "monthlyreport":
        return _("report %(year)s-%(month)02d") % {"year": values.get("year"), "month": values.get("month") or 0}
    if model == "annualplan":
        return _("annual plan %(year)s") % {"year": values.get("year")}
    if model == "listmembership":
        return _("list membership %(year)s") % {"year": values.get("year")}
    return record.object_repr


def project_changes(project: Project, limit: int = 200) -> list[ChangeEntry]:
    records = ChangeRecord.objects.for_project(project).select_related("content_type")[:limit]
    return entries(records, _describe)
