"""The warning levels' daily warm-up as a background job: queued for a few minutes past the next midnight, once,
and queuing the next day's when it has run; nothing queued where jobs cannot wait (the immediate backend)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings
from django_tasks import TaskResultStatus

from guatu.schedules import jobs
from guatu.schedules.models import Milestone

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queued():
    from django_tasks_db.models import DBTaskResult

    return list(DBTaskResult.objects.filter(task_path=jobs.warm_warnings.module_path).order_by("run_after"))


def test_the_next_run_is_five_past_the_coming_midnight_in_the_sites_time_zone():
    assert jobs.next_run(dt.datetime(2024, 11, 30, 10, 0, tzinfo=SHANGHAI)) == dt.datetime(2024, 12, 1, 0, 5,
                                                                                          tzinfo=SHANGHAI)  # fmt: skip
    assert jobs.next_run(dt.datetime(2024, 11, 30, 0, 1, tzinfo=SHANGHAI)).date() == dt.date(2024, 11, 30)
    utc_evening = dt.datetime(2024, 11, 30, 17, 0, tzinfo=dt.UTC)  # already 01:00 on 12-01 in Quzhou
    assert jobs.next_run(utc_evening) == dt.datetime(2024, 12, 2, 0, 5, tzinfo=SHANGHAI)


@override_settings(TASKS=DATABASE_BACKEND)
def test_the_worker_queues_one_warm_up_and_not_a_second_while_it_waits():
    now = dt.datetime(2024, 11, 30, 10, 0, tzinfo=SHANGHAI)
    assert jobs.queue_daily_warm(now) == dt.datetime(2024, 12, 1, 0, 5, tzinfo=SHANGHAI)
    assert jobs.queue_daily_warm(now) is None
    (job,) = queued()
    assert job.status == TaskResultStatus.READY and job.run_after == dt.datetime(2024, 12, 1, 0, 5, tzinfo=SHANGHAI)
    assert job.args_kwargs["args"] == ["2024-12-01"]


@override_settings(TASKS=DATABASE_BACKEND)
def test_a_warm_up_evaluates_the_days_levels_and_queues_the_next_days():
    jobs.queue_daily_warm()
    (waiting,) = queued()
    waiting.status = TaskResultStatus.RUNNING  # the worker took it
    waiting.save()
    done = jobs.warm_warnings.call("2024-11-30")
    assert done == {"30/15": Milestone.objects.values("project_id").distinct().count()}
    assert done["30/15"] > 100  # the demo's projects with milestones
    ready = [job for job in queued() if job.status == TaskResultStatus.READY]
    assert len(ready) == 1 and ready[0].pk != waiting.pk and ready[0].run_after == jobs.next_run()


def test_where_jobs_cannot_wait_nothing_is_queued():
    assert jobs.queue_daily_warm() is None  # the tests' immediate backend would run it at once, and again …
