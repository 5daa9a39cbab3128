"""Which projects are expected to report — one rule, used by 报送情况, the cockpit's 已报送 N / M and
the default month.

A project is expected to report every month of a year for which it has an annual plan (年度计划):
the plan is what its figures are measured against, so without a report the year's completion is
not known. A project still in preparation (前期) reports its preparation (no investment yet); one
that finishes during the year keeps reporting its year to date until December. The same rule
holds for every month of the year.
"""

from __future__ import annotations

from guatu.projects.querysets import ProjectQuerySet


def expected_to_report(projects: ProjectQuerySet, year: int) -> ProjectQuerySet:
    """The projects of `projects` expected to file a monthly report for each month of `year`."""
    return projects.filter(annual_plans__year=year)
