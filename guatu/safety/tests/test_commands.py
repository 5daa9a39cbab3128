"""`guatu safety summary --json` and friends, as a person or a cron job runs them."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("safety", *args, stdout=out)
    return out.getvalue()


def test_the_summary_as_json():
    body = json.loads(run("summary", "--year", "2024", "--json"))
    city = body["city"]
    assert (body["as_of"], city["code"], city["inspections"]) == ("2024-11-30", "330800", 14)
    assert city["hazards"]["open"] == {"general": 3, "major": 2}
    assert city["hazards"]["overdue"] == {"general": 1, "major": 1}
    assert city["accidents"] == {"general": 3, "larger": 0, "major": 0, "especially_major": 0}
    assert (city["award"]["streak"], city["award"]["streak_from"], city["award"]["streak_through"]) == (18, 2006, 2023)
    assert (city["award"]["this_year_would_be"], city["award"]["goal_label"]) == (19, "十九连冠")
    assert (city["full_house"], city["counties_on_course"], body["on_course"]) == (None, True, True)
    counties = {c["code"]: c for c in body["counties"]}
    assert counties["330803"]["hazards"]["overdue"]["major"] == 1 and counties["330803"]["award"]["streak"] == 8
    assert [t["subject"] for t in body["threats"]] == ["YH-2024-007"]


def test_the_summary_as_a_user_sees_their_scope(outsider):
    body = json.loads(run("summary", "--year", "2024", "--as", "outsider", "--json"))
    assert [c["code"] for c in body["counties"]] == ["330881"] and body["city"]["inspections"] == 2


def test_the_summary_for_people_and_bad_options():
    text = run("summary", "--year", "2024")
    assert "衢州市平安市:十八连冠(2006—2023),2024年目标十九连冠" in text and "逾期12天" in text
    with pytest.raises(CommandError, match="nobody"):
        run("summary", "--year", "2024", "--as", "nobody")
    with pytest.raises(CommandError):
        run("summary", "--year", "2024", "--region", "无此地")


def test_export_template_and_a_dry_run_import(tmp_path):
    out = tmp_path / "hazards.xlsx"
    run("export", "--kind", "hazards", "--out", str(out))
    body = json.loads(run("import", str(out), "--kind", "hazards", "--dry-run", "--json"))
    assert (body["rows"], body["unchanged"], body["committed"]) == (14, 14, False)
    run("template", "--kind", "accidents", "--out", str(tmp_path / "t.xlsx"))
    assert (tmp_path / "t.xlsx").stat().st_size > 0


def test_an_import_with_errors_fails_the_command(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("事故编号,发生日期,事故概况,所在地区\nSG-Y,2024-01-01,x,无此地\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was written"):
        run("import", str(bad), "--kind", "accidents")
