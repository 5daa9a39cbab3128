"""`--as USERNAME` means the same in every command: an active user of that name, else a clear error."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from guatu.accounts.management.acting import user_named

pytestmark = pytest.mark.django_db

COMMANDS = [
    ["progress", "--year", "2024", "--through", "11"],
    ["warnings"],
    ["funds", "summary", "--year", "2024"],
    ["innovation", "ranking", "--year", "2024"],
    ["safety", "summary", "--year", "2024"],
    ["attraction", "summary", "--year", "2024"],
]


@pytest.fixture
def leaver(db):
    return get_user_model().objects.create_user("leaver", password="test-pass-2024", is_active=False)


def test_no_name_is_the_system():
    assert user_named(None) is None
    assert user_named("") is None


def test_an_active_user_is_found_by_name(officer):
    assert user_named(officer.username) == officer


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_every_command_refuses_an_unknown_user(command):
    with pytest.raises(CommandError, match="--as nobody: no such user"):
        call_command(*command, "--as", "nobody")


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_every_command_refuses_a_deactivated_user(command, leaver):
    with pytest.raises(CommandError, match="--as leaver: the user is deactivated"):
        call_command(*command, "--as", "leaver")
