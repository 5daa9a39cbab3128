"""The demo carries 衢州资源化工创新研究院 as the article tells it, and a scheme that grades it."""

from __future__ import annotations

import pytest

from guatu.demo import innovation as demo
from guatu.innovation.figures import scorecard, summary_figures
from guatu.innovation.models import InnovationPlatform, PlatformOutput, PlatformProject
from guatu.projects.models import Project

pytestmark = pytest.mark.django_db


def institute() -> InnovationPlatform:
    return InnovationPlatform.objects.get(name="衢州资源化工创新研究院")


def test_the_two_years_add_up_exactly_to_the_articles_figures():
    outputs = {o.year: o for o in PlatformOutput.objects.filter(platform=institute())}
    assert sorted(outputs) == [2023, 2024]
    totals = summary_figures(outputs, 2024)
    assert {k: int(totals[k].value) for k in demo.ARTICLE_TOTALS} == {
        "talent": 269, "first_of_kind": 12, "papers": 160, "patent_applications": 90, "funded_projects": 6,
        "firm_services": 300,
    }  # fmt: skip
    assert totals["talent"].years == [2023, 2024]


def test_the_articles_approximate_figures_are_stored_as_lower_bounds():
    totals = summary_figures({o.year: o for o in institute().outputs.all()}, 2024)
    assert {k for k, f in totals.items() if f.lower_bound} == {"papers", "patent_applications", "firm_services"}
    assert totals["talent"].lower_bound is False
    assert all("示意" in o.note for o in institute().outputs.all())  # the split is labelled illustrative


def test_the_institute_is_built_on_the_2021_innovation_centre_with_the_academician_teams():
    platform = institute()
    assert platform.based_on.name == "浙江省高端化学品技术创新中心"
    assert platform.based_on.founded.year == 2021 and platform.based_on.founded_display == "2021年"
    assert {p.name for p in platform.partners.filter(kind="academician")} == {
        "段雪院士团队", "陈建峰院士团队", "徐南平院士团队", "孙世刚院士团队"}  # fmt: skip
    events = {(m.kind, m.date_display) for m in platform.milestones.all()}
    assert ("agreement", "2023年12月") in events and ("joint_centre", "2024年4月") in events


def test_the_industrialisation_project_is_the_ledgers_own_linked_not_copied():
    assert Project.objects.filter(name=demo.PROJECT_NAME).count() == 1
    link = PlatformProject.objects.get(platform=institute())
    assert link.project.name == "年产15万吨高端无机精细化学品项目"
    assert link.project.total_investment == 250000  # 25亿元
    assert link.get_relation_display() == "技术入股"


def test_the_demo_scheme_grades_the_institute():
    card = scorecard(institute(), 2024)
    assert card.scheme.name == "2024年度产业创新研究院导向化绩效评价方案"
    assert str(card.total) == "104.31" and card.grade == "优秀"
    assert str(scorecard(institute(), 2023).total) == "95.25"


def test_loading_the_demo_again_changes_nothing():
    again = demo.load()
    assert all(r.created == 0 and r.updated == 0 for r in again.values()), again
