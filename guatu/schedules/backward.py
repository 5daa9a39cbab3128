"""倒排工期: backward (ALAP) and forward (ASAP) scheduling of a milestone network. No Django.

Conventions — calendar days, finish-to-start links with an optional lag:
- a task that starts on day S and lasts D days finishes on S + D (a milestone event has D = 0);
- a successor may start on its predecessor's finish + lag (lag may be negative: overlap).

Backward pass (the 倒排 dates): every task with no successor must finish by the promised date;
a task's latest finish is the earliest of (successor's latest start − lag). Latest start =
latest finish − duration.

Forward pass (where things really stand): a finished task sits at its actual dates; a started
one runs from its actual start and cannot finish before `today`; a task not started cannot start
before `today` nor before its predecessors' finishes + lag.

Total float = latest finish − earliest finish (days; negative when the promise is already out of
reach). The critical path is the unfinished tasks with the least float. When the projected finish
is after the promise, `days_missed` says by how much.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


class ScheduleError(ValueError):
    """The network cannot be scheduled (a cycle, an unknown predecessor, a bad duration)."""


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


def topological_order(tasks: Mapping[str, Task]) -> list[str]:
    """Predecessors before successors; a clear error for unknown predecessors and cycles."""
    for task in tasks.values():
        if task.duration < 0:
            raise ScheduleError(f"{task.key}: duration must not be negative ({task.duration})")
        for link in task.links:
            if link.predecessor not in tasks:
                raise ScheduleError(f"{task.key}: unknown predecessor {link.predecessor!r}")
    waiting = {key: {link.predecessor for link in task.links} for key, task in tasks.items()}
    order: list[str] = []
    ready = sorted(key for key, preds in waiting.items() if not preds)
    while ready:
        key = ready.pop(0)
        order.append(key)
        for other, preds in waiting.items():
            if key in preds:
                preds.discard(key)
                if not preds and other not in order and other not in ready:
                    ready.append(other)
        ready.sort()
    if len(order) < len(tasks):
        cyclic = sorted(set(tasks) - set(order))
        raise ScheduleError(f"the milestones depend on each other in a cycle: {', '.join(cyclic)}")
    return order


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def schedule(
    tasks: Iterable[Task],
    promised_finish: dt.date,
    today: dt.date,
    actuals: Mapping[str, Actual] | None = None,
) -> Schedule:
    """Schedule the network backwards from `promised_finish` and forwards from `today`."""
    by_key: dict[str, Task] = {}
    for task in tasks:
        if task.key in by_key:
            raise ScheduleError(f"milestone {task.key!r} appears twice")
        by_key[task.key] = task
    if not by_key:
        raise ScheduleError("no milestones to schedule")
    actuals = actuals or {}
    order = topological_order(by_key)
    successors: dict[str, list[tuple[str, int]]] = {key: [] for key in by_key}
    for task in by_key.values():
        for link in task.links:
            successors[link.predecessor].append((task.key, link.lag))

    latest_finish: dict[str, dt.date] = {}
    latest_start: dict[str, dt.date] = {}
    for key in reversed(order):
        finish = min((latest_start[s] - _days(lag) for s, lag in successors[key]), default=promised_finish)
        latest_finish[key] = finish
        latest_start[key] = finish - _days(by_key[key].duration)

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
