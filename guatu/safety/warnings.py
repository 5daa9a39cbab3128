"""Why a project's warning turns red for safety: an overdue 重大 hazard on its site.

`guatu.schedules.warnings` calls `project_safety_reasons` for the projects it evaluates and adds
each reason as a red one. The check is direct (not a `ThreatRule`): a 重大 hazard open past its
rectification deadline on the project's site makes the project red, whatever else is on time.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.utils.translation import gettext as _

from guatu.safety.choices import HazardGrade, SupervisionLevel


def overdue_text(grade: str, description: str, days: int, level: str = "") -> str:
    """重大隐患“…”逾期12天未整改(市级挂牌督办)."""
    text = _("%(grade)s “%(hazard)s” overdue by %(days)s days, not rectified") % {
        "grade": _("Major hazard") if grade == HazardGrade.MAJOR else _("General hazard"), "hazard": description,
        "days": days}  # fmt: skip
    if level:
        text += _(" (%(level)s supervision)") % {"level": SupervisionLevel(level).label}
    return text


def project_safety_reasons(project_ids: Iterable[int], as_of: dt.date) -> dict[int, list[str]]:
    """For each project (by id) with an overdue 重大 hazard on its site as of `as_of`: the reasons, most
    overdue first. Projects without one are not in the answer. The caller has already restricted the
    projects to what the user may see; the hazards are those of these projects' sites. `project_ids` may be a
    queryset of ids: it is then a subquery (a province's projects are not listed in Python)."""
    from django.db.models import QuerySet

    from guatu.safety.models import Hazard

    ids = project_ids if isinstance(project_ids, QuerySet) else list(project_ids)
    if not isinstance(ids, QuerySet) and not ids:
        return {}
    rows = (
        Hazard.objects.filter(inspection__project_id__in=ids, grade=HazardGrade.MAJOR)
        .overdue_on(as_of)
        .order_by("deadline", "code")
        .values_list("inspection__project_id", "description", "deadline", "supervision_level")
    )
    reasons: dict[int, list[str]] = defaultdict(list)
    for project_id, description, deadline, level in rows:
        reasons[project_id].append(overdue_text(HazardGrade.MAJOR, description, (as_of - deadline).days, level))
    return dict(reasons)
