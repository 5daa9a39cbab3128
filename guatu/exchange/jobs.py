"""Imports as background jobs: the page queues one, a worker runs it, the page polls its row."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django_tasks import task

from guatu.exchange.importer import ImportError_, import_file
from guatu.exchange.models import ImportJob
from guatu.exchange.reader import UnreadableFile
from guatu.exchange.uploads import discard, find_upload


def _progress(job: ImportJob):
    def report(rows: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(rows_read=rows)

    return report


@task()
def run_import(job_id: int, commit: bool) -> None:
    """Read and check the uploaded file (a preview), or commit it."""
    job = ImportJob.objects.get(pk=job_id)
    found = find_upload(job.token)
    if found is None:
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED, error="the uploaded file is gone")
        return
    path, name = found
    status = ImportJob.Status.COMMITTING if commit else ImportJob.Status.READING
    ImportJob.objects.filter(pk=job.pk).update(status=status, rows_read=0)
    user = get_user_model().objects.filter(pk=job.requested_by_id).first()
    try:
        preview = import_file(path, job.kind or None, dry_run=not commit, progress=_progress(job), acting_user=user,
                              name=name)  # fmt: skip
    except (ImportError_, UnreadableFile) as exc:
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED, error=str(exc))
        discard(path)
        return
    done = ImportJob.Status.COMMITTED if preview.committed else ImportJob.Status.PREVIEWED
    ImportJob.objects.filter(pk=job.pk).update(status=done, kind=preview.kind, preview=preview.as_json(),
                                                rows_read=preview.rows)  # fmt: skip
    if preview.committed:
        discard(path)
