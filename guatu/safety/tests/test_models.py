"""The rules on the rows, whichever way they arrive: places, classes, the hazard loop's states."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from guatu.core.models import Region
from guatu.safety.models import Accident, AccidentThreshold, Hazard
from guatu.safety.tests.factories import accident, hazard, inspection
from guatu.test import make_project, records_of

pytestmark = pytest.mark.django_db


def test_a_project_sites_region_and_platform_are_the_projects():
    project = make_project("S1", region="330881")
    at = inspection("AJ-S1", project=project)
    assert (at.region.code, at.platform_id) == ("330881", project.platform_id)


def test_a_region_that_disagrees_with_the_project_is_an_error():
    project = make_project("S2", region="330881")
    with pytest.raises(ValidationError) as exc:
        inspection("AJ-S2", project=project).__class__(
            code="AJ-S2b",
            inspected_on=dt.date(2024, 5, 1),
            inspectors="x",
            project=project,
            region=Region.objects.get(code="330802"),
        ).save()
    assert "region" in exc.value.message_dict


def test_a_firm_needs_its_region_and_a_site_needs_a_project_or_a_firm():
    with pytest.raises(ValidationError) as exc:
        inspection("AJ-S3", firm="某企业", region="330802").__class__(
            code="AJ-S3b", inspected_on=dt.date(2024, 5, 1), inspectors="x"
        ).save()
    assert {"firm", "region"} <= set(exc.value.message_dict)


@pytest.mark.parametrize(
    ("deaths", "injuries", "loss", "expected"),
    [(2, 9, "999.99", "general"), (3, 0, "0", "larger"), (0, 50, "0", "major"), (0, 0, "10000", "especially_major")],
)
def test_an_accidents_class_is_computed_and_stored(deaths, injuries, loss, expected):
    a = accident(deaths=deaths, injuries=injuries, loss=loss)
    assert Accident.objects.get(pk=a.pk).accident_class == expected


def test_editing_the_figures_reclasses_the_accident_on_the_record():
    a = accident(deaths=1)
    a.deaths = 10
    a.save()
    assert a.accident_class == "major"
    assert (
        records_of(a)[-1].after["accident_class"] == "major" and records_of(a)[-1].before["accident_class"] == "general"
    )


def test_thresholds_are_data_and_edited_thresholds_reclass_through_the_action():
    from guatu.safety.actions import reclassify_accidents

    a = accident(deaths=2)
    larger = AccidentThreshold.objects.get(accident_class="larger")
    larger.deaths = 2
    larger.save()
    assert [x.code for x in reclassify_accidents()] == [a.code]
    assert Accident.objects.get(pk=a.pk).accident_class == "larger"
    assert Accident.objects.filter(code__startswith="SG-2024").get(code="SG-2024-003").accident_class == "general"


def test_thresholds_that_would_not_classify_are_refused():
    major = AccidentThreshold.objects.get(accident_class="major")
    major.deaths = 3  # no more than 较大's
    with pytest.raises(ValidationError, match="major: deaths must exceed larger's"):
        major.save()


def test_a_major_hazard_is_under_supervision():
    with pytest.raises(ValidationError) as exc:
        hazard("YH-M1", grade="general").__class__.objects.create(
            code="YH-M1b",
            inspection=inspection("AJ-M1b"),
            grade="major",
            description="x",
            found_on=dt.date(2024, 6, 3),
            owner="y",
            deadline=dt.date(2024, 7, 1),
        )
    assert "supervised" in exc.value.message_dict


def test_a_deadline_before_the_day_found_and_an_open_hazard_with_a_verification_date_are_refused():
    h = hazard("YH-M2")
    h.deadline = dt.date(2024, 6, 1)
    h.verified_on = dt.date(2024, 6, 20)
    with pytest.raises(ValidationError) as exc:
        h.save()
    assert {"deadline", "status"} <= set(exc.value.message_dict)


def test_a_stored_hazard_moves_only_along_the_loop_whatever_way_it_is_saved():
    h = hazard("YH-M3")
    h.status, h.verified_on, h.closed_on, h.rectification = "closed", dt.date(2024, 6, 10), dt.date(2024, 6, 11), "ok"
    with pytest.raises(ValidationError) as exc:
        h.save()
    assert exc.value.message_dict["status"] == ["隐患不能从“待整改”办理为“已销号”。"]
    assert Hazard.objects.get(pk=h.pk).status == "found"


def test_open_and_overdue_are_judged_on_a_day():
    h = hazard("YH-M4", deadline=dt.date(2024, 6, 30))
    assert h.is_open_on(dt.date(2024, 6, 3)) and not h.is_open_on(dt.date(2024, 6, 2))
    assert not h.is_overdue_on(dt.date(2024, 6, 30)) and h.days_overdue(dt.date(2024, 7, 12)) == 12
    assert list(Hazard.objects.filter(pk=h.pk).overdue_on(dt.date(2024, 7, 1))) == [h]


def test_money_is_kept_exactly():
    a = accident(loss="1234.56")
    assert Accident.objects.get(pk=a.pk).direct_loss == D("1234.56")
