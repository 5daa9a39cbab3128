"""The moves table: the main line, suspension and exit from every active stage, nothing after 达效/退出."""

from guatu.attraction.choices import Stage
from guatu.attraction.stages import ACTIVE, MAIN, MOVES, RANK, RESUME, at_least, rank


def test_the_main_line_runs_from_lead_to_full_output_in_ten_ranks():
    assert [s.value for s in MAIN] == [
        "lead",
        "screening",
        "negotiating",
        "signed",
        "registered",
        "land",
        "started",
        "completed",
        "producing",
        "reached",
    ]
    assert [RANK[s] for s in MAIN] == list(range(1, 11))
    assert rank(Stage.SUSPENDED) is None and rank(Stage.EXITED) is None


def test_every_active_stage_may_be_suspended_or_exit():
    for stage in ACTIVE:
        assert {Stage.SUSPENDED, Stage.EXITED} <= MOVES[stage]


def test_full_output_and_exit_are_final_and_a_suspended_lead_resumes_or_exits():
    assert MOVES[Stage.REACHED] == frozenset() and MOVES[Stage.EXITED] == frozenset()
    assert MOVES[Stage.SUSPENDED] == {RESUME, Stage.EXITED}


def test_a_lead_may_skip_land_and_produce_before_completion_but_not_skip_signing():
    assert Stage.STARTED in MOVES[Stage.REGISTERED] and Stage.PRODUCING in MOVES[Stage.STARTED]
    assert Stage.SIGNED not in MOVES[Stage.SCREENING] and Stage.REGISTERED not in MOVES[Stage.NEGOTIATING]


def test_reached_at_least_a_stage_means_that_stage_or_a_later_one():
    assert at_least(Stage.PRODUCING) == ["producing", "reached"]
