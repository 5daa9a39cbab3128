"""Scope options shared by the commands that take them (progress, warnings, battle-map)."""

from __future__ import annotations

from django.core.management.base import CommandError

from guatu.accounts.management.acting import add_as_argument, user_named
from guatu.projects.scope import Scope, ScopeError

SCOPE_KEYS = ("region", "platform", "project_list", "industry", "department")


def add_scope_arguments(parser) -> None:
    add_as_argument(parser, "see exactly what this user sees (their roles and scope); without it, the system sees "
                            "everything")  # fmt: skip
    parser.add_argument("--region", help="region code or name (its whole subtree)")
    parser.add_argument("--platform", help="platform code or name (its whole subtree)")
    parser.add_argument("--list", dest="project_list", help="project list code or name")
    parser.add_argument("--industry", help="industry code or name")
    parser.add_argument("--department", help="department code or name")


def scope_from_options(options: dict) -> Scope:
    try:
        return Scope.from_keys(**{key: options.get(key) for key in SCOPE_KEYS})
    except ScopeError as exc:
        raise CommandError(str(exc)) from exc


def user_from_options(options: dict):
    """The user named by --as (active), or None — the system, which sees everything."""
    return user_named(options.get("as_user"))
