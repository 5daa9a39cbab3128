"""The compiled field checks never pass a record the model's `clean_fields()` refuses, and do pass the
ordinary valid one (else they would save nothing)."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from guatu.exchange.validation import RecordChecker, field_check
from guatu.projects.models import AnnualPlan, MonthlyReport, Project

VALID = {"year": 2024, "month": 6, "invest_month": Decimal("10.00"), "invest_ytd": Decimal("60.00"),
         "invest_cumulative": Decimal("900.00"), "progress_pct": Decimal("50.00"), "stage": "construction",
         "problems": ""}  # fmt: skip
ODD = {
    "year": [0, 1899, 2024, 3000, True, "2024", 2024.0, None],
    "month": [0, 1, 12, 13, -1, None],
    "invest_month": [Decimal("1.005"), Decimal("-1"), Decimal("1e20"), Decimal("NaN"), Decimal("12345678901.23"),
                     Decimal("0E-7"), Decimal("5E+3"), 3, 3.5, None],
    "progress_pct": [Decimal("100.00"), Decimal("100.01"), Decimal("-0.01"), Decimal("0.001"), None],
    "stage": ["construction", "CONSTRUCTION", "", "x" * 17, None],
    "problems": ["", "x" * 5001, None, 7],
}  # fmt: skip
EXCLUDE = [f.name for f in MonthlyReport._meta.concrete_fields if f.is_relation or f.primary_key]


def _model_says_valid(values: dict) -> bool:
    try:
        MonthlyReport(**values).clean_fields(exclude=EXCLUDE)
    except ValidationError:
        return False
    return True


def test_every_field_of_the_imported_models_has_a_compiled_check():
    for model in (MonthlyReport, AnnualPlan, Project):
        unsure = [f.name for f in model._meta.concrete_fields if not f.is_relation and field_check(f) is None]
        assert unsure == [], model


def test_an_ordinary_report_passes_without_the_model():
    checker = RecordChecker(MonthlyReport, EXCLUDE)
    assert checker.fields_ok(checker.instance(VALID).__dict__)
    assert _model_says_valid(VALID)


@pytest.mark.parametrize("name", ODD)
def test_an_odd_value_passes_only_where_the_model_passes_it(name):
    checker = RecordChecker(MonthlyReport, EXCLUDE)
    for value in ODD[name]:
        values = {**VALID, name: value}
        if checker.fields_ok(checker.instance(values).__dict__):
            assert _model_says_valid(values), (name, value)


def test_two_odd_values_together_too():
    checker = RecordChecker(MonthlyReport, EXCLUDE)
    for a, b in itertools.combinations(ODD, 2):
        for x, y in itertools.product(ODD[a], ODD[b]):
            values = {**VALID, a: x, b: y}
            if checker.fields_ok(checker.instance(values).__dict__):
                assert _model_says_valid(values), (a, x, b, y)


def test_the_instance_is_what_the_model_makes_of_the_values():
    checker = RecordChecker(MonthlyReport, EXCLUDE, {"_today": dt.date(2024, 5, 31), "_status_checked_by_caller": True})
    made = checker.instance(VALID)
    plain = MonthlyReport(**VALID)
    for f in MonthlyReport._meta.concrete_fields:
        assert getattr(made, f.attname) == getattr(plain, f.attname), f.name
    with pytest.raises(ValidationError, match="2024-06"):  # the model's clean() reads the day given
        made.clean()


def test_a_column_passes_only_when_every_value_in_it_passes_the_model():
    checker = RecordChecker(MonthlyReport, EXCLUDE)
    ordinary = [{**VALID, "invest_month": Decimal(f"{n}.{n % 100:02d}"), "month": n % 12 + 1} for n in range(50)]
    assert checker.columns_ok(ordinary) and all(_model_says_valid(values) for values in ordinary)
    assert checker.columns_ok([{k: v for k, v in VALID.items() if k != "problems"}])  # a field left at its default
    for name, values in ODD.items():
        for value in values:
            records = [*ordinary, {**VALID, name: value}]
            if checker.columns_ok(records):  # else the importer checks record by record, as before
                assert all(_model_says_valid(values) for values in records), (name, value)
