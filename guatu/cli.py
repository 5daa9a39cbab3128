"""The `guatu` console script: Django's management commands under a friendlier name.

`guatu demo`, `guatu serve`, `guatu progress …` and every other command is a management
command, so the web, the API and the CLI run the same code. `guatu` alone (or `guatu --help`)
leads with guatu's own commands, grouped by what they are for; `guatu help --all` is Django's
full list and `guatu help COMMAND` (or `guatu COMMAND --help`) one command's options.
"""

from __future__ import annotations

import os
import sys
import textwrap

# Commands by what they are for, in the order a newcomer meets them. A guatu command not named here is
# listed under its app's title (APP_TITLES), so a new part's commands show up without an edit here.
GROUPS: list[tuple[str, list[str]]] = [
    ("Ledger and reporting (台账与报送)", ["progress", "reporting"]),
    ("Battle map (挂图作战)", ["schedule", "warnings", "problems", "apply-template", "approve-plan"]),
    ("Indicators (指标)", ["rank", "drill", "import-indicators"]),
    ("Excel exchange (导入导出)", ["import", "export", "template"]),
    ("Briefing (简报)", ["briefing"]),
]
APP_TITLES: dict[str, str] = {
    "attraction": "Investment attraction (招商引资)",
    "funds": "Funds (基金)",
    "innovation": "Innovation (科创)",
    "safety": "Work safety (安全生产)",
}
TAIL_GROUPS: list[tuple[str, list[str]]] = [
    ("People and security (人员与安全)", ["user", "token", "changepassword", "axes_reset_username"]),
    ("Server and demo (服务与演示)", ["demo", "serve", "worker", "migrate", "check"]),
]
WIDTH = 100


def _summary(help_text: str) -> str:
    """The first sentence of a command's help, on one line."""
    text = " ".join((help_text or "").split())
    cut = text.find(". ")
    return text if cut < 0 else text[: cut + 1]


def grouped_commands() -> list[tuple[str, list[tuple[str, str]]]]:
    """[(group title, [(command, one-line help)])]: guatu's commands and the few of Django's an operator needs."""
    from django.core.management import get_commands, load_command_class

    commands = get_commands()  # name → app module ("guatu.projects", "django.core" …)

    def line(name: str) -> tuple[str, str]:
        return name, _summary(load_command_class(commands[name], name).help)

    placed = {name for _title, names in GROUPS + TAIL_GROUPS for name in names}
    groups = [(title, [line(n) for n in names if n in commands]) for title, names in GROUPS]
    by_app: dict[str, list[str]] = {}
    for name, app in sorted(commands.items()):
        if app.startswith("guatu.") and name not in placed:
            by_app.setdefault(app.split(".")[1], []).append(name)
    ordered = [a for a in APP_TITLES if a in by_app] + sorted(a for a in by_app if a not in APP_TITLES)
    groups += [(APP_TITLES.get(app, app), [line(n) for n in by_app[app]]) for app in ordered]
    groups += [(title, [line(n) for n in names if n in commands]) for title, names in TAIL_GROUPS]
    return [(title, lines) for title, lines in groups if lines]


def main_help() -> str:
    out = [
        "guatu 挂图 — key projects, the cockpit, the battle map, indicators.",
        "",
        "Usage: guatu COMMAND [options]     guatu COMMAND --help  (or guatu help COMMAND) for its options",
    ]
    for title, lines in grouped_commands():
        out += ["", f"{title}:"]
        for name, summary in lines:
            head = f"  {name:<20} "
            body = textwrap.wrap(summary, WIDTH - len(head)) or [""]
            out.append(head + body[0])
            out += [" " * len(head) + rest for rest in body[1:]]
    out += ["", "Django's commands (createsuperuser, dbshell, collectstatic …): guatu help --all"]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guatu.settings")
    args = sys.argv[1:] if argv is None else list(argv)
    if args in ([], ["help"], ["--help"], ["-h"]):
        import django

        django.setup()
        sys.stdout.write(main_help())
        return
    if args[:2] == ["help", "--all"]:
        args = ["help", *args[2:]]
    from django.core.management import execute_from_command_line

    execute_from_command_line(["guatu", *args])


if __name__ == "__main__":
    main()
