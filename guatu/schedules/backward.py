"""倒排工期: backward (ALAP) and forward (ASAP) scheduling of a milestone network. No Django.

Conventions — calendar days, finish-to-start links with an optional lag:
- a task that starts on day S and lasts D days finishes on S + D (a milestone event has D = 0);
- a successor may start on its predecessor's finish + lag (lag may be negative: overlap).

Backward pass (the 倒排 dates): a task's latest finish is the earliest of the promised date and
(successor's latest start − lag) — nothing may finish after the promise. Latest start = latest
finish − duration.

Forward pass (where things really stand): a finished task sits at its actual dates; a started
one runs from its actual start and cannot finish before `today`; a task not started cannot start
before `today` nor before its predecessors' finishes + lag.

Total float = latest finish − earliest finish (days; negative when the promise is already out of
reach). The critical path is the unfinished tasks with the least float. When the projected finish
is after the promise, `days_missed` says by how much.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# Sane bounds for a network that people type: no single piece of work runs longer than ten years,
# no link waits or overlaps by more than ten years, and a project has at most 200 milestones. Any
# network inside them schedules to dates Python and both databases hold, from any day in the sane
# calendar (2000–2100).
DURATION_MAX = 3650
LAG_MAX = 3650
TASKS_MAX = 200


@dataclass(frozen=True)
class NetworkProblem:
    """Why a network cannot be scheduled. `code` is one of: duplicate, duration, lag, self,
    unknown_predecessor, cycle, empty, too_many, calendar (and syntax, for text that links.py cannot
    read). `key` is the milestone it is about (for a cycle: every milestone in it, in `keys`)."""

    code: str
    key: str = ""
    other: str = ""
    value: int = 0
    keys: tuple[str, ...] = ()

    def __str__(self) -> str:
        texts = {
            "duplicate": f"milestone {self.key!r} appears twice",
            "duration": f"{self.key}: duration must be from 0 to {DURATION_MAX} days ({self.value})",
            "lag": f"{self.key}: the lag after {self.other} must be from -{LAG_MAX} to {LAG_MAX} days ({self.value})",
            "self": f"{self.key}: a milestone cannot come after itself",
            "unknown_predecessor": f"{self.key}: unknown predecessor {self.other!r}",
            "cycle": f"the milestones depend on each other in a cycle: {', '.join(self.keys)}",
            "empty": "no milestones to schedule",
            "too_many": f"more than {TASKS_MAX} milestones ({self.value})",
            "calendar": "the dates fall outside the calendar",
            "syntax": f"{self.key}: the predecessors cannot be read",
        }
        return texts[self.code]


class ScheduleError(ValueError):
    """The network cannot be scheduled; `problems` says every reason (a cycle, an unknown predecessor …)."""

    def __init__(self, problems: list[NetworkProblem] | NetworkProblem):
        self.problems = list(problems) if isinstance(problems, list) else [problems]
        super().__init__("; ".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Link:
    """A finish-to-start dependency on `predecessor`, `lag` days after it finishes."""

    predecessor: str
    lag: int = 0


@dataclass(frozen=True)
class Task:
    key: str
    duration: int
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Actual:
    start: dt.date | None = None
    finish: dt.date | None = None


@dataclass(frozen=True)
class TaskSchedule:
    key: str
    latest_start: dt.date
    latest_finish: dt.date
    earliest_start: dt.date
    earliest_finish: dt.date
    float_days: int | None  # None for a finished task
    critical: bool
    done: bool
    started: bool


@dataclass
class Schedule:
    promised_finish: dt.date
    today: dt.date
    tasks: dict[str, TaskSchedule] = field(default_factory=dict)

    @property
    def projected_finish(self) -> dt.date:
        return max(t.earliest_finish for t in self.tasks.values())

    @property
    def days_missed(self) -> int:
        """By how many days the promise will be missed (0 when it can still be met)."""
        return max(0, (self.projected_finish - self.promised_finish).days)

    @property
    def feasible(self) -> bool:
        return self.days_missed == 0


def network_problems(tasks: Iterable[Task]) -> list[NetworkProblem]:
    """Everything that stops the network from being scheduled, in a stable order; empty when it can be."""
    problems: list[NetworkProblem] = []
    by_key: dict[str, Task] = {}
    for task in tasks:
        if task.key in by_key:
            problems.append(NetworkProblem("duplicate", task.key))
        by_key[task.key] = task
    if not by_key:
        return [NetworkProblem("empty")]
    if len(by_key) > TASKS_MAX:
        problems.append(NetworkProblem("too_many", value=len(by_key)))
    for task in by_key.values():
        if not 0 <= task.duration <= DURATION_MAX:
            problems.append(NetworkProblem("duration", task.key, value=task.duration))
        for link in task.links:
            if link.predecessor == task.key:
                problems.append(NetworkProblem("self", task.key))
            elif link.predecessor not in by_key:
                problems.append(NetworkProblem("unknown_predecessor", task.key, link.predecessor))
            if not -LAG_MAX <= link.lag <= LAG_MAX:
                problems.append(NetworkProblem("lag", task.key, link.predecessor, value=link.lag))
    if not _ordered(by_key):  # Tarjan's algorithm only for a network that has a cycle
        for cycle in _cycles(by_key):
            problems.append(NetworkProblem("cycle", cycle[0], keys=cycle))
    return problems


def _ordered(tasks: Mapping[str, Task]) -> bool:
    """True when every task can be put after its (known, other) predecessors: no cycle. Kahn's count, unsorted."""
    waiting = {key: {link.predecessor for link in t.links if link.predecessor in tasks and link.predecessor != key}
               for key, t in tasks.items()}  # fmt: skip
    successors: dict[str, list[str]] = {}
    for key, preds in waiting.items():
        for pred in preds:
            successors.setdefault(pred, []).append(key)
    ready = [key for key, preds in waiting.items() if not preds]
    done = 0
    while ready:
        key = ready.pop()
        done += 1
        for other in successors.get(key, ()):
            waiting[other].discard(key)
            if not waiting[other]:
                ready.append(other)
    return done == len(tasks)


def _cycles(tasks: Mapping[str, Task]) -> list[tuple[str, ...]]:
    """The milestones caught in each cycle (strongly connected parts of more than one), sorted.

    A milestone that merely waits on a cycle is not in it. Tarjan's algorithm, iteratively.
    """
    edges = {key: sorted({link.predecessor for link in t.links if link.predecessor in tasks
                          and link.predecessor != key}) for key, t in tasks.items()}  # fmt: skip
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[tuple[str, ...]] = []
    for root in sorted(tasks):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            if i < len(edges[node]):
                work.append((node, i + 1))
                nxt = edges[node][i]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                part = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    part.append(top)
                    if top == node:
                        break
                if len(part) > 1:
                    found.append(tuple(sorted(part)))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return sorted(found)


def topological_order(tasks: Mapping[str, Task]) -> list[str]:
    """Predecessors before successors (ties by key); ScheduleError with every problem otherwise."""
    problems = network_problems(tasks.values())
    if problems:
        raise ScheduleError(problems)
    return _order(tasks)


def _order(tasks: Mapping[str, Task]) -> list[str]:
    """`topological_order` of a network already checked."""
    waiting = {key: {link.predecessor for link in task.links} for key, task in tasks.items()}
    successors: dict[str, list[str]] = {key: [] for key in tasks}
    for key, preds in waiting.items():
        for pred in preds:
            successors[pred].append(key)
    ready = [key for key, preds in waiting.items() if not preds]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        key = heapq.heappop(ready)
        order.append(key)
        for other in successors[key]:
            waiting[other].discard(key)
            if not waiting[other]:
                heapq.heappush(ready, other)
    return order


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def schedule(
    tasks: Iterable[Task],
    promised_finish: dt.date,
    today: dt.date,
    actuals: Mapping[str, Actual] | None = None,
    *,
    checked: bool = False,
) -> Schedule:
    """Schedule the network backwards from `promised_finish` and forwards from `today`.

    Nothing may finish after the promise: every latest finish is at most `promised_finish`. `checked`: the
    caller has found no `network_problems` in these tasks already (they are not looked for again).
    """
    tasks = list(tasks)
    problems = [] if checked else network_problems(tasks)
    if problems:
        raise ScheduleError(problems)
    by_key = {task.key: task for task in tasks}
    try:
        return _schedule(by_key, promised_finish, today, actuals or {})
    except OverflowError:
        raise ScheduleError(NetworkProblem("calendar")) from None


def _schedule(by_key: dict[str, Task], promised_finish: dt.date, today: dt.date,
              actuals: Mapping[str, Actual]) -> Schedule:  # fmt: skip
    order = _order(by_key)
    successors: dict[str, list[tuple[str, int]]] = {key: [] for key in by_key}
    for task in by_key.values():
        for link in task.links:
            successors[link.predecessor].append((task.key, link.lag))

    latest_finish: dict[str, dt.date] = {}
    latest_start: dict[str, dt.date] = {}
    for key in reversed(order):
        finish = min((latest_start[s] - _days(lag) for s, lag in successors[key]), default=promised_finish)
        latest_finish[key] = min(finish, promised_finish)
        latest_start[key] = latest_finish[key] - _days(by_key[key].duration)

    earliest_start: dict[str, dt.date] = {}
    earliest_finish: dict[str, dt.date] = {}
    for key in order:
        task, actual = by_key[key], actuals.get(key, Actual())
        if actual.finish:
            start = actual.start or actual.finish - _days(task.duration)
            finish = actual.finish
        elif actual.start:
            start = actual.start
            finish = max(start + _days(task.duration), today)
        else:
            ready = max((earliest_finish[link.predecessor] + _days(link.lag) for link in task.links), default=today)
            start = max(ready, today)
            finish = start + _days(task.duration)
        earliest_start[key], earliest_finish[key] = start, finish

    floats = {
        key: (latest_finish[key] - earliest_finish[key]).days for key in order if not actuals.get(key, Actual()).finish
    }
    least = min(floats.values(), default=None)
    result = Schedule(promised_finish=promised_finish, today=today)
    for key in order:
        actual = actuals.get(key, Actual())
        result.tasks[key] = TaskSchedule(
            key=key,
            latest_start=latest_start[key],
            latest_finish=latest_finish[key],
            earliest_start=earliest_start[key],
            earliest_finish=earliest_finish[key],
            float_days=floats.get(key),
            critical=key in floats and floats[key] == least,
            done=actual.finish is not None,
            started=actual.start is not None or actual.finish is not None,
        )
    return result
