"""Query parameters: strict parsers with one sane calendar, and a 400 naming the parameter everywhere."""

import datetime as dt

import pytest

from guatu.core import params
from guatu.core.params import ParamError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("text", "day"), [("2024-11-30", dt.date(2024, 11, 30)), ("2000-01-01", params.DATE_MIN),
                                           (" 2100-12-31 ", params.DATE_MAX)])  # fmt: skip
def test_a_date_in_the_sane_calendar_is_read(text, day):
    assert params.parse_date(text, "as_of") == day


@pytest.mark.parametrize("text", ["9999-12-31", "1999-12-31", "2101-01-01", "0001-01-01", "soon", "2024-13-01"])
def test_a_date_outside_it_or_not_a_date_names_the_parameter(text):
    with pytest.raises(ParamError) as caught:
        params.parse_date(text, "as_of")
    assert caught.value.name == "as_of" and caught.value.reason


@pytest.mark.parametrize(("parse", "text", "value"), [
    (params.parse_year, "2024", 2024), (params.parse_month, "7", 7), (params.parse_period, "2024-11", (2024, 11)),
    (params.parse_bool, "1", True), (params.parse_bool, "false", False), (params.parse_bool, "", False),
])  # fmt: skip
def test_years_months_periods_and_flags(parse, text, value):
    assert parse(text, "p") == value


@pytest.mark.parametrize(("parse", "text"), [
    (params.parse_year, "1999"), (params.parse_year, "99999999999999999999999"), (params.parse_year, "2024.5"),
    (params.parse_month, "13"), (params.parse_month, "0"), (params.parse_period, "9999-12"),
    (params.parse_period, "2024-13"), (params.parse_period, "2024"), (params.parse_bool, "maybe"),
])  # fmt: skip
def test_bad_values_are_refused_not_guessed(parse, text):
    with pytest.raises(ParamError, match=r"^p: "):
        parse(text, "p")


def test_an_absent_parameter_gives_the_default():
    assert params.get({}, "as_of", params.parse_date, "x") == "x"
    assert params.get({"as_of": ""}, "as_of", params.parse_date) is None


API = [
    ("/api/v1/warnings/", {"as_of": "9999-12-31"}, "as_of"),
    ("/api/v1/problems/", {"overdue": "maybe"}, "overdue"),
    ("/api/v1/rankings/", {"indicator": "GDP", "parent": "330000", "period": "9999-12"}, "period"),
    ("/api/v1/drill/", {"indicator": "FAI", "unit": "330800", "period": "9999-12"}, "period"),
    ("/api/v1/progress/", {"year": "9999", "through": "11"}, "year"),
    ("/api/v1/projects/", {"year": "99999999999999999999999"}, "year"),
    ("/api/v1/monthly-reports/", {"month": "13"}, "month"),
    ("/api/v1/annual-plans/", {"year": "1999"}, "year"),
    ("/api/v1/indicator-values/", {"year": "9999"}, "year"),
    ("/api/v1/rank-targets/", {"year": "9999"}, "year"),
    ("/api/v1/exports/warnings/", {"year": "9999", "through": "12"}, "year"),
    ("/api/v1/exports/plans/", {"year": "99999999999999999999"}, "year"),
]


@pytest.mark.parametrize(("path", "query", "name"), API)
def test_the_api_answers_an_out_of_range_parameter_with_a_400_naming_it(demo_client, path, query, name):
    response = demo_client.get(path, query)
    assert response.status_code == 400, response.content
    assert name in response.json()


PAGES = [
    ("/", {"year": "99999", "through": "11"}),
    ("/projects/", {"year": "9999", "through": "11"}),
    ("/projects/", {"year": "99999999999999999999999"}),
    ("/indicators/", {"period": "9999-12"}),
    ("/indicators/rank/", {"period": "0001-12"}),
    ("/indicators/drill/", {"period": "9999-12"}),
    ("/briefing.docx", {"year": "9999", "through": "11"}),
    ("/exports/progress.xlsx", {"year": "9999", "through": "11"}),
    ("/exports/warnings.xlsx", {"year": "2024", "through": "13"}),
]


@pytest.mark.parametrize(("path", "query"), PAGES)
def test_pages_answer_an_out_of_range_parameter_with_a_400_not_a_500(demo_client, path, query):
    response = demo_client.get(path, query)
    assert response.status_code == 400
