"""What the suite needs from the machine (PostgreSQL, chromium, a CJK font).

Outside CI a missing piece is a loud skip; with CI=true it is a failure, so a green CI run
means the whole suite really ran.
"""

from __future__ import annotations

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


def require(ok: bool, what: str) -> None:
    """Inside a test: a loud skip when `what` is missing, a failure under CI=true."""
    import pytest

    if ok:
        return
    message = f"{what} is not installed (apt-get install chromium fonts-noto-cjk postgresql-15)"
    if in_ci():
        pytest.fail(f"CI=true: {message}")
    pytest.skip(f"LOUD SKIP: {message}")
