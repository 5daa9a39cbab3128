"""The scheduler's invariants on generated networks (hypothesis; bounded, derandomised, no database)."""

import datetime as dt
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from guatu.schedules.backward import Actual, Link, ScheduleError, Task, network_problems, schedule

FAST = settings(max_examples=60, deadline=None, derandomize=True, database=None)
DAY = dt.timedelta(days=1)
dates = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))


@st.composite
def dags(draw, max_tasks: int = 8):
    """A network with links only from earlier to later tasks, so it has no cycle."""
    n = draw(st.integers(1, max_tasks))
    tasks = []
    for i in range(n):
        preds = draw(st.lists(st.integers(0, i - 1), unique=True, max_size=3)) if i else []
        links = tuple(Link(f"t{j}", draw(st.integers(-30, 60))) for j in sorted(preds))
        tasks.append(Task(f"t{i}", draw(st.integers(0, 400)), links))
    return tasks


def links_of(tasks):
    return [(link.predecessor, task.key, link.lag) for task in tasks for link in task.links]


@FAST
@given(dags(), dates, dates)
def test_latest_dates_meet_the_promise_and_every_link(tasks, promise, today):
    plan = schedule(tasks, promise, today)
    t = plan.tasks
    with_successors = {pred for pred, _succ, _lag in links_of(tasks)}
    for task in tasks:
        s = t[task.key]
        assert s.latest_finish <= promise
        if task.key not in with_successors:
            assert s.latest_finish == promise  # the last milestones finish on the promised date
        assert s.latest_start == s.latest_finish - task.duration * DAY
        assert s.earliest_finish == s.earliest_start + task.duration * DAY
        assert s.earliest_start >= today
    for pred, succ, lag in links_of(tasks):
        assert t[pred].latest_finish + lag * DAY <= t[succ].latest_start
        assert t[pred].earliest_finish + lag * DAY <= t[succ].earliest_start


@FAST
@given(dags(), dates, dates)
def test_float_is_late_minus_early_and_feasible_means_no_negative_float(tasks, promise, today):
    plan = schedule(tasks, promise, today)
    floats = {k: s.float_days for k, s in plan.tasks.items()}
    for s in plan.tasks.values():
        assert s.float_days == (s.latest_finish - s.earliest_finish).days
        assert s.critical == (s.float_days == min(floats.values()))
    assert plan.feasible == (min(floats.values()) >= 0)
    assert plan.feasible == (plan.projected_finish <= promise)
    if not plan.feasible:
        assert plan.days_missed == (plan.projected_finish - promise).days > 0


@st.composite
def with_actuals(draw):
    tasks = draw(dags())
    today = draw(dates)
    actuals = {}
    for task in tasks:
        kind = draw(st.sampled_from(["none", "none", "started", "done"]))
        start = today - draw(st.integers(0, 300)) * DAY
        if kind == "started":
            actuals[task.key] = Actual(start=start)
        elif kind == "done":
            actuals[task.key] = Actual(start=start, finish=min(today, start + draw(st.integers(0, 200)) * DAY))
    return tasks, today, actuals


@FAST
@given(with_actuals(), dates, st.randoms(use_true_random=False))
def test_results_are_deterministic_whatever_the_input_order(network, promise, rnd):
    tasks, today, actuals = network
    first = schedule(tasks, promise, today, actuals)
    shuffled = list(tasks)
    rnd.shuffle(shuffled)
    again = schedule(shuffled, promise, today, actuals)
    assert first.tasks == again.tasks
    for key, s in first.tasks.items():
        if key in actuals and actuals[key].finish:
            assert s.done and s.float_days is None and not s.critical
        else:
            assert s.float_days == (s.latest_finish - s.earliest_finish).days
            assert s.earliest_finish >= today  # unfinished work cannot finish in the past


def _has_cycle(edges: dict[str, set[str]]) -> set[str]:
    """Brute force: peel off nodes with no remaining predecessor; what is left waits on a cycle."""
    left = {k: set(v) for k, v in edges.items()}
    changed = True
    while changed:
        changed = False
        for key in [k for k, preds in left.items() if not preds & left.keys()]:
            del left[key]
            changed = True
    return set(left)


def _reaches(edges: dict[str, set[str]], a: str, b: str) -> bool:
    seen, todo = set(), [a]
    while todo:
        node = todo.pop()
        for nxt in edges[node]:
            if nxt == b:
                return True
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


@st.composite
def any_networks(draw):
    n = draw(st.integers(1, 7))
    keys = [f"t{i}" for i in range(n)]
    tasks = []
    for key in keys:
        preds = draw(st.lists(st.sampled_from([k for k in keys if k != key] or ["t0"]), unique=True, max_size=3))
        tasks.append(Task(key, 1, tuple(Link(p) for p in preds if p != key)))
    return tasks


@FAST
@given(any_networks())
def test_cycles_are_always_detected_and_only_their_members_named(tasks):
    edges = {t.key: {link.predecessor for link in t.links} for t in tasks}
    waiting = _has_cycle(edges)
    cycles = [p for p in network_problems(tasks) if p.code == "cycle"]
    assert bool(cycles) == bool(waiting)
    for problem in cycles:
        assert set(problem.keys) <= waiting
        for a in problem.keys:  # every member reaches every other: a real cycle, not a bystander
            assert all(_reaches(edges, a, b) for b in problem.keys)
    if waiting:
        try:
            schedule(tasks, dt.date(2025, 1, 1), dt.date(2024, 1, 1))
        except ScheduleError as exc:
            assert any(p.code == "cycle" for p in exc.problems)
        else:
            raise AssertionError("a cycle was scheduled")


def test_a_planted_cycle_in_a_long_chain_names_exactly_its_members():
    rng = random.Random(7)
    keys = [f"k{i:02d}" for i in range(40)]
    tasks = [Task(k, rng.randint(0, 30), (Link(keys[i - 1]),) if i else ()) for i, k in enumerate(keys)]
    tasks[10] = Task("k10", 5, (Link("k09"), Link("k14")))  # k10 → … → k14 → k10
    problems = network_problems(tasks)
    assert [(p.code, p.keys) for p in problems] == [("cycle", ("k10", "k11", "k12", "k13", "k14"))]


@FAST
@given(st.integers(-(10**9), 10**9), st.integers(-(10**9), 10**9))
def test_any_duration_or_lag_is_scheduled_or_refused_never_a_crash(duration, lag):
    tasks = [Task("a", 10), Task("b", duration, (Link("a", lag),))]
    try:
        plan = schedule(tasks, dt.date(2100, 12, 31), dt.date(2000, 1, 1))
    except ScheduleError as exc:
        assert {p.code for p in exc.problems} <= {"duration", "lag", "calendar"}
    else:
        assert 0 <= duration <= 3650 and -3650 <= lag <= 3650
        assert plan.tasks["b"].latest_finish == dt.date(2100, 12, 31)
