"""guatu synth --projects N --months M [--seed S] [--end 2024-12]: a province-shaped synthetic data set."""

from __future__ import annotations

import json
import time

from django.core.management.base import BaseCommand, CommandError

from guatu.synth.generate import SynthError, synth
from guatu.synth.progressbar import ProgressBar


def _month(text: str) -> tuple[int, int]:
    year, month = text.split("-")
    return int(year), int(month)


class Command(BaseCommand):
    help = "Load a province-shaped synthetic ledger (deterministic per seed), set-based, with its change record."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--projects", type=int, required=True)
        parser.add_argument("--months", type=int, default=36)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--end", type=_month, default=(2024, 12), help="the last month, e.g. 2024-12")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options) -> None:
        if options["projects"] < 1 or not 1 <= options["months"] <= 240:
            raise CommandError("--projects must be at least 1 and --months 1–240")
        bar = ProgressBar(options["projects"], "projects", stream=getattr(self.stderr, "_out", None),
                          enabled=not options["json"])  # fmt: skip
        started = time.perf_counter()
        try:
            result = synth(options["projects"], options["months"], options["seed"], options["end"], bar.advance)
        except SynthError as exc:
            raise CommandError(str(exc)) from exc
        bar.done()
        seconds = time.perf_counter() - started
        summary = {k: v for k, v in vars(result).items() if k != "months"}
        summary.update(
            first=f"{result.months[0][0]}-{result.months[0][1]:02d}",
            last=f"{result.months[-1][0]}-{result.months[-1][1]:02d}",
            seconds=round(seconds, 1),
        )
        if options["json"]:
            self.stdout.write(json.dumps(summary))
        else:
            self.stdout.write(", ".join(f"{k} {v:,}" if isinstance(v, int) else f"{k} {v}" for k, v in summary.items()))
