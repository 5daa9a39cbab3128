"""Uploaded files kept between the preview and the commit, under the data directory."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from django.conf import settings

ALLOWED = (".xlsx", ".xlsm", ".csv", ".xls")
MAX_BYTES = 200 * 1024 * 1024


def upload_dir() -> Path:
    path = Path(settings.DATA_DIR) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_upload(uploaded) -> Path:
    """Store the upload under a random name (the original name's extension kept); size-checked."""
    suffix = Path(uploaded.name).suffix.lower()
    if suffix not in ALLOWED:
        raise ValueError(f"{uploaded.name}: use .xlsx or .csv")
    if uploaded.size > MAX_BYTES:
        raise ValueError(f"{uploaded.name}: larger than {MAX_BYTES // 1024 // 1024} MB")
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
