"""A project's change log: the project itself, its annual plans, memberships and monthly reports."""

from __future__ import annotations

from django.utils.translation import gettext as _

from guatu.audit.changes import ChangeEntry, changes_of, newest_first
from guatu.projects.models import AnnualPlan, ListMembership, MonthlyReport, Project


def project_changes(project: Project) -> list[ChangeEntry]:
    return newest_first(
        changes_of(Project.history.filter(id=project.pk), lambda r: r.code),
        changes_of(
            AnnualPlan.history.filter(project_id=project.pk), lambda r: _("annual plan %(year)s") % {"year": r.year}
        ),
        changes_of(
            ListMembership.history.filter(project_id=project.pk),
            lambda r: _("list membership %(year)s") % {"year": r.year},
        ),
        changes_of(
            MonthlyReport.history.filter(project_id=project.pk),
            lambda r: _("report %(year)s-%(month)02d") % {"year": r.year, "month": r.month},
        ),
    )
