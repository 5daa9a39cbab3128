"""The level a project's milestones and promise give it (the schedule rules of `warnings.evaluate`), remembered per
project so that a write re-evaluates only the projects whose inputs changed.

A project's schedule level is a function of its promised date, its milestone rows, the day and two thresholds (red
overdue days, yellow float days) — nothing else: the completion rule and the other parts' red reasons are read
fresh and set-based by the caller (`warnings._special`). A request reads, in one grouped query, each project's
promise and every milestone's fields that the rules read, joined into one text per project by the database, and
digests it (`fingerprints`); one cache entry per (day, thresholds) holds {project id: (digest, level)}. Only the
projects whose digest is not there are scheduled again (`evaluate_schedules`, from their full rows), and the entry
is written back. The entry holds no figures and no names — only levels under digests of the inputs — so every
scope and every user shares it: what a user sees is still decided by the query that chose the projects. A stale or
lost entry (two processes writing it at once, the cache culling it, a rolled-back test) only costs evaluations,
never a wrong level.

When the day turns every project with milestones is evaluated once (about 2 s for the province's 9,700 on SQLite):
`warm` (the worker's daily job at 00:05, `guatu.schedules.jobs`; or `guatu warnings --warm`) does that before the
first request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connections

from guatu.core.cache_config import TIMEOUT

# Raise when the rules or what they read change: every remembered level is then evaluated again.
VERSION = 1
CHUNK = 5000  # project ids per query when many are evaluated again (SQLite's bound on parameters)
ROW, FIELD = "\x1e", "\x1f"  # separators of the fingerprint text (keys, links, numbers and dates never hold them)


def memo_key(as_of: dt.date, red_overdue_days: int, yellow_float_days: int) -> str:
    """The cache entry of the schedule levels of every project on `as_of` under these two thresholds."""
    return f"guatu:plan-levels:v{VERSION}:{as_of.isoformat()}:{red_overdue_days}:{yellow_float_days}"


def _fingerprint_sql(connection, ids_sql: str) -> str:
    """One row per project with milestones among `ids_sql` (a subquery of ids): id, promise, and the text of its
    milestones' fields that the rules read (all but the name and the note, which only word the reasons; the
    baseline is not read): id, key, order, duration, predecessors, planned date, actual start and finish."""
    from guatu.projects.models import Project
    from guatu.schedules.models import Milestone

    q = connection.ops.quote_name
    sep = f"CHR({ord(FIELD)})" if connection.vendor == "postgresql" else f"CHAR({ord(FIELD)})"
    rows = f"CHR({ord(ROW)})" if connection.vendor == "postgresql" else f"CHAR({ord(ROW)})"
    agg = "STRING_AGG" if connection.vendor == "postgresql" else "GROUP_CONCAT"
    text = lambda column: f"COALESCE(CAST(m.{q(column)} AS TEXT), '')"  # noqa: E731
    columns = ["id", "key", "order", "duration_days", "predecessors", "planned_finish", "actual_start",
               "actual_finish"]  # fmt: skip
    row = f" || {sep} || ".join(text(c) for c in columns)
    return (f"SELECT m.project_id, CAST(p.planned_completion AS TEXT), {agg}({row}, {rows}) "
            f"FROM {q(Milestone._meta.db_table)} m JOIN {q(Project._meta.db_table)} p ON p.id = m.project_id "
            f"WHERE m.project_id IN ({ids_sql}) GROUP BY m.project_id, p.planned_completion")  # fmt: skip


def fingerprints(projects) -> dict[int, bytes]:
    """For each project of a queryset that has milestones: a digest of everything its schedule level depends on
    (its promise, its milestones' rows in any order — the rows carry their order and id), in one query."""
    connection = connections[projects.db]
    try:
        ids_sql, params = projects.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # a user who sees nothing (`.none()`): no SQL to run
        return {}
    with connection.cursor() as cursor:
        cursor.execute(_fingerprint_sql(connection, ids_sql), params)
        found = cursor.fetchall()
    digest = lambda text: hashlib.blake2b(text.encode(), digest_size=16).digest()  # noqa: E731
    return {pk: digest(f"{promise}{ROW}{ROW}{ROW.join(sorted(text.split(ROW)))}") for pk, promise, text in found}


def evaluate_schedules(projects, as_of: dt.date, rules) -> dict[int, str]:
    """Schedule the projects of a queryset from their full rows (`light_plans`) and give the level the schedule
    rules alone give each (no completion rule, no other parts' reasons)."""
    from guatu.schedules.plans import light_plans
    from guatu.schedules.warnings import evaluate

    return {
        plan.project.pk: str(evaluate(plan, None, Decimal(0), rules).level) for plan in light_plans(projects, as_of)
    }


def schedule_levels(projects, as_of: dt.date, rules) -> dict[int, str]:
    """For the projects of a queryset that have milestones: the level their schedule gives them on `as_of` under
    `rules` (a project without milestones is not there: the schedule rules never flag it). Only the projects
    whose inputs are not remembered are evaluated."""
    found = fingerprints(projects)
    key = memo_key(as_of, rules.red_overdue_days, rules.yellow_float_days)
    memo: dict[int, tuple[bytes, str]] = cache.get(key) or {}
    levels: dict[int, str] = {}
    stale: list[int] = []
    for pk, digest in found.items():
        known = memo.get(pk)
        if known is not None and known[0] == digest:
            levels[pk] = known[1]
        else:
            stale.append(pk)
    if stale:
        if len(stale) > len(found) // 2:  # the day turned, or nothing was remembered: the whole set, filtered
            fresh = evaluate_schedules(projects, as_of, rules)
        else:
            from guatu.projects.models import Project

            fresh = {}
            for start in range(0, len(stale), CHUNK):
                fresh.update(evaluate_schedules(Project.objects.filter(pk__in=stale[start : start + CHUNK]),
                                                as_of, rules))  # fmt: skip
        for pk in stale:
            levels[pk] = fresh[pk]
            memo[pk] = (found[pk], fresh[pk])
        cache.set(key, memo, TIMEOUT)
    return levels


def warm(as_of: dt.date) -> dict[str, int]:
    """Evaluate the schedule levels of every project with milestones on `as_of`, under the default thresholds (the
    province's, and every region's without a policy) and each region's own — what the first request of a day
    would otherwise do. Returns {"overdue days/float days": projects with milestones under those thresholds}."""
    from guatu.projects.models import Project
    from guatu.projects.scope import Scope
    from guatu.schedules.models import Milestone, WarningPolicy
    from guatu.schedules.warnings import policy_for

    scopes = [Scope()] + [Scope(region=p.region) for p in WarningPolicy.objects.select_related("region")
                          if p.region_id]  # fmt: skip
    done: dict[str, int] = {}
    for scope in scopes:
        rules = policy_for(scope)
        projects = scope.apply(Project.objects.all(), as_of.year)
        levels = schedule_levels(projects.filter(pk__in=Milestone.objects.values("project_id")), as_of, rules)
        label = f"{rules.red_overdue_days}/{rules.yellow_float_days}"
        done[label] = max(done.get(label, 0), len(levels))
    return done
