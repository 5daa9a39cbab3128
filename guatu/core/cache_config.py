"""settings.CACHES from the environment (no Django import: settings.py reads it). See guatu.core.cache."""

from __future__ import annotations

from pathlib import Path

from guatu.core.env import EnvError

TIMEOUT = 24 * 3600  # an entry for an old data version is never read again; let it expire
CACHE_TABLE = "guatu_cache"


def caches_from_env(url: str, data_dir: Path, database_url: str) -> dict:
    """settings.CACHES from GUATU_CACHE_URL: "" (default: database cache table when DATABASE_URL is set,
    else files under the data directory), "file:///path", "db", "redis://…" (needs the `redis` package),
    "locmem" (one process only: tests, a single-process server) or "dummy" (nothing cached)."""
    table = CACHE_TABLE
    if not url:
        url = "db" if database_url else f"file://{data_dir / 'cache'}"
    if url.startswith("file://"):
        backend = {"BACKEND": "guatu.core.filecache.FastFileCache", "LOCATION": url[7:]}
    elif url == "db":
        backend = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": table}
    elif url.startswith(("redis://", "rediss://", "unix://")):
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    elif url == "locmem":
        backend = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    elif url == "dummy":
        backend = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    else:
        raise EnvError(f"GUATU_CACHE_URL={url!r}: expected file:///path, db, redis://host:port/n, locmem or dummy")
    backend.update(TIMEOUT=TIMEOUT, OPTIONS={"MAX_ENTRIES": 5000} if "Redis" not in backend["BACKEND"] else {})
    return {"default": backend}
