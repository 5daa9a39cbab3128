"""The model's own rules for many records at once, without a model instance and Django's generic field
machinery per record: each field's check compiled once from the field (its type, null, blank, choices and
validators). A compiled check only ever says "certainly valid"; a record any check is unsure of goes through
the model's `clean_fields()` itself, which gives the error messages — so the rules and the words are the
model's, and a field or validator this module does not know is always left to the model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.core import validators as v
from django.db import models
from django.db.models.base import ModelState

Check = Callable[[object], bool]
_CONTAINERS = (list, tuple, dict)


def _empty(value) -> bool:
    """`value in field.empty_values` (None, "", [], (), {}) without comparing a number with each of them."""
    if value is None:
        return True
    if isinstance(value, str):
        return value == ""
    return value.__class__ in _CONTAINERS and not value


def _digits_ok(value: Decimal, max_digits: int | None, places: int | None) -> bool:
    """`DecimalValidator(max_digits, places)` passes (the same arithmetic)."""
    _sign, digit_tuple, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        return False
    if exponent >= 0:
        digits = len(digit_tuple) + (exponent if digit_tuple != (0,) else 0)
        decimals = 0
    elif -exponent > len(digit_tuple):
        digits = decimals = -exponent
    else:
        digits, decimals = len(digit_tuple), -exponent
    if max_digits is not None and digits > max_digits:
        return False
    if places is not None and decimals > places:
        return False
    return not (max_digits is not None and places is not None and digits - decimals > max_digits - places)


def _validator_check(validator) -> Check | None:
    """A validator as a yes/no test, for the validators whose rule is plain; None for any other."""
    kind = type(validator)
    limit = getattr(validator, "limit_value", None)
    if callable(limit):
        return None
    if kind is v.MinValueValidator:
        return lambda value: value >= limit
    if kind is v.MaxValueValidator:
        return lambda value: value <= limit
    if kind is v.MaxLengthValidator:
        return lambda value: len(value) <= limit
    if kind is v.MinLengthValidator:
        return lambda value: len(value) >= limit
    if kind is v.ProhibitNullCharactersValidator:
        return lambda value: "\x00" not in str(value)
    if kind is v.DecimalValidator:
        digits, places = validator.max_digits, validator.decimal_places
        return lambda value: _digits_ok(value, digits, places)
    return None


def _type_check(field: models.Field) -> Check | None:
    """The value is already what the field's `to_python` would make of it (so cleaning changes nothing)."""
    if isinstance(field, models.DecimalField):
        return lambda value: type(value) is Decimal and value.is_finite()
    if isinstance(field, models.BooleanField):
        return lambda value: type(value) is bool
    if isinstance(field, models.IntegerField):  # an int (an IntegerChoices member too), never a bool
        return lambda value: isinstance(value, int) and value.__class__ is not bool
    if isinstance(field, models.CharField | models.TextField):  # `to_python` keeps a str (a TextChoices too)
        return lambda value: isinstance(value, str)
    if isinstance(field, models.DateTimeField):
        return lambda value: type(value) is dt.datetime
    if isinstance(field, models.DateField):
        return lambda value: type(value) is dt.date
    return None


def field_check(field: models.Field) -> Check | None:
    """`field.clean(value)` certainly passes (for a value `clean_fields` does not skip); None when this module
    cannot tell for this field."""
    typed = _type_check(field)
    if typed is None:
        return None
    tests = [_validator_check(validator) for validator in field.validators]
    if any(test is None for test in tests):
        return None
    choices = None
    if field.choices is not None:
        choices = set()
        for key, label in field.choices:
            if isinstance(label, list | tuple):
                choices.update(k for k, _label in label)
            else:
                choices.add(key)
    null, blank = field.null, field.blank
    if not field.editable:  # `validate()` passes a field that is not editable: only the type and validators
        choices, null, blank = None, True, True

    def check(value) -> bool:
        if value is None:
            return null and blank  # clean_fields skips None only for blank fields; else "cannot be null/blank"
        if not typed(value):
            return False
        empty = _empty(value)
        if choices is not None and not empty and value not in choices:
            return False
        if empty:  # a blank field's empty value was skipped by the caller; run_validators skips empty values
            return blank
        for test in tests:  # noqa: SIM110 (a loop: all() over a generator costs more, 100,000 times a field)
            if not test(value):
                return False
        return True

    return check


def _decimal_column_check(field: models.DecimalField) -> Callable[[list], bool] | None:
    """For a decimal field whose validators are bounds and the digits rule: `field.clean(v)` certainly passes for
    every value of a column — by the column's least and greatest values and each value's places — else False."""
    low, high = [], []
    for validator in field.validators:
        kind, limit = type(validator), getattr(validator, "limit_value", None)
        if kind is v.MinValueValidator and not callable(limit):
            low.append(limit)
        elif kind is v.MaxValueValidator and not callable(limit):
            high.append(limit)
        elif kind is not v.DecimalValidator:
            return None
    if field.choices is not None or field.max_digits is None or field.decimal_places is None:
        return None
    places = field.decimal_places
    quantum = Decimal(1).scaleb(-places)
    whole = Decimal(10) ** (field.max_digits - places)  # |value| below this: no more whole digits than allowed

    def places_ok(value: Decimal) -> bool:
        return value.same_quantum(quantum) or value.as_tuple().exponent >= -places

    def check(values: list) -> bool:
        if not values:
            return True
        if {value.__class__ for value in values} != {Decimal}:
            return False  # None, or another type: the record-by-record checks decide
        try:
            least, greatest = min(values), max(values)
        except ArithmeticError:  # a NaN
            return False
        if not (least.is_finite() and greatest.is_finite()) or max(-least, greatest) >= whole:
            return False
        if any(least < limit for limit in low) or any(greatest > limit for limit in high):
            return False
        return all(map(places_ok, values))

    return check


def column_check(field: models.Field, blank: bool) -> Callable[[list], bool] | None:
    """A column's test: True when `field.clean(value)` certainly passes for every value in it (as `field_check`
    says, the values a blank field skips included); None when this module cannot tell for this field."""
    if isinstance(field, models.DecimalField) and field.editable and not field.null:
        found = _decimal_column_check(field)
        if found is not None:
            return found
    check = field_check(field)
    if check is None:
        return None

    def each_distinct(values: list) -> bool:
        try:
            distinct = set(values)
        except TypeError:  # an unhashable value
            distinct = values
        for value in distinct:
            if blank and _empty(value):
                continue
            if not check(value):
                return False
        return True

    return each_distinct


class RecordChecker:
    """`clean_fields(exclude)` and `clean()` of `model` for plain records (attname → value), fast when a record
    is valid and exactly the model's when it is not (the caller runs the model's own steps then)."""

    def __init__(self, model: type[models.Model], exclude: list[str], attributes: dict | None = None) -> None:
        self.model = model
        self.exclude = set(exclude)
        fields = [f for f in model._meta.fields if f.name not in self.exclude and not f.generated]
        self.checks = [(f.attname, f.blank, field_check(f)) for f in fields]
        self.sure = all(check is not None for *_rest, check in self.checks)
        self.columns = [(f.attname, column_check(f, f.blank)) for f in fields]  # the same rules, a column at a time
        concrete = model._meta.concrete_fields
        self.defaults = {f.attname: f.get_default() for f in concrete}  # what __init__ gives a missing field
        self.attributes = attributes or {}  # set on each instance (e.g. a flag the model's clean() reads)

    def columns_ok(self, records: list[dict]) -> bool:
        """The field rules certainly pass for every one of `records` (attname → value; a field a record lacks has
        its default, as `instance` gives it), tested column by column; False when any column is unsure (the
        caller then tests record by record)."""
        if not self.sure:
            return False
        for attname, check in self.columns:
            default = self.defaults.get(attname)
            if check is None or not check([r.get(attname, default) for r in records]):
                return False
        return True

    def fields_ok(self, values: dict) -> bool:
        """The field rules certainly pass for `values` (the instance's attribute values)."""
        if not self.sure:
            return False
        for attname, blank, check in self.checks:
            value = values[attname]
            if blank and _empty(value):
                continue
            if not check(value):
                return False
        return True

    def instance(self, values: dict) -> models.Model:
        """An instance with these attribute values, as `model(**values)` would make it (no signals are sent:
        the instance is only cleaned, never saved)."""
        obj = self.model.__new__(self.model)
        obj.__dict__.update(self.defaults)
        obj.__dict__.update(values)
        obj.__dict__.update(self.attributes)
        obj._state = ModelState()
        return obj
