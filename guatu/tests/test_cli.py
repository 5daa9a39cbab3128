"""`guatu` alone, `guatu --help`: guatu's own commands first, grouped by what they are for; Django's full list
only on request (`guatu help --all`)."""

from __future__ import annotations

import pytest
from django.core.management import get_commands

from guatu.cli import main


def _help(capsys, *argv: str) -> str:
    main(list(argv))
    return capsys.readouterr().out


@pytest.mark.parametrize("argv", [(), ("--help",), ("-h",), ("help",)])
def test_guatu_alone_or_with_help_leads_with_its_own_commands_grouped(capsys, argv):
    out = _help(capsys, *argv)
    titles = [line[:-1] for line in out.splitlines() if line.endswith(":") and not line.startswith(" ")]
    assert titles[:5] == ["Ledger and reporting (台账与报送)", "Battle map (挂图作战)", "Indicators (指标)",
                          "Excel exchange (导入导出)", "Briefing (简报)"]  # fmt: skip
    assert titles[-2:] == ["People and security (人员与安全)", "Server and demo (服务与演示)"]
    assert "Work safety (安全生产)" in titles
    assert out.rstrip().endswith("Django's commands (createsuperuser, dbshell, collectstatic …): guatu help --all")
    assert "  progress             Progress of each project list against its annual target" in out


def test_every_guatu_command_is_listed_and_djangos_own_only_the_few_an_operator_needs(capsys):
    out = _help(capsys)
    listed = {line.split()[0] for line in out.splitlines() if line.startswith("  ") and line[2] != " "}
    ours = {name for name, app in get_commands().items() if app.startswith("guatu.")}
    assert ours <= listed, f"not in `guatu --help`: {sorted(ours - listed)}"
    assert listed - ours == {"changepassword", "axes_reset_username", "migrate", "check"}
    assert "remove_stale_contenttypes" not in out and "sendtestemail" not in out


def test_a_new_parts_commands_join_under_its_title(capsys, monkeypatch):
    from django.core import management

    real_commands, real_load = get_commands(), management.load_command_class

    class FundsCommand(management.BaseCommand):
        help = "基金: the funds' investments by county. More words."

    monkeypatch.setattr(management, "get_commands", lambda: {**real_commands, "funds": "guatu.funds"})
    monkeypatch.setattr(management, "load_command_class",
                        lambda app, name: FundsCommand() if app == "guatu.funds" else real_load(app, name))  # fmt: skip
    out = _help(capsys)
    assert "Funds (基金):\n  funds                基金: the funds' investments by county.\n" in out
    assert out.index("Funds (基金):") < out.index("Work safety (安全生产):") < out.index("People and security")


def test_help_all_is_djangos_full_list(capsys):
    out = _help(capsys, "help", "--all")
    assert "Type 'guatu help <subcommand>' for help on a specific subcommand." in out
    assert "remove_stale_contenttypes" in out and "[safety]" in out


def test_help_of_one_command_is_its_options(capsys):
    out = _help(capsys, "help", "progress")
    assert out.startswith("usage: guatu progress") and "--through" in out
