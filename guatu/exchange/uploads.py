"""Uploaded files kept between the preview and the commit, under the data directory.

An upload larger than GUATU_UPLOAD_MAX_MB is refused before its body is read (Content-Length) or,
when the length lies or is absent, as soon as the bytes counted pass the limit. Uploads that were
never committed are removed after GUATU_UPLOAD_RETENTION_HOURS (on every new upload and when a
worker starts), and their jobs say so.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils.translation import gettext as _

ALLOWED = (".xlsx", ".xlsm", ".csv", ".xls")
MULTIPART_SLACK = 64 * 1024  # the form's other fields and boundaries around the file


def max_bytes() -> int:
    return settings.GUATU_UPLOAD_MAX_BYTES


def too_large_message(size: int | None = None) -> str:
    limit = max_bytes() // 1024 // 1024
    if size is None:
        return _("The file is larger than the %(limit)s MB an upload may have; split it.") % {"limit": limit}
    return _("The file (%(size)s MB) is larger than the %(limit)s MB an upload may have; split it.") % {
        "size": f"{size / 1024 / 1024:.0f}",
        "limit": limit,
    }


def declared_too_large(request) -> bool:
    """The request says (Content-Length) that its body is larger than any allowed upload."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > max_bytes() + MULTIPART_SLACK


class LimitedUploadHandler(FileUploadHandler):
    """Stops reading an upload past the limit and marks the request (`upload_too_large`), so the
    view answers 413 with a clear message instead of storing a huge file."""

    def __init__(self, request=None) -> None:
        super().__init__(request)
        self.received = 0

    def _stop(self) -> None:
        if self.request is not None:
            self.request.upload_too_large = True
        raise StopUpload(connection_reset=True)

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length and content_length > max_bytes() + MULTIPART_SLACK:
            self._stop()

    def receive_data_chunk(self, raw_data, start):
        self.received = start + len(raw_data)
        if self.received > max_bytes():
            self._stop()
        return raw_data

    def file_complete(self, file_size):
        return None


def upload_dir() -> Path:
    path = Path(settings.DATA_DIR) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_upload(uploaded) -> Path:
    """Store the upload under a random name (the original name's extension kept); size-checked.
    Expired uploads are removed first."""
    remove_expired()
    suffix = Path(uploaded.name).suffix.lower()
    if suffix not in ALLOWED:
        raise ValueError(_("%(file)s: use .xlsx or .csv") % {"file": uploaded.name})
    if uploaded.size > max_bytes():
        raise ValueError(f"{uploaded.name}: {too_large_message(uploaded.size)}")
    token = uuid.uuid4().hex
    path = upload_dir() / f"{token}{suffix}"
    with path.open("wb") as fh:
        for chunk in uploaded.chunks():
            fh.write(chunk)
    (upload_dir() / f"{token}.name").write_text(uploaded.name, encoding="utf-8")
    return path


def find_upload(token: str) -> tuple[Path, str] | None:
    if not re.fullmatch(r"[0-9a-f]{32}", token or ""):
        return None
    for suffix in ALLOWED:
        path = upload_dir() / f"{token}{suffix}"
        if path.exists():
            name_file = upload_dir() / f"{token}.name"
            return path, name_file.read_text(encoding="utf-8") if name_file.exists() else path.name
    return None


def discard(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.with_suffix(".name").unlink(missing_ok=True)


def remove_expired(now: float | None = None) -> int:
    """Remove the uploads older than the retention time that no running job is reading; their
    waiting or previewed jobs fail with the reason. Returns how many uploads were removed."""
    from guatu.exchange.models import ImportJob

    hours = settings.GUATU_UPLOAD_RETENTION_HOURS
    cutoff = (now or time.time()) - hours * 3600
    expired: dict[str, list[Path]] = {}
    for path in upload_dir().iterdir():
        if re.fullmatch(r"[0-9a-f]{32}", path.stem) and path.stat().st_mtime < cutoff:
            expired.setdefault(path.stem, []).append(path)
    if not expired:
        return 0
    running = set(
        ImportJob.objects.filter(token__in=expired, status__in=ImportJob.RUNNING).values_list("token", flat=True)
    )
    tokens = [t for t in expired if t not in running]
    for token in tokens:
        for path in expired[token]:
            path.unlink(missing_ok=True)
    ImportJob.objects.filter(token__in=tokens, status__in=[ImportJob.Status.QUEUED, ImportJob.Status.PREVIEWED]).update(
        status=ImportJob.Status.FAILED,
        error=_("The upload was removed after %(hours)s hours without being imported; upload it again.")
        % {"hours": hours},
        updated_at=dt.datetime.now(dt.UTC),
    )
    return len(tokens)
