"""Who may import what: the add and change permissions of the model a kind writes."""

from __future__ import annotations

PERMS = {
    "reports": ["projects.add_monthlyreport", "projects.change_monthlyreport"],
    "plans": ["projects.add_annualplan", "projects.change_annualplan"],
    "projects": ["projects.add_project", "projects.change_project"],
}


def may_import(user, kind: str) -> bool:
    return user.has_perms(PERMS[kind])
