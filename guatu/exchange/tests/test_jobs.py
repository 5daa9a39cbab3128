"""Background jobs: a dead worker's job is failed when a worker starts, any exception fails the job
with a message, uploads past the size limit are refused before they are read, expired uploads go."""

import os
import socket
import subprocess
import sys
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from guatu.exchange.jobs import recover_jobs, run_import
from guatu.exchange.models import ImportJob
from guatu.exchange.uploads import remove_expired, save_upload, upload_dir

pytestmark = pytest.mark.django_db


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_job_left_running_by_a_dead_worker_is_failed_when_a_worker_starts(demo_user):
    host = socket.gethostname()

    def job(token: str, status: str, worker: str) -> ImportJob:
        return ImportJob.objects.create(token=token * 32, file_name=f"{token}.csv", status=status, worker=worker)

    dead = job("a", "committing", f"{host}:{dead_pid()}")
    alive = job("b", "reading", f"{host}:{os.getppid()}")
    elsewhere = job("c", "reading", "other-host:1")
    assert recover_jobs() == 1
    dead.refresh_from_db()
    assert dead.status == "failed" and "未写入任何数据" in dead.error
    assert ImportJob.objects.get(pk=alive.pk).status == "reading"
    assert ImportJob.objects.get(pk=elsewhere.pk).status == "reading"


def test_any_exception_in_a_job_fails_it_with_a_message(demo_user, monkeypatch):
    path = save_upload(SimpleUploadedFile("x.csv", "项目代码,年份,年度计划投资\n".encode()))
    job = ImportJob.objects.create(token=path.stem, file_name="x.csv", requested_by=demo_user)

    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("guatu.exchange.jobs.import_file", boom)
    run_import.enqueue(job.pk, False)
    job.refresh_from_db()
    assert job.status == "failed" and "RuntimeError: disk on fire" in job.error


@override_settings(GUATU_UPLOAD_MAX_BYTES=1000)
def test_an_upload_past_the_limit_is_refused_with_413_on_the_page_and_the_api(demo_client):
    big = "项目代码,年份,年度计划投资\n" + "X,2026,1\n" * 20_000
    page = demo_client.post("/imports/", {"file": SimpleUploadedFile("大.csv", big.encode())})
    assert page.status_code == 413 and "超过上传上限" in page.content.decode()
    api = demo_client.post("/api/v1/imports/", {"file": SimpleUploadedFile("大.csv", big.encode())})
    assert api.status_code == 413 and "超过上传上限" in api.json()["detail"]
    assert not ImportJob.objects.filter(file_name="大.csv").exists()


@override_settings(GUATU_UPLOAD_RETENTION_HOURS=24)
def test_uploads_not_committed_are_removed_after_the_retention_time(demo_user):
    old = save_upload(SimpleUploadedFile("old.csv", b"a,b\n"))
    fresh = save_upload(SimpleUploadedFile("new.csv", b"a,b\n"))
    job = ImportJob.objects.create(token=old.stem, file_name="old.csv", status="previewed", requested_by=demo_user)
    day_ago = time.time() - 25 * 3600
    for path in (old, old.with_suffix(".name")):
        os.utime(path, (day_ago, day_ago))
    assert remove_expired() == 1
    assert not old.exists() and fresh.exists() and not (upload_dir() / f"{old.stem}.name").exists()
    job.refresh_from_db()
    assert job.status == "failed" and "24小时内未导入" in job.error
