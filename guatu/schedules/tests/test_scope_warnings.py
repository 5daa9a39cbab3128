"""The set-based warnings (`scope_warnings`) give what evaluating every project in Python gives (`warnings_for`,
`summarise`): the same levels, counts, groups, named projects and flagged pages — on the demo (its overdue 重大
hazard, 125 projects with milestones) plus a generated province, for scopes, users, days and a city's own
thresholds."""

import datetime as dt
import random
from collections import Counter

import pytest
from django.core.paginator import Paginator

from guatu.accounts.roles import Role
from guatu.core.models import Platform, Region
from guatu.projects.models import ProjectList
from guatu.projects.scope import Scope
from guatu.schedules.models import WarningPolicy
from guatu.schedules.warnings import policy_for, scope_warnings, special_levels, summarise, warnings_for
from guatu.synth.generate import synth
from guatu.test import make_user

pytestmark = pytest.mark.django_db

DAYS = [dt.date(2024, 11, 30), dt.date(2024, 6, 30)]


@pytest.fixture
def province():
    """The demo and 300 generated projects (some with milestones, some behind their plans), a city with its own
    thresholds (fractional points, shorter overdue and float limits)."""
    synth(300, 12, seed=7)
    WarningPolicy.objects.create(region=Region.objects.get(code="330100"), red_overdue_days=5, yellow_float_days=40,
                                 red_points_below="12.5", yellow_points_below="2.5")  # fmt: skip


def scopes():
    return {
        "province": Scope(),
        "杭州市 (own thresholds)": Scope(region=Region.objects.get(code="330100")),
        "衢州智造新城": Scope(platform=Platform.objects.get(name="衢州智造新城")),
        "a list": Scope(project_list=ProjectList.objects.order_by("sort_order", "code").first()),
    }


def check(scope: Scope, day: dt.date, user=None) -> dict:
    every = warnings_for(scope, day, user=user)
    found = scope_warnings(scope, day, user=user)
    expected = Counter({level: 0 for level in ("red", "yellow", "green")})
    expected.update(w.level for w in every)
    assert found.counts() == expected
    for by in ("list", "region", "platform"):
        old = [r.as_json() for r in summarise(every, by, day.year)]
        new = [r.as_json() for r in found.summary(by)]
        if by == "list":  # lists by sort_order (ties: the old order was the database's), projects by code (ditto)
            old = sorted(
                (
                    {**r, "red_projects": sorted(r["red_projects"]), "yellow_projects": sorted(r["yellow_projects"])}
                    for r in old
                ),
                key=lambda r: r["group"],
            )
            new = sorted(new, key=lambda r: r["group"])
        assert new == old
        named = found.summary(by, named=20)
        assert [r.label for r in named] == [r.label for r in found.summary(by)]
        assert all(len(r.projects["red"]) == min(20, r.counts["red"]) for r in named)
    for level in ("", "red", "yellow", "green"):
        wanted = [w for w in every if (w.level == level if level else w.level != "green")]
        flagged = found.flagged(level)
        assert len(flagged) == len(wanted)
        pages = Paginator(flagged, 37)
        for number in sorted({1, min(2, pages.num_pages), pages.num_pages}):
            old = Paginator(wanted, 37).page(number).object_list
            new = pages.page(number).object_list
            assert [w.as_json() for w in new] == [w.as_json() for w in old]
    return expected


def test_set_based_warnings_equal_the_per_project_evaluation_for_every_scope_and_day(province):
    seen = Counter()
    for day in DAYS:
        for scope in scopes().values():
            seen += check(scope, day)
    assert seen["red"] > 50 and seen["yellow"] > 10 and seen["green"] > 50  # every level was compared


def test_they_are_equal_for_a_county_user_and_keep_the_hazards_red_reason(province):
    user = make_user("county", Role.LEADER, region="330803")
    check(Scope(), DAYS[0], user=user)
    red = scope_warnings(Scope(), DAYS[0], user=user).flagged("red")
    site = next(w for page in Paginator(red, 50) for w in page if w.project.code == "2024-330803-004")
    assert site.level == "red" and any(r.rule == "safety" for r in site.reasons)


def test_the_city_thresholds_count_differently_from_the_defaults(province):
    city = Scope(region=Region.objects.get(code="330100"))
    own = scope_warnings(city, DAYS[0]).counts()
    WarningPolicy.objects.filter(region__code="330100").delete()
    default = scope_warnings(city, DAYS[0]).counts()
    assert own != default and sum(own.values()) == sum(default.values())
    check(city, DAYS[0])


def write_of_each_kind(rng: random.Random, province_codes: list[str]) -> list:
    """Writes that move warning levels, each through the models' tracked paths, on projects drawn by `rng`: a
    milestone late or done, a promise moved, a plan cut, a project moved to another city, a list joined, an overdue
    重大 hazard, a milestone removed, a milestone moved to another project."""
    from guatu.projects.models import AnnualPlan, ListMembership, Project
    from guatu.safety.tests.factories import hazard, inspection
    from guatu.schedules.models import Milestone

    def project() -> Project:
        return Project.objects.get(code=rng.choice(province_codes))

    def milestone() -> Milestone:
        return Milestone.objects.filter(project__code__in=province_codes).order_by("pk")[rng.randrange(50)]

    def late():
        m = milestone()
        m.planned_finish = dt.date(2024, 10, rng.randint(1, 28))
        m.actual_finish = None
        m.save()

    def done():
        m = milestone()
        m.actual_finish = m.actual_start = None
        m.actual_finish = dt.date(2024, 9, 1)
        m.save()

    def promise():
        p = project()
        p.planned_completion = dt.date(2024, 12, rng.randint(1, 31))
        p.save()

    def plan():
        found = AnnualPlan.objects.filter(project__code__in=province_codes, year=2024).order_by("pk")[rng.randrange(50)]
        found.planned_investment *= 3
        found.save()

    def moved_city():
        p = project()
        p.region = Region.objects.get(code=rng.choice(["330102", "330802", "330503"]))
        p.save()

    def joined():
        ListMembership.objects.get_or_create(project=project(), year=2024,
                                             project_list=ProjectList.objects.order_by("code").first())  # fmt: skip

    def hazard_overdue():
        code = f"WK-{rng.randrange(10**6)}"
        hazard(
            f"YH-{code}", grade="major", deadline=dt.date(2024, 11, 1), at=inspection(f"AJ-{code}", project=project())
        )

    def removed():
        milestone().delete()

    def moved_milestone():
        m = milestone()
        m.project = project()
        m.key = f"moved{rng.randrange(10**6)}"
        m.predecessors = ""
        m.save()

    return [late, done, promise, plan, moved_city, joined, hazard_overdue, removed, moved_milestone]


def test_warnings_kept_across_writes_equal_a_fresh_evaluation_after_each_write(province, monkeypatch):
    """The province's and a city's levels are kept and patched after a write (`guatu.core.watermarks`): after each
    of a random run of writes of every kind they equal evaluating every project again — patched where the write
    names its projects, computed again where it cannot (a milestone moved to another project)."""
    from guatu.projects.models import Project
    from guatu.schedules import warnings
    from guatu.schedules.models import Milestone

    asked: list = []
    real = warnings._special
    monkeypatch.setattr(warnings, "_special", lambda *args, only=None: asked.append(only) or real(*args, only=only))
    rng = random.Random(13)
    codes = sorted(Project.objects.filter(pk__in=Milestone.objects.values("project_id")).values_list("code", flat=True))
    writes = write_of_each_kind(rng, codes)
    chosen = {"province": Scope(), "杭州市": Scope(region=Region.objects.get(code="330100"))}
    levels = {name: special_levels(scope, DAYS[0]) for name, scope in chosen.items()}
    moved = 0
    for write in writes + [rng.choice(writes) for _ in range(3)]:
        write()
        for name, scope in chosen.items():
            kept = special_levels(scope, DAYS[0])
            assert kept == real(scope, DAYS[0], None, policy_for(scope)), (write.__name__, name)
            moved += kept != levels[name]
            levels[name] = kept
    assert moved >= 8  # the writes moved levels, names, places or lists
    patched = [only for only in asked if only is not None]
    assert len(patched) >= 12 and all(len(only) <= 2 for only in patched)  # one or two projects each
    assert asked.count(None) >= 4  # the first reads, and the moved milestone's
    check(Scope(), DAYS[0])
