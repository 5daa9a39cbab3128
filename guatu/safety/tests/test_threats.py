"""Threat rules applied without a database."""

from guatu.safety.threats import ACCIDENT, OVERDUE_HAZARD, VETO, WARNING, Fact, Rule, matches, on_course

RULES = [Rule("larger", VETO, ACCIDENT, min_rank=2), Rule("late-major", WARNING, OVERDUE_HAZARD, hazard_grade="major")]


def test_a_general_accident_and_an_overdue_general_hazard_threaten_nothing():
    facts = [
        Fact(ACCIDENT, "A1", "330000/330800/330825/", rank=1),
        Fact(OVERDUE_HAZARD, "H1", "330000/330800/", grade="general"),
    ]
    assert matches(RULES, facts) == []


def test_a_larger_accident_vetoes_where_it_happened_and_above_only():
    facts = [Fact(ACCIDENT, "A2", "330000/330800/330825/", rank=2)]
    assert not on_course(matches(RULES, facts))
    assert not on_course(matches(RULES, facts, "330000/330800/"))
    assert on_course(matches(RULES, facts, "330000/330800/330881/"))


def test_an_overdue_major_hazard_warns_but_keeps_the_award_on_course():
    found = matches(RULES, [Fact(OVERDUE_HAZARD, "H2", "330000/330800/330803/", grade="major")])
    assert [m.rule.code for m in found] == ["late-major"] and on_course(found)
