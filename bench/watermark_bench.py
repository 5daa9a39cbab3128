"""How often a PostgreSQL watermark is complete while other sessions write (guatu.core.watermarks): when it is not,
the battle map's first request after a write evaluates every project again instead of patching the one written.

    .venv/bin/python -m guatu.testing.pgcluster -- .venv/bin/python bench/watermark_bench.py [--writers 1,4,8]

Loads the Quzhou demo into the (throwaway) database DATABASE_URL names; then, for each number of writers, that many
threads save projects in a loop (each save its own transaction, `--pause` seconds apart) while one reader takes
`--reads` watermarks 10 ms apart, and prints the writes per second and how many watermarks were complete.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", default="1,4,8")
    parser.add_argument("--pause", type=float, default=0.02, help="seconds between one writer's saves")
    parser.add_argument("--reads", type=int, default=300)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guatu.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections

    from guatu.core.watermarks import watermark
    from guatu.demo.quzhou import load
    from guatu.projects.models import Project

    if connection.vendor != "postgresql":
        sys.exit("watermark_bench: PostgreSQL only (on SQLite a watermark is always complete)")
    call_command("migrate", verbosity=0)
    load()
    stop, writes = threading.Event(), [0]

    def writer(index: int) -> None:
        try:
            ids = list(Project.objects.order_by("pk").values_list("pk", flat=True)[index * 20 : (index + 1) * 20])
            n = 0
            while not stop.is_set():
                project = Project.objects.get(pk=ids[n % len(ids)])
                project.name = project.name.rstrip("*") + ("*" if n % 2 == 0 else "")
                project.save()
                n += 1
                writes[0] += 1
                time.sleep(args.pause)
        finally:
            connections.close_all()

    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for count in [int(x) for x in args.writers.split(",")]:
        stop.clear()
        writes[0] = 0
        threads = [threading.Thread(target=writer, args=(i,)) for i in range(count)]
        for thread in threads:
            thread.start()
        time.sleep(1)
        started, complete = time.perf_counter(), 0
        for _ in range(args.reads):
            complete += watermark().complete
            time.sleep(0.01)
        elapsed = time.perf_counter() - started
        stop.set()
        for thread in threads:
            thread.join()
        print(f"{count} writer(s), {writes[0] / elapsed:.0f} writes/s: {complete}/{args.reads} watermarks complete")


if __name__ == "__main__":
    main()
