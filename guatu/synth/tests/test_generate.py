"""`guatu synth` loads a province-shaped ledger: the same rows for the same seed, every row with the change record a
tracked save would write, rollups that `guatu rollup --verify` finds exact, and the database's indexes, keys and
settings as they were before the load."""

import pytest
from django.db import transaction

from guatu.audit.models import Action, ChangeRecord
from guatu.audit.tracking import snapshot
from guatu.core.models import Department, Industry, Platform
from guatu.indicators.models import IndicatorValue
from guatu.projects.models import AnnualPlan, ListMembership, MonthlyReport, Project, ProjectList
from guatu.rollups.models import YearFigures
from guatu.rollups.verify import verify
from guatu.schedules.models import Milestone, Problem
from guatu.synth.generate import LOADER, TABLES, SynthError, synth

pytestmark = pytest.mark.django_db
TRACKED = [Project, AnnualPlan, ListMembership, MonthlyReport, Milestone, Problem]


def rows_of(seed: int) -> dict[str, list]:
    """Everything the load of `seed` wrote, ids replaced by codes (ids differ between runs on PostgreSQL, whose
    sequences do not roll back: the projects', and those of the platforms, departments, industries and lists
    a rolled-back load created)."""
    code = dict(Project.objects.filter(code__startswith=f"SY{seed}-").values_list("id", "code"))
    named = {"project_id": code}
    for key, model in (("platform_id", Platform), ("department_id", Department), ("industry_id", Industry),
                       ("project_list_id", ProjectList), ("list_id", ProjectList)):  # fmt: skip
        named[key] = dict(model.objects.values_list("id", "code"))

    def keyed(pairs) -> dict:
        return {k: named[k].get(v, v) if k in named else v for k, v in pairs}

    out = {}
    for model in [*TRACKED, YearFigures]:
        fields = [f.attname for f in model._meta.concrete_fields if f.attname != "id"]
        rows = model.objects.filter(**({"pk__in": code} if model is Project else {"project_id__in": code}))
        out[model.__name__] = sorted(repr(keyed(zip(fields, row, strict=True))) for row in rows.values_list(*fields))
    records = ChangeRecord.objects.filter(username=LOADER, reason=f"synthetic data, seed {seed}", project_id__in=code)
    fields = ["content_type_id", "action", "object_repr", "project_id", "region_id", "platform_id", "department_id"]
    out["records"] = sorted(
        repr((keyed(zip(fields, row[:-1], strict=True)), keyed(row[-1].items())))
        for row in records.values_list(*fields, "after")
    )
    return out


def load_and_read(seed: int, **options) -> dict[str, list]:
    with transaction.atomic():
        synth(40, 14, seed=seed, **options)
        rows = rows_of(seed)
        transaction.set_rollback(True)
    return rows


def test_two_loads_with_the_same_seed_write_identical_rows_and_records():
    first, second = load_and_read(7), load_and_read(7)
    assert len(first["Project"]) == 40
    assert len(first["MonthlyReport"]) > 300
    assert len(first["records"]) == sum(len(first[m.__name__]) for m in TRACKED)
    assert first == second


def test_another_seed_writes_other_projects():
    seven, eight = load_and_read(7), load_and_read(8)
    assert seven["Project"] != eight["Project"]
    assert seven["MonthlyReport"] != eight["MonthlyReport"]


def test_indexes_deferred_or_not_the_rows_are_the_same():
    assert load_and_read(9, defer_indexes=True) == load_and_read(9, defer_indexes=False)


def test_every_row_has_the_change_record_a_tracked_save_writes():
    result = synth(25, 13, seed=4, defer_indexes=True)
    code = dict(Project.objects.filter(code__startswith="SY4-").values_list("id", "code"))
    kinds = [*TRACKED, IndicatorValue]
    records = ChangeRecord.objects.filter(username=LOADER, reason="synthetic data, seed 4",
                                          content_type__model__in=[m._meta.model_name for m in kinds])  # fmt: skip
    assert records.count() == result.records
    written = 0
    for model in kinds:
        if model is IndicatorValue:
            objects = model.objects.all()
        else:
            objects = model.objects.filter(**{"pk__in" if model is Project else "project_id__in": code})
        objects = objects.filter(pk__in=records.filter(content_type__model=model._meta.model_name).values("object_id"))
        mine = {r.object_id: r for r in records.filter(content_type__model=model._meta.model_name)}
        for obj in objects:
            record = mine[obj.pk]
            assert record.action == Action.CREATE
            assert record.before is None
            assert record.after == snapshot(obj)
            if model is not IndicatorValue:
                project = obj if model is Project else obj.project
                assert (record.project_id, record.region_id, record.platform_id, record.department_id) == (
                    project.pk, project.region_id, project.platform_id, project.department_id)  # fmt: skip
            written += 1
        assert len(mine) == objects.count()
    assert written == result.records
    report = MonthlyReport.objects.filter(project_id__in=code).order_by("pk").first()
    assert records.get(object_id=report.pk, content_type__model="monthlyreport").object_repr == (
        f"{report.project.name} {report.year}-{report.month:02d}")  # fmt: skip


def test_the_rollups_it_builds_are_exact():
    synth(30, 24, seed=5, defer_indexes=True)
    found = verify()
    assert found.checked > 30
    assert found.count == 0, found.as_json()


def test_a_seed_already_loaded_is_refused():
    synth(3, 2, seed=6)
    with pytest.raises(SynthError, match="seed 6 exist already"):
        synth(3, 2, seed=6)


def test_the_tables_it_defers_are_the_tables_it_writes():
    assert {m._meta.db_table for m in TABLES} == {
        "projects_project", "projects_annualplan", "projects_listmembership", "projects_monthlyreport",
        "schedules_milestone", "schedules_problem", "indicators_indicatorvalue", "rollups_yearfigures",
        "audit_changerecord"}  # fmt: skip
