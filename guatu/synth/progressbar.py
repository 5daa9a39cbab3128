"""A progress bar for long commands: redrawn in place on a terminal, a line every 10% otherwise."""

from __future__ import annotations

import sys
import time


class ProgressBar:
    def __init__(self, total: int, unit: str, *, stream=None, enabled: bool = True, width: int = 30):
        self.total, self.unit, self.width = max(total, 0), unit, width
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.done_count = 0
        self.started = time.perf_counter()
        self._last_tenth = -1
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()

    def advance(self, n: int = 1) -> None:
        self.done_count += n
        if not self.enabled or not self.total:
            return
        share = min(self.done_count / self.total, 1.0)
        if self.tty:
            filled = int(share * self.width)
            self.stream.write(f"\r[{'#' * filled}{' ' * (self.width - filled)}] {share:6.1%} "
                              f"{self.done_count:,}/{self.total:,} {self.unit} {self._elapsed()}")  # fmt: skip
            self.stream.flush()
        elif int(share * 10) > self._last_tenth:
            self._last_tenth = int(share * 10)
            self.stream.write(f"{share:6.1%} {self.done_count:,}/{self.total:,} {self.unit} {self._elapsed()}\n")

    def _elapsed(self) -> str:
        return f"{time.perf_counter() - self.started:.1f} s"

    def done(self) -> None:
        if self.enabled and self.tty and self.total:
            self.stream.write("\n")
