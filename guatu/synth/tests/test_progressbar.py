"""The progress bar: redrawn in place on a terminal, a line at the start and every tenth otherwise, silent when
disabled."""

import io

from guatu.synth.progressbar import ProgressBar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_log_gets_a_line_at_the_start_and_one_per_tenth():
    out = io.StringIO()
    bar = ProgressBar(1000, "projects", stream=out)
    for _ in range(100):
        bar.advance(10)
    bar.done()
    lines = out.getvalue().splitlines()
    assert len(lines) == 11
    assert lines[0].startswith("  1.0% 10/1,000 projects")
    assert lines[1].startswith(" 10.0% 100/1,000 projects")
    assert lines[-1].startswith("100.0% 1,000/1,000 projects")


def test_a_terminal_gets_the_bar_redrawn_in_place():
    out = Terminal()
    bar = ProgressBar(4, "projects", stream=out, width=8)
    bar.advance(1)
    bar.advance(3)
    bar.done()
    text = out.getvalue()
    assert text.count("\r") == 2
    assert "[##      ]  25.0% 1/4 projects" in text
    assert "[########] 100.0% 4/4 projects" in text
    assert text.endswith("\n")


def test_disabled_it_writes_nothing():
    out = io.StringIO()
    bar = ProgressBar(10, "projects", stream=out, enabled=False)
    bar.advance(10)
    bar.done()
    assert out.getvalue() == ""
