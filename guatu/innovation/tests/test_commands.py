"""`guatu innovation …` on the command line, with --json and --as."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("innovation", *args, stdout=out)
    return out.getvalue()


def test_the_scorecard_of_the_articles_institute_as_json():
    data = json.loads(run("scorecard", "--platform", "衢州资源化工创新研究院", "--year", "2024", "--json"))
    assert (data["total"], data["grade"], data["scheme"]) == (
        "104.31",
        "优秀",
        "2024年度产业创新研究院导向化绩效评价方案",
    )
    assert [(o["measure"], o["actual"], o["target"], o["score"]) for o in data["outputs"][:6]] == [
        ("talent", "148", "150", "19.73"), ("first_of_kind", "7", "6", "20.00"), ("papers", "88", "90", "9.78"),
        ("patent_applications", "52", "50", "15.00"), ("funded_projects", "4", "3", "15.00"),
        ("firm_services", "170", "160", "20.00")]  # fmt: skip
    assert data["outputs"][-1]["note"] == "not reported"  # the article says nothing of incidents


def test_the_scorecard_as_text_for_people():
    text = run("scorecard", "--platform", "QZ-ZYHG", "--year", "2023")
    assert "总分 95.25  等级 优秀" in text and "98.7%" not in text


def test_as_a_user_the_command_sees_what_they_may(outsider):
    with pytest.raises(CommandError, match="--platform"):
        run("scorecard", "--platform", "QZ-ZYHG", "--year", "2024", "--as", "outsider", "--json")
    data = json.loads(run("ranking", "--year", "2024", "--as", "outsider", "--json"))
    assert [r["code"] for g in data["groups"] for r in g["rows"]] == ["JS-ZNZB"]


def test_an_unknown_user_is_an_error():
    with pytest.raises(CommandError, match="nobody"):
        run("ranking", "--year", "2024", "--as", "nobody")


def test_the_ranking_as_json_and_filtered_by_region():
    data = json.loads(run("ranking", "--year", "2024", "--json"))
    iri = next(g for g in data["groups"] if g["platform_type"] == "产业创新研究院")
    assert [(r["rank"], r["code"], r["grade"]) for r in iri["rows"]] == [
        (1, "QZ-ZYHG", "优秀"), (2, "JS-ZNZB", "合格"), (3, "QZ-DLDC", "合格")]  # fmt: skip
    data = json.loads(run("ranking", "--year", "2024", "--region", "江山市", "--json"))
    assert [r["code"] for g in data["groups"] for r in g["rows"]] == ["JS-ZNZB"]
    with pytest.raises(CommandError, match="region"):
        run("ranking", "--year", "2024", "--region", "火星")


def test_export_then_import_changes_nothing(tmp_path):
    path = tmp_path / "outputs.xlsx"
    run("export", "--kind", "outputs", "--out", str(path))
    data = json.loads(run("import", str(path), "--kind", "outputs", "--json"))
    assert (data["rows"], data["created"], data["updated"], data["unchanged"]) == (10, 0, 0, 10)


def test_a_template_is_written(tmp_path):
    path = tmp_path / "t.xlsx"
    assert "wrote" in run("template", "--kind", "platforms", "--out", str(path))
    assert path.stat().st_size > 1000
