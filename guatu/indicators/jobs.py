"""Indicator values imported from the import page: the same background job as every other import
(`guatu.exchange.models.ImportJob`, polled by its page), run through the indicator importer.

Reading is a dry run whose preview the page shows; confirming runs it again for real, all or
nothing, as the user who uploaded it — within their scope, with the change record naming them.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django_tasks import task

from guatu.exchange.jobs import run_guarded, worker_id
from guatu.exchange.models import ImportJob
from guatu.exchange.uploads import discard, find_upload
from guatu.indicators.importer import ImportFileError, import_values, may_import

KIND = "indicators"


def _update(job: ImportJob, **fields) -> None:
    ImportJob.objects.filter(pk=job.pk).update(**fields)


@task()
def run_indicator_import(job_id: int, commit: bool) -> None:
    """Preview (or commit) an uploaded sheet of indicator values; never leaves the job running."""
    run_guarded(job_id, lambda job: _run(job, commit))


def _run(job: ImportJob, commit: bool) -> None:
    found = find_upload(job.token)
    if found is None:
        _update(job, status=ImportJob.Status.FAILED, error=_("The uploaded file is gone; upload it again."))
        return
    path, name = found
    _update(job, status=ImportJob.Status.COMMITTING if commit else ImportJob.Status.READING, rows_read=0,
            worker=worker_id(), error="")  # fmt: skip
    user = get_user_model().objects.filter(pk=job.requested_by_id).first()
    if commit and not may_import(user):
        _update(job, status=ImportJob.Status.FAILED, error=_("You may not import %(kind)s.") % {"kind": KIND})
        return

    def progress(rows: int) -> None:
        _update(job, rows_read=rows)

    try:
        report = import_values(path, dry_run=not commit, user=user, name=name, progress=progress)
    except ImportFileError as exc:
        _update(job, status=ImportJob.Status.FAILED, error=str(exc))
        discard(path)
        return
    done = ImportJob.Status.COMMITTED if report.committed else ImportJob.Status.PREVIEWED
    _update(job, status=done, kind=KIND, preview=report.as_preview(), rows_read=report.rows)
    if report.committed:
        discard(path)
