"""The `guatu` console script: Django's management commands under a friendlier name.

`guatu demo`, `guatu serve`, `guatu progress …` and every other command is a management
command, so the web, the API and the CLI run the same code.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guatu.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["guatu", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
