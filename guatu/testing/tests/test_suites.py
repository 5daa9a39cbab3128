"""`make test` runs the SQLite and PostgreSQL suites side by side (guatu.testing.suites)."""

from __future__ import annotations

import sys

from guatu.testing import suites


def test_both_databases_run_the_same_pytest_arguments():
    runs = suites.commands(["-q", "guatu/core"])
    assert runs["sqlite"] == [sys.executable, "-m", "pytest", "-q", "guatu/core"]
    assert runs["postgres"] == [sys.executable, "-m", "guatu.testing.pgcluster", "--", sys.executable, "-m",
                                "pytest", "-q", "guatu/core"]  # fmt: skip


def _fake(monkeypatch, sqlite_code: int, postgres_code: int) -> None:
    script = "import sys; print('first line'); print('second line'); sys.exit({})"
    monkeypatch.setattr(suites, "commands", lambda extra: {
        "sqlite": [sys.executable, "-c", script.format(sqlite_code)],
        "postgres": [sys.executable, "-c", script.format(postgres_code)],
    })  # fmt: skip


def test_every_line_says_which_database_it_comes_from(monkeypatch, capsys):
    _fake(monkeypatch, 0, 0)
    assert suites.run([]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out.count("[sqlite  ] first line") == 1 and out.count("[postgres] second line") == 1
    assert out[-2:] == ["guatu: the sqlite run passed", "guatu: the postgres run passed"]


def test_a_failing_run_fails_the_whole_and_says_which(monkeypatch, capsys):
    _fake(monkeypatch, 0, 3)
    assert suites.run([]) == 3
    assert "guatu: the postgres run failed (exit status 3)" in capsys.readouterr().out
