"""A user holds a role with a given scope once, on both databases (the empty scope parts included)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from guatu.accounts.models import RoleAssignment
from guatu.accounts.roles import Role
from guatu.core.models import Region
from guatu.test import make_user

pytestmark = pytest.mark.django_db


def test_the_same_role_and_scope_twice_is_refused_with_a_reason():
    user = make_user("twice", Role.REPORTER, region="330802")
    again = RoleAssignment(user=user, role=Role.REPORTER, region=Region.objects.get(code="330802"))
    with pytest.raises(ValidationError, match="already holds this role"):
        again.save()


def test_the_database_refuses_it_too_when_a_scope_part_is_empty():
    user = make_user("bulk", Role.LEADER)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.bulk_create([RoleAssignment(user=user, role=Role.LEADER)], validate=False)


def test_the_same_role_in_another_region_is_a_second_grant():
    user = make_user("two-counties", Role.REPORTER, region="330802")
    RoleAssignment(user=user, role=Role.REPORTER, region=Region.objects.get(code="330881")).save()
    assert user.role_assignments.count() == 2
