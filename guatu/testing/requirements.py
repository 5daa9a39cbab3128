"""What the suite needs from the machine (PostgreSQL, chromium, a CJK font).

Outside CI a missing piece is a loud skip; with CI=true it is a failure, so a green CI run
means the whole suite really ran.
"""

from __future__ import annotations

import os
import sys

from guatu.core.env import env_bool


def in_ci() -> bool:
    return env_bool("CI", False)


def missing(what: str, how: str) -> int:
    """Report a missing prerequisite; the exit status for a command-line wrapper."""
    banner = "!" * 78
    verdict = "FAILED (CI=true)" if in_ci() else "SKIPPED"
    print(
        f"\n{banner}\n{verdict}: {what} is not installed. Install it with: {how}\n{banner}\n",
        file=sys.stderr,
        flush=True,
    )
    return 1 if in_ci() else 0


def chromium_path() -> str | None:
    for path in (os.environ.get("GUATU_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if path and os.path.exists(path):
            return path
    return None
