"""People: create users with their roles, grant and revoke roles, deactivate (never delete).

Every function validates the password with all of Django's validators, checks that the scope's
codes exist, and writes the change record (users and role assignments are tracked) in one
transaction. The CLI (`guatu user …`) and the pages call these.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from guatu.accounts.models import Profile, RoleAssignment
from guatu.accounts.roles import Role
from guatu.audit.context import acting
from guatu.core.models import Department, Platform, Region


def _resolve(model, keys: Sequence[str], what: str) -> list:
    found = []
    for key in keys:
        try:
            found.append(model.objects.lookup(key))
        except (model.DoesNotExist, model.MultipleObjectsReturned) as exc:
            raise ValidationError(f"--{what} {key}: {exc}") from None
    return found


def grant(user, role: str, *, regions=(), platforms=(), departments=(), acting_user=None) -> list[RoleAssignment]:
    """Give `user` a role in each combination of the given scope parts (none: everywhere)."""
    if role not in Role.values:
        raise ValidationError(
            _("Unknown role “%(role)s”; one of %(roles)s.") % {"role": role, "roles": ", ".join(Role.values)}
        )
    region_objs = _resolve(Region, regions, "region") or [None]
    platform_objs = _resolve(Platform, platforms, "platform") or [None]
    department_objs = _resolve(Department, departments, "department") or [None]
    made = []
    with transaction.atomic(), acting(**({"user": acting_user} if acting_user else {}), reason=f"grant {role}"):
        for region, platform, department in itertools.product(region_objs, platform_objs, department_objs):
            assignment, created = RoleAssignment.objects.get_or_create(
                user=user, role=role, region=region, platform=platform, department=department
            )
            if created:
                made.append(assignment)
    return made


def add_user(username: str, password: str, role: str, *, regions=(), platforms=(), departments=(),
             full_name: str = "", acting_user=None):  # fmt: skip
    """A new user with a role and scope; the password must pass every validator."""
    users = get_user_model()
    if users.objects.filter(username=username).exists():
        raise ValidationError(_("A user named “%(name)s” exists already.") % {"name": username})
    candidate = users(username=username, first_name=full_name)
    validate_password(password, candidate)
    with transaction.atomic(), acting(**({"user": acting_user} if acting_user else {}), reason="add user"):
        candidate.set_password(password)
        candidate.is_staff = role == Role.CITY_ADMIN
        candidate.save()
        made = grant(candidate, role, regions=regions, platforms=platforms, departments=departments,
                     acting_user=acting_user)  # fmt: skip
        first = made[0] if made else None
        Profile.objects.create(user=candidate, home_region=first.region if first else None,
                               home_platform=first.platform if first else None)  # fmt: skip
    return candidate


def deactivate(user, *, acting_user=None) -> None:
    """Users are never deleted: their name stays on every change they made."""
    with acting(**({"user": acting_user} if acting_user else {}), reason="deactivate user"):
        user.is_active = False
        user.save(update_fields=["is_active"])


def describe(user) -> dict:
    return {
        "username": user.get_username(),
        "name": user.get_full_name(),
        "active": user.is_active,
        "staff": user.is_staff,
        "roles": [
            {"role": a.role, "role_name": str(a.get_role_display()),
             "region": a.region.code if a.region else None, "platform": a.platform.code if a.platform else None,
             "department": a.department.code if a.department else None, "scope": a.scope_label()}
            for a in user.role_assignments.select_related("region", "platform", "department")
        ],
    }  # fmt: skip
