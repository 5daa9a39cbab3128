"""Static files as a browser should get them: fingerprinted names, compressed, cached for a year.

`collect()` (run by `guatu serve` and `guatu demo` before serving) copies every static file into
STATIC_ROOT under a name carrying a hash of its content (app.css → app.3f9c1e2b7a10.css), writes a
gzip and a brotli copy next to each, and a manifest the `{% static %}` tag reads. WhiteNoise then
serves the hashed names with `Cache-Control: max-age=315360000, immutable` and the compressed copy
the browser accepts. A change to a file changes its name, so a year-long cache is never stale.

It is fast when nothing changed: a fingerprint of the source files (names, sizes, times) is kept
beside the manifest, and a compressed copy already made for a hashed name is reused (same name, same
content). Plotly (4.6 MB) comes from the plotly package itself, through `PlotlyFinder`, which offers
only `plotly.min.js` (not the package's data sets or widget bundle).

Without a manifest (a fresh data directory that was never collected: the test client, a plain
`guatu runserver`) the storage falls back to the plain names, which WhiteNoise serves from the source
folders with a short cache — slower for browsers, never broken.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage
from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage

log = logging.getLogger(__name__)

FINGERPRINT_FILE = ".guatu-collected.json"
# Brotli's default (quality 11) takes ~28 s on plotly.min.js for 10 % less than quality 9 (~3 s).
BROTLI_QUALITY = 9
# Bump when the way files are processed changes, so that a new version collects again.
PROCESS_VERSION = 1


class PlotlyFinder(BaseFinder):
    """`vendor/plotly/plotly.min.js`, straight from the installed plotly package (no CDN, no copy in git)."""

    prefix = "vendor/plotly"
    files = ("plotly.min.js",)

    def __init__(self, *args, **kwargs) -> None:
        import importlib.util

        spec = importlib.util.find_spec("plotly")
        if spec is None or not spec.submodule_search_locations:
            raise RuntimeError("package 'plotly' is not installed; run `make demo` or `make test`")
        location = Path(next(iter(spec.submodule_search_locations))) / "package_data"
        self.storage = FileSystemStorage(location=location)
        self.storage.prefix = self.prefix

    def find(self, path: str, find_all: bool = False, **kwargs):
        name = path.removeprefix(self.prefix + "/")
        match = self.storage.path(name) if path != name and name in self.files else None
        if find_all:
            return [match] if match else []
        return match

    def list(self, ignore_patterns) -> Iterator[tuple[str, FileSystemStorage]]:
        for name in self.files:
            yield name, self.storage


class ReusingCompressor(Compressor):
    """WhiteNoise's compressor with a quicker brotli level, reusing compressed copies of hashed files
    (a hashed name means the same content, so its .gz/.br made by an earlier collect is still right)."""

    @staticmethod
    def compress_brotli(data: bytes) -> bytes:
        import brotli

        return brotli.compress(data, quality=BROTLI_QUALITY)

    def compress(self, path: str) -> list[str]:
        existing = [path + suffix for suffix in self._suffixes() if os.path.exists(path + suffix)]
        if existing and len(existing) == len(self._suffixes()) and _looks_hashed(path):
            return existing
        return super().compress(path)

    def _suffixes(self) -> list[str]:
        return [s for s, used in ((".br", self.use_brotli), (".gz", self.use_gzip)) if used]


def _looks_hashed(path: str) -> bool:
    stem = Path(path).name.split(".")
    return len(stem) >= 3 and len(stem[-2]) == 12 and all(c in "0123456789abcdef" for c in stem[-2])


class GuatuStaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed files after `collect()`; plain names when nothing was collected (see the module)."""

    manifest_strict = False

    def create_compressor(self, **kwargs) -> Compressor:
        return ReusingCompressor(**kwargs)

    def stored_name(self, name: str) -> str:
        if not self.hashed_files:
            return name
        try:
            return super().stored_name(name)
        except ValueError:  # a file added since the last collect: its plain name still works
            return name


def _source_fingerprint() -> str:
    """A digest of every static file the finders offer (name, size, time) and of how they are processed."""
    digest = hashlib.sha256(f"{PROCESS_VERSION}|{BROTLI_QUALITY}|{settings.STATIC_URL}".encode())
    entries = []
    for finder in finders.get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            stat = os.stat(storage.path(path))
            prefix = getattr(storage, "prefix", None) or ""
            entries.append(f"{prefix}/{path}|{stat.st_size}|{stat.st_mtime_ns}")
    for entry in sorted(entries):
        digest.update(entry.encode())
    return digest.hexdigest()


@contextlib.contextmanager
def _locked(root: Path) -> Iterator[None]:
    """One collect at a time per STATIC_ROOT (two servers starting together share it)."""
    with open(root / ".guatu-collect.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def collect(*, force: bool = False) -> bool:
    """Run `collectstatic` when the static files changed since the last run; True if it ran."""
    from django.core.management import call_command

    root = Path(settings.STATIC_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    with _locked(root):
        fingerprint = _source_fingerprint()
        marker = root / FINGERPRINT_FILE
        manifest = root / "staticfiles.json"
        if not force and manifest.exists() and marker.exists():
            with contextlib.suppress(ValueError, OSError):
                if json.loads(marker.read_text()).get("fingerprint") == fingerprint:
                    return False
        call_command("collectstatic", interactive=False, verbosity=0)
        marker.write_text(json.dumps({"fingerprint": fingerprint}))
    return True
