"""Checking a milestone network where it is written, in words a person reads (names, not keys).

`backward.network_problems` finds what stops a network from being scheduled; this module runs it
on the rows a form, the API, the admin or an action is about to write, and says each problem
in the UI language, naming milestones by name. Every way in calls `check_rows` before writing,
and `actions.save_network` checks the stored result again inside its transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from guatu.schedules.backward import DURATION_MAX, LAG_MAX, TASKS_MAX, NetworkProblem, Task, network_problems
from guatu.schedules.links import parse_links


@dataclass(frozen=True)
class Row:
    """One milestone (or template step) as it would be stored."""

    key: str
    name: str
    duration_days: int
    predecessors: str

    @classmethod
    def of(cls, obj) -> Row:
        return cls(obj.key, obj.name or obj.key, obj.duration_days, obj.predecessors or "")


def describe(problem: NetworkProblem, names: dict[str, str]) -> str:
    """One problem in words, with milestones named as people know them (a cycle in `names`' order)."""
    name = names.get(problem.key, problem.key)
    other = names.get(problem.other, problem.other)
    texts = {
        "duplicate": _("“%(name)s” appears twice."),
        "duration": _("%(name)s: the duration must be from 0 to %(max)s days, not %(value)s."),
        "lag": _("%(name)s: the lag after %(other)s must be from -%(max_lag)s to %(max_lag)s days, not %(value)s."),
        "self": _("%(name)s cannot come after itself."),
        "unknown_predecessor": _("%(name)s comes after “%(other)s”, which is not a milestone of this project."),
        "cycle": _("These milestones wait on each other in a circle, so none can start: %(cycle)s."),
        "empty": _("There are no milestones to schedule."),
        "too_many": _("At most %(max_tasks)s milestones (%(value)s)."),
        "calendar": _("The dates fall outside the calendar."),
    }
    cycle = sorted(problem.keys, key=list(names).index)
    return texts[problem.code] % {
        "name": name, "other": other, "value": problem.value, "max": DURATION_MAX, "max_lag": LAG_MAX,
        "max_tasks": TASKS_MAX, "cycle": " → ".join(names.get(k, k) for k in cycle),
    }  # fmt: skip


def problems_of(rows: Iterable[Row]) -> tuple[list[tuple[NetworkProblem, str]], dict[str, str]]:
    """Each problem with its text; a predecessor text that does not parse is reported as such."""
    rows = list(rows)
    names = {r.key: r.name for r in rows}
    found: list[tuple[NetworkProblem, str]] = []
    tasks = []
    for r in rows:
        try:
            links = parse_links(r.predecessors)
        except ValueError as exc:
            found.append((NetworkProblem("syntax", r.key), f"{r.name}: {exc}"))
            links = ()
        tasks.append(Task(r.key, r.duration_days, links))
    if tasks:
        found += [(p, describe(p, names)) for p in network_problems(tasks)]
    return found, names


def check_rows(rows: Iterable[Row]) -> None:
    """ValidationError listing every reason the network cannot be scheduled (an empty one is fine)."""
    found, _names = problems_of(rows)
    if found:
        raise ValidationError([text for _p, text in found])


def dependants(rows: Iterable[Row], keys: set[str]) -> dict[str, list[str]]:
    """For each key in `keys`, the names of the other rows that come after it."""
    result: dict[str, list[str]] = {}
    for r in rows:
        if r.key in keys:
            continue
        try:
            links = parse_links(r.predecessors)
        except ValueError:
            continue
        for link in links:
            if link.predecessor in keys:
                result.setdefault(link.predecessor, []).append(r.name)
    return result


def refuse_removal(rows: Iterable[Row], removing: Iterable[Row]) -> None:
    """ValidationError if a row that stays depends on one being removed (remove the link first)."""
    rows, removing = list(rows), list(removing)
    gone = {r.key for r in removing}
    names = {r.key: r.name for r in removing}
    waiting = dependants(rows, gone)
    if waiting:
        raise ValidationError([
            _("%(name)s cannot be removed: %(others)s come after it. Remove those links first.") % {
                "name": names[key], "others": "、".join(others)}
            for key, others in waiting.items()
        ])  # fmt: skip
