"""The daily warm-up as a background job: just after midnight the worker evaluates the new day's schedule levels
(`plan_levels.warm`, what `guatu warnings --warm` does) so that the first battle map or warnings page of the day
does not, and queues the next day's. `guatu worker` queues the first one when it starts (once: a warm-up already
waiting is not queued again), so a site with a worker needs no cron line.

On a task backend that cannot hold a job until a given time (the tests' immediate backend), nothing is queued."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

AFTER_MIDNIGHT = dt.time(0, 5)  # local time: a few minutes into the day


def next_run(now: dt.datetime | None = None) -> dt.datetime:
    """The next AFTER_MIDNIGHT in the site's time zone (today's when it is still ahead)."""
    now = timezone.localtime(now)
    day = now.date() if now.time() < AFTER_MIDNIGHT else now.date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, AFTER_MIDNIGHT, tzinfo=now.tzinfo)


def _waiting() -> bool:
    """Is a warm-up queued and not yet taken (only the database backend can tell; others: no)?"""
    from django_tasks import TaskResultStatus
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(warm_warnings.get_backend(), DatabaseBackend):
        return False

    return DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path=warm_warnings.module_path).exists()


def queue_daily_warm(now: dt.datetime | None = None) -> dt.datetime | None:
    """Queue the warm-up for the next AFTER_MIDNIGHT unless one is waiting; returns when it will run (None: not
    queued — one is waiting, or the backend cannot defer a job)."""
    if not warm_warnings.get_backend().supports_defer or _waiting():
        return None
    when = next_run(now)
    warm_warnings.using(run_after=when).enqueue(when.date().isoformat())
    return when


@task()
def warm_warnings(day: str) -> dict[str, int]:
    """Evaluate `day`'s schedule levels (every project with milestones, under each set of thresholds), then queue
    the next day's. Returns {"overdue days/float days": projects evaluated}."""
    from guatu.schedules.plan_levels import warm

    done = warm(dt.date.fromisoformat(day))
    queue_daily_warm()
    return done
