"""Attacks on the warning levels kept across writes (`special_levels`, `guatu.core.watermarks`): each test makes a
write by a way that once escaped them (a read inside a transaction that rolls back, `loaddata`, a hazard saved
with its inspection loaded before the inspection moved, `bulk_create` ignoring conflicts, a flushed data-version
row) or that could (queryset and bulk updates, deletes, roles) — and the kept levels still equal a fresh
`_special`. (Written by a review that first saw them fail; the PostgreSQL race of a record id taken before its
transaction had an id is covered in guatu/audit/tests/test_tracking.py.)"""

import datetime as dt

import pytest
from django.db import transaction

from guatu.projects.models import ListMembership, ProjectList
from guatu.projects.scope import Scope
from guatu.schedules.tests.helpers import chain
from guatu.schedules.warnings import _special, policy_for, special_levels
from guatu.test import make_project

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 11, 15)


def fresh(scope: Scope | None = None):
    scope = scope or Scope()
    return _special(scope, DAY, None, policy_for(scope))


@pytest.fixture
def two():
    made = []
    for code in ("KA1", "KA2"):
        project = make_project(code, ytd_by_month={1: "100"})
        project.planned_completion = dt.date(2025, 12, 31)
        project.save()
        chain(project, ("sign", 0, "2024-03-01", "2024-03-01"))
        made.append(project)
    return made


class Undone(Exception):
    pass


def test_levels_computed_inside_a_transaction_that_rolls_back_are_not_kept(two):
    """A request or command that writes and reads the warnings in one transaction, then rolls back: the levels it
    computed (from its own uncommitted write) must not outlive it."""
    first, second = two
    before = special_levels(Scope(), DAY)
    milestone = first.milestones.get()
    with pytest.raises(Undone), transaction.atomic():
        milestone.actual_finish = None  # now overdue since March: red
        milestone.save()
        inside = special_levels(Scope(), DAY)
        assert inside[first.pk].level != before[first.pk].level
        raise Undone
    second.name = "改名项目"  # any later write, on another project
    second.save()
    assert special_levels(Scope(), DAY) == fresh()


def test_a_bulk_create_that_would_ignore_or_update_conflicts_is_refused(two):
    """`bulk_create(ignore_conflicts=True)` inserts rows without their primary keys coming back: there would be
    nothing to record them by, and the kept levels would not see them. A tracked model refuses it."""
    first, _ = two
    special_levels(Scope(), DAY)
    project_list = ProjectList.objects.order_by("code").first()
    row = ListMembership(project=first, project_list=project_list, year=2024)
    with pytest.raises(TypeError, match="ignore_conflicts or update_conflicts"):
        ListMembership.objects.bulk_create([row], ignore_conflicts=True)
    with pytest.raises(TypeError, match="ignore_conflicts or update_conflicts"):
        ListMembership.objects.bulk_create(
            [row], update_conflicts=True, unique_fields=["project", "project_list", "year"], update_fields=["batch"]
        )
    assert not ListMembership.objects.filter(project=first, project_list=project_list, year=2024).exists()
    assert special_levels(Scope(), DAY) == fresh()


def test_loaddata_of_a_milestone_moves_the_kept_level(two, tmp_path):
    """`guatu loaddata` (Django's command, listed by `guatu help --all`) saves raw: no change record."""
    import json

    from django.core.management import call_command

    first, _ = two
    special_levels(Scope(), DAY)
    milestone = first.milestones.get()
    fixture = tmp_path / "m.json"
    fixture.write_text(json.dumps([{"model": "schedules.milestone", "pk": milestone.pk, "fields": {
        "project": first.pk, "key": "sign", "name": "SIGN", "order": 0, "duration_days": 0, "predecessors": "",
        "planned_finish": "2024-03-01", "actual_finish": None, "version": milestone.version + 1}}]))  # fmt: skip
    call_command("loaddata", str(fixture), verbosity=0)
    assert special_levels(Scope(), DAY) == fresh()


def test_a_hazard_saved_after_its_inspection_moved_names_the_project_it_is_on_now(two):
    """A hazard's record names its project through `inspection__project`, walked on the instance
    (`tracking.scope_ids`): an instance whose inspection was loaded before the inspection moved (the access check
    of an edit loads it) records the old project, and the project the hazard is on now is never patched."""
    from guatu.safety.models import Hazard, Inspection
    from guatu.safety.tests.factories import hazard, inspection

    first, second = two
    at = inspection("AJ-KA", project=first)
    made = hazard("YH-KA", grade="major", deadline=dt.date(2024, 12, 31), at=at)  # not overdue on DAY
    edited = Hazard.objects.get(pk=made.pk)
    assert edited.inspection.project_id == first.pk  # loaded, as `allows(user, "change", hazard)` does
    special_levels(Scope(), DAY)
    moved = Inspection.objects.get(pk=at.pk)
    moved.project, moved.region, moved.platform = second, second.region, second.platform
    moved.save()
    special_levels(Scope(), DAY)  # a row moved: everything computed again
    edited.deadline = dt.date(2024, 11, 1)  # overdue on DAY, on the second project's site
    edited.save()
    assert fresh()[second.pk].level == "red"
    assert special_levels(Scope(), DAY) == fresh()


# Attacks that found nothing (kept as checks).


def test_a_hazard_changed_by_a_queryset_update_or_bulk_update_patches_its_project(two):
    from guatu.safety.models import Hazard
    from guatu.safety.tests.factories import hazard, inspection

    first, second = two
    made = hazard("YH-KB", grade="major", deadline=dt.date(2024, 12, 31), at=inspection("AJ-KB", project=first))
    other = hazard("YH-KC", grade="major", deadline=dt.date(2024, 12, 31), at=inspection("AJ-KC", project=second))
    special_levels(Scope(), DAY)
    Hazard.objects.filter(pk=made.pk).update(deadline=dt.date(2024, 11, 1))
    assert special_levels(Scope(), DAY) == fresh()
    other.refresh_from_db()
    other.deadline = dt.date(2024, 11, 2)
    Hazard.objects.bulk_update([other], ["deadline"])
    kept = special_levels(Scope(), DAY)
    assert kept == fresh() and kept[first.pk].level == kept[second.pk].level == "red"


def test_a_milestone_moved_by_bulk_update_and_a_project_deleted_are_seen(two):
    from guatu.schedules.models import Milestone

    first, second = two
    special_levels(Scope(), DAY)
    milestone = first.milestones.get()
    milestone.project = second
    milestone.key = "moved"
    Milestone.objects.bulk_update([milestone], ["project", "key"])
    assert special_levels(Scope(), DAY) == fresh()
    second.milestones.all().delete()
    second.annual_plans.all().delete()
    second.reports.all().delete()
    second.delete()
    kept = special_levels(Scope(), DAY)
    assert kept == fresh() and second.pk not in kept


def test_a_role_granted_or_a_user_deactivated_gives_another_entry(two):
    from guatu.accounts.actions import grant
    from guatu.accounts.roles import Role
    from guatu.test import make_user

    user = make_user("ka-leader", Role.LEADER, region="330802")
    scope = Scope()
    before = special_levels(scope, DAY, user=user)
    grant(user, Role.LEADER, regions=["330803"])
    user = type(user).objects.get(pk=user.pk)  # a new request
    wider = special_levels(scope, DAY, user=user)
    assert wider == _special(scope, DAY, user, policy_for(scope)) and len(wider) > len(before)
    user.is_active = False
    user.save()
    user = type(user).objects.get(pk=user.pk)
    assert special_levels(scope, DAY, user=user) == _special(scope, DAY, user, policy_for(scope)) == {}


def city_scope() -> Scope:
    from guatu.core.models import Region

    return Scope(region=Region.objects.get(code="330800"))


def reparent_kecheng() -> None:
    """柯城区 (where the test projects are) moved from 衢州市 to 杭州市: its projects leave the city's scope."""
    from guatu.core.models import Region

    county = Region.objects.get(code="330802")
    county.parent = Region.objects.get(code="330100")
    county.save()


def test_a_county_moved_to_another_city_takes_its_projects_out_of_the_city_scope(two):
    first, _ = two
    assert first.pk in special_levels(city_scope(), DAY)
    reparent_kecheng()
    kept = special_levels(city_scope(), DAY)
    assert kept == fresh(city_scope()) and first.pk not in kept


def test_without_the_data_version_row_a_reference_change_is_still_seen(two):
    """`guatu flush` (Django's, in `guatu help --all`) empties core_dataversion: the reference tables' triggers then
    raise nothing (`UPDATE … WHERE id = 1` finds no row). A watermark without the row tells nothing, so everything
    is computed again (and `migrate`, which a flush ends with, puts the row back: test_watermarks)."""
    from guatu.core.models import DataVersion

    first, _ = two
    DataVersion.objects.all().delete()  # as a flush leaves it
    assert first.pk in special_levels(city_scope(), DAY)
    reparent_kecheng()
    assert special_levels(city_scope(), DAY) == fresh(city_scope())
