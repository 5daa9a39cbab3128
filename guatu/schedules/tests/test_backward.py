"""The scheduler on networks computed by hand (calendar days, finish-to-start links)."""

import datetime as dt

import pytest

from guatu.schedules.backward import Actual, Link, ScheduleError, Task, schedule


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_a_chain_is_scheduled_back_from_the_promise_and_forward_from_today():
    plan = schedule([Task("A", 10), Task("B", 5, (Link("A"),)), Task("C", 0, (Link("B"),))],
                    promised_finish=d("2025-01-31"), today=d("2025-01-01"))  # fmt: skip
    a, b, c = plan.tasks["A"], plan.tasks["B"], plan.tasks["C"]
    assert (a.latest_start, a.latest_finish) == (d("2025-01-16"), d("2025-01-26"))
    assert (b.latest_start, b.latest_finish) == (d("2025-01-26"), d("2025-01-31"))
    assert c.latest_finish == d("2025-01-31")
    assert (a.earliest_finish, b.earliest_finish, c.earliest_finish) == (d("2025-01-11"), d("2025-01-16"),
                                                                          d("2025-01-16"))  # fmt: skip
    assert [t.float_days for t in (a, b, c)] == [15, 15, 15]
    assert all(t.critical for t in (a, b, c))
    assert plan.days_missed == 0 and plan.feasible


def test_parallel_branches_join_at_the_later_one_and_it_is_critical():
    plan = schedule([Task("A", 10), Task("B", 20), Task("C", 5, (Link("A"), Link("B")))],
                    promised_finish=d("2025-02-01"), today=d("2025-01-01"))  # fmt: skip
    assert plan.tasks["A"].latest_start == d("2025-01-17")
    assert plan.tasks["B"].latest_start == d("2025-01-07")
    assert plan.tasks["C"].earliest_start == d("2025-01-21")
    assert {k: t.float_days for k, t in plan.tasks.items()} == {"A": 16, "B": 6, "C": 6}
    assert {k for k, t in plan.tasks.items() if t.critical} == {"B", "C"}


def test_a_lag_pushes_the_successor_and_pulls_the_latest_dates():
    plan = schedule([Task("A", 10), Task("B", 5, (Link("A", lag=7),))],
                    promised_finish=d("2025-02-01"), today=d("2025-01-01"))  # fmt: skip
    assert plan.tasks["A"].latest_finish == d("2025-01-20")
    assert plan.tasks["B"].earliest_start == d("2025-01-18")
    assert plan.tasks["A"].float_days == plan.tasks["B"].float_days == 9


def test_a_negative_lag_lets_work_overlap():
    plan = schedule([Task("A", 10), Task("B", 5, (Link("A", lag=-3),))],
                    promised_finish=d("2025-02-01"), today=d("2025-01-01"))  # fmt: skip
    assert plan.tasks["A"].latest_finish == d("2025-01-30")
    assert plan.tasks["B"].earliest_start == d("2025-01-08")


def test_a_late_actual_finish_moves_the_successors():
    tasks = [Task("A", 10), Task("B", 5, (Link("A"),))]
    plan = schedule(tasks, d("2025-02-01"), today=d("2025-01-15"),
                    actuals={"A": Actual(start=d("2025-01-01"), finish=d("2025-01-20"))})  # fmt: skip
    assert plan.tasks["A"].done and plan.tasks["A"].float_days is None and not plan.tasks["A"].critical
    assert (plan.tasks["B"].earliest_start, plan.tasks["B"].earliest_finish) == (d("2025-01-20"), d("2025-01-25"))
    assert plan.tasks["B"].float_days == 7


def test_work_in_progress_cannot_finish_before_today():
    tasks = [Task("A", 10), Task("B", 5, (Link("A"),))]
    plan = schedule(tasks, d("2025-02-01"), today=d("2025-01-15"), actuals={"A": Actual(start=d("2025-01-01"))})
    assert plan.tasks["A"].earliest_finish == d("2025-01-15")
    assert plan.tasks["A"].started and not plan.tasks["A"].done
    assert plan.tasks["B"].earliest_finish == d("2025-01-20")


def test_a_promise_out_of_reach_has_negative_float_and_days_missed():
    plan = schedule([Task("A", 30), Task("B", 30, (Link("A"),))], d("2025-02-01"), today=d("2025-01-01"))
    assert plan.projected_finish == d("2025-03-02")
    assert plan.days_missed == 29 and not plan.feasible
    assert plan.tasks["A"].float_days == plan.tasks["B"].float_days == -29
    assert plan.tasks["A"].latest_start == d("2024-12-03")  # should have started a month ago


def test_a_cycle_is_a_clear_error():
    with pytest.raises(ScheduleError, match="cycle: A, B"):
        schedule([Task("A", 1, (Link("B"),)), Task("B", 1, (Link("A"),)), Task("C", 1)], d("2025-02-01"),
                 d("2025-01-01"))  # fmt: skip


def test_an_unknown_predecessor_is_a_clear_error():
    with pytest.raises(ScheduleError, match="B: unknown predecessor 'X'"):
        schedule([Task("A", 1), Task("B", 1, (Link("X"),))], d("2025-02-01"), d("2025-01-01"))


def test_duplicate_keys_and_negative_durations_are_errors():
    with pytest.raises(ScheduleError, match="twice"):
        schedule([Task("A", 1), Task("A", 2)], d("2025-02-01"), d("2025-01-01"))
    with pytest.raises(ScheduleError, match="duration must be from 0 to 3650 days"):
        schedule([Task("A", -1)], d("2025-02-01"), d("2025-01-01"))
