"""Who may see and change what — one rule for every read and every write.

A user's role assignments each grant some actions (`guatu.accounts.roles.GRANTS`) within a scope
(a region subtree, a platform subtree and/or a department). For a kind of object and an action,
the user's reach is the OR of the scopes of the assignments that grant it; within one scope the
parts are ANDed. Each scoped model says how it reaches the scope with `access_paths`, e.g. a
monthly report ``{"region": "project__region", "platform": "project__platform", …}``.

- `restrict(queryset, user, action)` — the rows the user may act on (views, API, admin, exports,
  briefings, CLI `--as`, jobs);
- `allows(user, action, obj)` — one object, saved or not (a new report is checked before it exists);
- `user=None` is the system itself (a CLI command without `--as`, the demo loader): everything.

A model without `access_paths` is reference data: every user with a role reads it; writing it
needs a role that grants every resource (the city administrator). A model with `public_read = True`
(published statistics: indicator values) is read by every role and written within the scope.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _

from guatu.accounts.roles import granted

NOTHING = Q(pk__in=[])
DIMENSIONS = ("region", "platform", "department")


@dataclass(frozen=True)
class Grant:
    """One role assignment, as the rule reads it."""

    role: str
    region_path: str | None
    platform_path: str | None
    department_id: int | None

    @property
    def dimensions(self) -> dict[str, object]:
        values = {"region": self.region_path, "platform": self.platform_path, "department": self.department_id}
        return {k: v for k, v in values.items() if v is not None}


def grants_of(user) -> list[Grant]:
    """The user's role assignments, loaded once per user object (a request)."""
    cached = getattr(user, "_guatu_grants", None)
    if cached is not None:
        return cached
    from guatu.accounts.models import RoleAssignment

    rows = RoleAssignment.objects.filter(user=user).values_list(
        "role", "region__path", "platform__path", "department_id"
    )
    grants = [Grant(*row) for row in rows]
    user._guatu_grants = grants
    return grants


def _label(model) -> str:
    return model._meta.label_lower


def _is_system(user) -> bool:
    return user is None


def _active(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def _grant_q(grant: Grant, paths: dict[str, str]) -> Q:
    dims = grant.dimensions
    if not dims:
        return Q()
    applicable = {k: v for k, v in dims.items() if k in paths}
    if not applicable:
        return NOTHING  # the grant's scope cannot be read on this kind of object: it reaches none of it
    q = Q()
    for key, value in applicable.items():
        path = paths[key]
        if key == "department":
            q &= Q(**{f"{path}_id" if path != "pk" else "pk": value})
        else:
            q &= Q(**{f"{path}__path__startswith": value})
    return q


def scope_q(user, model, action: str, *, paths_of=None) -> Q | None:
    """The condition on `model` rows the user may `action`; None when everything, NOTHING when none.

    `paths_of`: read the condition on another model's rows (e.g. the projects whose reports the user
    may add: `scope_q(user, MonthlyReport, "add", paths_of=Project)`).
    """
    if _is_system(user):
        return None
    if not _active(user):
        return NOTHING
    if user.is_superuser:
        return None
    label = _label(model)
    paths = getattr(paths_of or model, "access_paths", {})
    grants = [g for g in grants_of(user) if granted(g.role, label, action)]
    if not grants:
        return NOTHING
    if not paths:  # reference data
        return None
    if action == "view" and getattr(paths_of or model, "public_read", False):
        return None  # published figures (official statistics): every role reads them, writing is scoped
    combined = NOTHING
    for grant in grants:
        q = _grant_q(grant, paths)
        if q == Q():
            return None
        combined |= q
    return combined


def restrict(queryset: models.QuerySet, user, action: str = "view") -> models.QuerySet:
    """The rows of `queryset` the user may `action`."""
    q = scope_q(user, queryset.model, action)
    if q is None:
        return queryset
    if q == NOTHING:
        return queryset.none()
    return queryset.filter(q).distinct() if _spans_many(queryset.model, q) else queryset.filter(q)


def restrict_as(queryset: models.QuerySet, user, action: str, model) -> models.QuerySet:
    """The rows of `queryset` (e.g. projects) on which the user may `action` objects of `model`
    (e.g. add monthly reports) — the set-based check an import makes for all its rows at once."""
    q = scope_q(user, model, action, paths_of=queryset.model)
    if q is None:
        return queryset
    return queryset.none() if q == NOTHING else queryset.filter(q)


def _spans_many(model, q: Q) -> bool:
    """Whether a condition follows a to-many relation (then rows could repeat)."""
    for path in getattr(model, "access_paths", {}).values():
        opts = model._meta
        for hop in path.split("__")[:-1]:
            f = opts.get_field(hop)
            if f.many_to_many or f.one_to_many:
                return True
            opts = f.related_model._meta
    return False


def may(user, model, action: str) -> bool:
    """Whether the user may `action` some objects of `model` (to show a button, to allow a POST)."""
    q = scope_q(user, model, action)
    return q is None or q != NOTHING


def _object_dimensions(obj) -> dict[str, object]:
    """The object's region path, platform path and department id, read through its `access_paths`."""
    from guatu.audit.tracking import scope_ids
    from guatu.core.models import Platform, Region

    ids = scope_ids(obj)
    out: dict[str, object] = {"department": ids.get("department")}
    for key, model in (("region", Region), ("platform", Platform)):
        pk = ids.get(key)
        out[key] = model.objects.filter(pk=pk).values_list("path", flat=True).first() if pk else None
    return out


def allows(user, action: str, obj) -> bool:
    """Whether the user may `action` this object (saved or not yet)."""
    q = scope_q(user, type(obj), action)
    if q is None:
        return True
    if q == NOTHING:
        return False
    paths = getattr(type(obj), "access_paths", {})
    dims = _object_dimensions(obj)
    label = _label(type(obj))
    for grant in grants_of(user):
        if not granted(grant.role, label, action):
            continue
        wanted = {k: v for k, v in grant.dimensions.items() if k in paths}
        if not grant.dimensions:
            return True
        if not wanted:
            continue
        if all(_matches(key, value, dims.get(key)) for key, value in wanted.items()):
            return True
    return False


def _matches(key: str, wanted, actual) -> bool:
    if actual is None:
        return False
    if key == "department":
        return wanted == actual
    return str(actual).startswith(str(wanted))


def require(user, action: str, obj) -> None:
    """`allows`, or PermissionDenied naming what was refused."""
    if not allows(user, action, obj):
        raise PermissionDenied(
            _("You may not %(action)s this %(kind)s: it is outside your scope or your role.")
            % {"action": action_label(action), "kind": obj._meta.verbose_name}
        )


def action_label(action: str) -> str:
    return {
        "view": _("view"),
        "add": _("add"),
        "change": _("change"),
        "delete": _("delete"),
        "submit": _("submit"),
        "approve": _("approve"),
        "close": _("close"),
        "correct": _("correct"),
    }.get(action, action)


def scope_choices(user, action: str, model, dimension: str, queryset: models.QuerySet) -> models.QuerySet:
    """The regions (platforms, departments) a user may pick for a new or changed `model` object:
    those their grants for `action` name, or all when a grant does not limit that dimension."""
    if _is_system(user) or (_active(user) and user.is_superuser):
        return queryset
    if not _active(user):
        return queryset.none()
    label = _label(model)
    grants = [g for g in grants_of(user) if granted(g.role, label, action)]
    if not grants:
        return queryset.none()
    q = NOTHING
    for grant in grants:
        value = grant.dimensions.get(dimension)
        if value is None:
            return queryset
        q |= Q(pk=value) if dimension == "department" else Q(path__startswith=value)
    return queryset.filter(q)
