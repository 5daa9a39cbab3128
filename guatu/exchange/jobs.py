"""Imports as background jobs: the page or the API queues one, a worker runs it, the page polls its row.

A job records which worker (host:pid) runs it. When a worker starts (`guatu worker`), jobs left
reading or committing by a worker that is gone are marked failed — the commit is one transaction,
so a worker killed mid-commit wrote nothing — and expired uploads are removed. Any exception in a
job marks it failed with a message; none leaves it stuck.
"""

from __future__ import annotations

import logging
import os
import socket

from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from guatu.exchange.importer import ImportError_, import_file
from guatu.exchange.models import ImportJob
from guatu.exchange.permissions import may_import
from guatu.exchange.reader import UnreadableFile
from guatu.exchange.uploads import discard, find_upload, remove_expired

logger = logging.getLogger(__name__)


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _update(job: ImportJob, **fields) -> None:
    ImportJob.objects.filter(pk=job.pk).update(**fields)


def _progress(job: ImportJob):
    def report(rows: int) -> None:
        _update(job, rows_read=rows)

    return report


@task()
def run_import(job_id: int, commit: bool) -> None:
    """Read and check the uploaded file (a preview), or commit it; never leaves the job running."""
    run_guarded(job_id, lambda job: _run(job, commit or job.commit_requested))


def run_guarded(job_id: int, run) -> None:
    """Run `run(job)` in the uploader's language; whatever goes wrong, the job ends failed with a message."""
    job = ImportJob.objects.get(pk=job_id)
    with translation.override(job.language or None):
        try:
            run(job)
        except Exception as exc:  # a job must end failed with a message, whatever went wrong
            logger.exception("import job %s (%s) failed", job.pk, job.kind)
            reason = _("The import stopped on an unexpected error (%(error)s); nothing was written.")
            _update(job, status=ImportJob.Status.FAILED, error=reason % {"error": f"{type(exc).__name__}: {exc}"})


def _run(job: ImportJob, commit: bool) -> None:
    found = find_upload(job.token)
    if found is None:
        _update(job, status=ImportJob.Status.FAILED, error=_("The uploaded file is gone; upload it again."))
        return
    path, name = found
    status = ImportJob.Status.COMMITTING if commit else ImportJob.Status.READING
    _update(job, status=status, rows_read=0, worker=worker_id(), error="")
    user = get_user_model().objects.filter(pk=job.requested_by_id).first()
    if commit and job.kind and not may_import(user, job.kind):
        _update(job, status=ImportJob.Status.FAILED, error=_("You may not import %(kind)s.") % {"kind": job.kind})
        return
    from guatu.exchange import registry

    if job.kind in registry.REGISTRY:  # another part's sheet (招商, 基金, 科创, 安全 …)
        try:
            kind_preview = registry.import_kind(path, job.kind, user=user, commit=commit, label=name)
        except (ImportError_, UnreadableFile) as exc:
            _update(job, status=ImportJob.Status.FAILED, error=str(exc))
            discard(path)
            return
        done = ImportJob.Status.COMMITTED if kind_preview.committed else ImportJob.Status.PREVIEWED
        _update(job, status=done, preview=kind_preview.as_job_json(), rows_read=kind_preview.rows)
        if kind_preview.committed:
            discard(path)
        return
    try:
        # With the kind unknown, read first: who may commit depends on what the file holds.
        preview = import_file(path, job.kind or None, dry_run=not (commit and job.kind), progress=_progress(job),
                              acting_user=user, name=name)  # fmt: skip
        if commit and not job.kind and preview.can_commit:
            if not may_import(user, preview.kind):
                _update(job, status=ImportJob.Status.FAILED, kind=preview.kind, preview=preview.as_json(),
                        error=_("You may not import %(kind)s.") % {"kind": preview.kind})  # fmt: skip
                return
            preview = import_file(path, preview.kind, progress=_progress(job), acting_user=user, name=name)
    except (ImportError_, UnreadableFile) as exc:
        _update(job, status=ImportJob.Status.FAILED, error=str(exc))
        discard(path)
        return
    done = ImportJob.Status.COMMITTED if preview.committed else ImportJob.Status.PREVIEWED
    _update(job, status=done, kind=preview.kind, preview=preview.as_json(), rows_read=preview.rows)
    if preview.committed:
        discard(path)


def job_may_commit(job: ImportJob) -> bool:
    """A previewed file with something to write and no errors (permissions aside)."""
    preview = job.preview or {}
    return job.status == ImportJob.Status.PREVIEWED and bool(preview.get("can_commit"))


def commit_refusal(job: ImportJob) -> str:
    """Why a job cannot be committed, in words."""
    preview = job.preview or {}
    if job.status == ImportJob.Status.COMMITTED:
        return _("This file has been imported already.")
    if job.status != ImportJob.Status.PREVIEWED:
        return _("Only a previewed file can be imported (this job is %(status)s).") % {
            "status": job.get_status_display()
        }
    if preview.get("errors_total"):
        return _("Only a previewed file without errors can be imported.")
    return _("Nothing to import: every row is already as stored.")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover_jobs() -> int:
    """Mark failed the jobs left reading or committing by a worker on this host that is gone
    (or by no recorded worker). Jobs of workers on other hosts are theirs to recover.
    Returns how many jobs were marked."""
    host = socket.gethostname()
    me = os.getpid()
    stale = []
    for pk, worker in ImportJob.objects.filter(status__in=ImportJob.RUNNING).values_list("pk", "worker"):
        job_host, _sep, pid = worker.rpartition(":")
        if not worker or (job_host == host and pid.isdigit() and (int(pid) == me or not _alive(int(pid)))):
            stale.append(pk)
    if stale:
        ImportJob.objects.filter(pk__in=stale).update(
            status=ImportJob.Status.FAILED,
            error=_("The worker stopped while this import was running; nothing was written. Try again."),
        )
    return len(stale)


def start_worker() -> tuple[int, int]:
    """What a worker does before it takes jobs: recover jobs of dead workers, remove expired uploads."""
    return recover_jobs(), remove_expired()
