"""`--as USERNAME`: every command that reads or writes for someone takes the same option and finds the user the
same way — an active user of that name, else a command error; without it, the system acts (sees everything)."""

from __future__ import annotations

from django.core.management.base import CommandError

HELP = "act as this user (their roles and scope decide what is seen and written); without it, the system acts"


def add_as_argument(parser, help: str = HELP) -> None:
    parser.add_argument("--as", dest="as_user", metavar="USERNAME", help=help)


def user_named(username: str | None):
    """The active user named `username`, or None (the system) when no name is given."""
    from django.contrib.auth import get_user_model

    if not username:
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"--as {username}: no such user")
    if not user.is_active:
        raise CommandError(f"--as {username}: the user is deactivated")
    return user
