"""Run the test suite on SQLite and on a throwaway PostgreSQL side by side: `python -m guatu.testing.suites`.

The two runs share nothing (each has its own databases, data directories, servers and browsers on free
ports), so on a machine with two cores or more they run at once: `make test` takes about the longer of the
two instead of their sum. Each line of output is prefixed with its database; the exit status is the first
failing run's (0 when both pass). Extra arguments go to both pytest runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading


def commands(extra: list[str]) -> dict[str, list[str]]:
    pytest = [sys.executable, "-m", "pytest", *extra]
    return {"sqlite": pytest, "postgres": [sys.executable, "-m", "guatu.testing.pgcluster", "--", *pytest]}


def _relay(name: str, stream, lock: threading.Lock) -> None:
    width = len("postgres")
    for line in iter(stream.readline, ""):
        with lock:
            sys.stdout.write(f"[{name:<{width}}] {line}")
            sys.stdout.flush()


def run(extra: list[str]) -> int:
    lock = threading.Lock()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    runs = {
        name: subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        for name, command in commands(extra).items()
    }
    relays = [threading.Thread(target=_relay, args=(name, p.stdout, lock)) for name, p in runs.items()]
    for relay in relays:
        relay.start()
    codes = {name: p.wait() for name, p in runs.items()}
    for relay in relays:
        relay.join()
    for name, code in codes.items():
        print(f"guatu: the {name} run {'passed' if code == 0 else f'failed (exit status {code})'}")
    return next((code for code in codes.values() if code), 0)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
