"""The roles a user can hold and what each may do, as data.

An action on a kind of object is granted by a role; *where* is decided by the role assignment's
scope (see `guatu.accounts.access`). Kinds are grouped into resources so that a new app joins by
adding its models to a resource (or a resource of its own) here — one table to read, one place to
change.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITY_ADMIN = "city_admin", _("city administrator")
    DEPARTMENT = "department", _("department officer")
    REPORTER = "reporter", _("reporter")
    REVIEWER = "reviewer", _("reviewer")
    LEADER = "leader", _("leader")
    AUDITOR = "auditor", _("auditor")


# What each action means. "submit" files a report for review, "approve" approves or returns it,
# "close" closes a reporting month, "correct" changes a locked figure with a reason.
ACTIONS = ("view", "add", "change", "delete", "submit", "approve", "close", "correct")

# Resources: the kinds of objects (app_label.model) each covers.
RESOURCES: dict[str, tuple[str, ...]] = {
    "ledger": ("projects.project", "projects.annualplan", "projects.listmembership"),
    "reports": ("projects.monthlyreport",),
    "battle": ("schedules.milestone", "schedules.problem", "schedules.scheduleapproval"),
    "indicators": ("indicators.indicatorvalue",),
    "jobs": ("exchange.importjob",),
    "calendar": ("reporting.reportingmonth",),
    "record": ("audit.changerecord",),
    "people": ("auth.user", "accounts.roleassignment", "accounts.profile"),
    "attraction": (),
    "funds": (),
    "innovation": (),
    "safety": (),
}

READ = {"view"}
EDIT = {"view", "add", "change"}
EDIT_DELETE = {"view", "add", "change", "delete"}
FIELD_WORK = ("attraction", "funds", "innovation", "safety")

# role → resource → actions. "*" is every resource, reference data included.
GRANTS: dict[str, dict[str, set[str]]] = {
    Role.CITY_ADMIN: {"*": set(ACTIONS)},
    Role.DEPARTMENT: {
        "ledger": EDIT,
        "reports": {"view", "add", "change", "submit"},
        "battle": EDIT_DELETE,
        "indicators": READ,
        "jobs": {"view", "add"},
        "calendar": READ,
        **{r: EDIT for r in FIELD_WORK},
    },
    Role.REPORTER: {
        "ledger": EDIT,
        "reports": {"view", "add", "change", "submit"},
        "battle": EDIT,
        "indicators": READ,
        "jobs": {"view", "add"},
        "calendar": READ,
        **{r: EDIT for r in FIELD_WORK},
    },
    Role.REVIEWER: {
        "ledger": READ,
        "reports": {"view", "approve", "correct"},
        "battle": {"view", "change"},
        "indicators": READ,
        "jobs": READ,
        "calendar": READ,
        **{r: READ for r in FIELD_WORK},
    },
    Role.LEADER: {r: READ for r in ("ledger", "reports", "battle", "indicators", "calendar", *FIELD_WORK)},
    Role.AUDITOR: {
        r: READ
        for r in ("ledger", "reports", "battle", "indicators", "calendar", "record", "jobs", "people", *FIELD_WORK)
    },
}

# Reference data (regions, platforms, lists, templates, the indicator catalogue …): every
# signed-in user reads it; only a role granting "*" writes it.
_RESOURCE_OF = {label: resource for resource, labels in RESOURCES.items() for label in labels}


def register(resource: str, *labels: str) -> None:
    """A new app puts its models under a resource (at import of its models module)."""
    RESOURCES[resource] = (*RESOURCES.get(resource, ()), *labels)
    for label in labels:
        _RESOURCE_OF[label] = resource


def resource_of(label: str) -> str | None:
    return _RESOURCE_OF.get(label)


def granted(role: str, label: str, action: str) -> bool:
    """Whether `role` may do `action` on objects of kind `label` (somewhere)."""
    grants = GRANTS.get(role, {})
    if action in grants.get("*", ()):
        return True
    resource = _RESOURCE_OF.get(label)
    if resource is None:  # reference data
        return action == "view"
    return action in grants.get(resource, ())
