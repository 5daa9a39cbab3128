"""The demo's people: one user per role, so a newcomer can see what each may see and do.

Created when missing, never changed afterwards: a second `guatu demo` does not reset a password
or undo what an administrator changed. The password is the same for all and printed by
`guatu demo` and in the README.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from guatu.accounts.models import Profile, RoleAssignment
from guatu.accounts.roles import Role
from guatu.core.models import Department, Platform, Region
from guatu.demo import catalog as c

DEMO_PASSWORD = "quzhou-2024"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    role: str
    region: str | None = None
    platform: str | None = None
    department: str | None = None
    home_region: str | None = None
    home_platform: str | None = c.HOME_PLATFORM


DEMO_USERS = [
    DemoUser("demo", "市级管理员", Role.CITY_ADMIN),
    DemoUser("kecheng", "柯城区填报员", Role.REPORTER, region="330802", home_region="330802", home_platform=None),
    DemoUser("jiangshan", "江山市填报员", Role.REPORTER, region="330881", home_region="330881", home_platform=None),
    DemoUser("zhizao", "智造新城填报员", Role.REPORTER, platform=c.HOME_PLATFORM),
    DemoUser("shenhe", "市级审核员", Role.REVIEWER, region=c.CITY),
    DemoUser("fagaiwei", "市发改委", Role.DEPARTMENT, department="QZ-FGW"),
    DemoUser("lingdao", "市领导", Role.LEADER, region=c.CITY),
    DemoUser("shenji", "审计", Role.AUDITOR),
]


def ensure_demo_users() -> int:
    """Create the demo users that are missing; returns how many were created."""
    user_model = get_user_model()
    created = 0
    for spec in DEMO_USERS:
        if user_model.objects.filter(username=spec.username).exists():
            continue
        user = user_model(username=spec.username, first_name=spec.first_name, is_staff=spec.role == Role.CITY_ADMIN)
        user.set_password(DEMO_PASSWORD)
        user.save()
        RoleAssignment.objects.create(
            user=user,
            role=spec.role,
            region=Region.objects.get(code=spec.region) if spec.region else None,
            platform=Platform.objects.get(code=spec.platform) if spec.platform else None,
            department=Department.objects.get(code=spec.department) if spec.department else None,
        )
        Profile.objects.create(
            user=user,
            home_region=Region.objects.get(code=spec.home_region) if spec.home_region else None,
            home_platform=Platform.objects.get(code=spec.home_platform) if spec.home_platform else None,
        )
        created += 1
    return created
