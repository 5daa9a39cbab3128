"""The rules live on the models: every way in meets them, and every change is recorded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from guatu.audit.context import acting
from guatu.audit.tracking import VersionConflict
from guatu.core.models import Region
from guatu.innovation.models import (
    EvaluationScheme,
    InnovationPlatform,
    PlatformOutput,
    PlatformType,
    SchemeIndicator,
)
from guatu.test import records_of

pytestmark = pytest.mark.django_db


def new_platform(code="T-1", region="330802", founded=dt.date(2022, 5, 1)) -> InnovationPlatform:
    return InnovationPlatform.objects.create(
        code=code, name=f"测试平台{code}", platform_type=PlatformType.objects.get(code="IRI"),
        founded=founded, region=Region.objects.get(code=region),
    )  # fmt: skip


def test_outputs_cannot_predate_the_founding():
    platform = new_platform()
    with pytest.raises(ValidationError) as exc:
        PlatformOutput.objects.create(platform=platform, year=2021, talent=3)
    assert "2022" in str(exc.value.message_dict["year"])


def test_a_count_is_a_whole_number_within_bounds():
    platform = new_platform()
    with pytest.raises(ValidationError) as exc:
        PlatformOutput.objects.create(platform=platform, year=2023, papers=10_000_000)
    assert "papers" in exc.value.message_dict


def test_money_is_bounded_like_the_ledgers():
    with pytest.raises(ValidationError) as exc:
        PlatformOutput.objects.create(platform=new_platform(), year=2023, city_support=D("10000000000"))
    assert "city_support" in exc.value.message_dict


def test_lower_bounds_name_known_measures_only_and_are_kept_in_catalogue_order():
    platform = new_platform()
    with pytest.raises(ValidationError) as exc:
        PlatformOutput.objects.create(platform=platform, year=2023, lower_bounds="papers,books")
    assert "books" in str(exc.value)
    row = PlatformOutput.objects.create(platform=platform, year=2023, lower_bounds="firm_services, papers")
    assert row.lower_bounds == "papers,firm_services"


def test_a_change_to_an_output_is_recorded_with_who_and_old_and_new(officer):
    row = PlatformOutput.objects.create(platform=new_platform(), year=2023, talent=10)
    with acting(officer, reason="更正"):
        row.talent = 12
        row.save()
    last = records_of(row)[-1]
    assert (last.username, last.reason, last.before["talent"], last.after["talent"]) == ("officer", "更正", 10, 12)
    assert last.region_id == Region.objects.get(code="330802").pk  # where it stands, for the record's readers


def test_a_stale_version_is_refused():
    row = PlatformOutput.objects.create(platform=new_platform(), year=2023, talent=10)
    stale = PlatformOutput.objects.get(pk=row.pk)
    row.talent = 11
    row.save()
    stale.talent = 12
    with pytest.raises(VersionConflict):
        stale.save()


def scheme(year=2030) -> EvaluationScheme:
    return EvaluationScheme.objects.create(
        year=year, platform_type=PlatformType.objects.get(code="KL"), name="测试方案"
    )


def test_the_normal_weights_of_a_scheme_may_not_exceed_100():
    s = scheme()
    SchemeIndicator.objects.create(scheme=s, measure="talent", weight=D(60), target=D(10))
    with pytest.raises(ValidationError) as exc:
        SchemeIndicator.objects.create(scheme=s, measure="papers", weight=D(50), target=D(10))
    assert "110" in str(exc.value.message_dict["weight"])
    SchemeIndicator.objects.create(scheme=s, measure="papers", kind="bonus", weight=D(50), target=D(10))  # bonus: ok


def test_a_normal_item_has_no_cap():
    with pytest.raises(ValidationError) as exc:
        SchemeIndicator.objects.create(scheme=scheme(), measure="talent", weight=D(10), target=D(1), cap=D(5))
    assert "cap" in exc.value.message_dict


def test_one_scheme_per_year_and_platform_type():
    scheme(2031)
    with pytest.raises(ValidationError):
        scheme(2031)
