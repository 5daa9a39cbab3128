"""Log-in throttling (django-axes): 50 wrong passwords lock the username at this address, the right
password is then refused, and the documented unlocks (CLI, admin) let the user in again."""

from __future__ import annotations

import base64

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from rest_framework.test import APIClient

from guatu.accounts.models import RoleAssignment
from guatu.accounts.roles import Role
from guatu.core.env import EnvError, env_int

pytestmark = pytest.mark.django_db

PASSWORD = "Quzhou-ledger-2024"


@pytest.fixture
def clerk(db):
    user = get_user_model().objects.create_user("clerk", password=PASSWORD)
    RoleAssignment.objects.create(user=user, role=Role.LEADER)
    return user


def log_in(client, password: str, username: str = "clerk"):
    return client.post("/login/", {"username": username, "password": password})


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail_fifty_times(client) -> None:
    for attempt in range(50):
        response = log_in(client, f"wrong-{attempt}")
        assert response.status_code in (200, 429)


def test_fifty_wrong_passwords_then_the_right_one_is_refused_with_the_lockout_page(client, clerk):
    fail_fifty_times(client)
    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    assert not logged_in(client)
    page = response.content.decode()
    assert 'id="locked-out"' in page
    assert "登录失败次数过多" in page and "30" in page  # zh-hans by default; the cool-off in minutes


def test_the_fifth_failure_locks_and_the_fourth_does_not(client, clerk):
    for attempt in range(4):
        assert log_in(client, f"wrong-{attempt}").status_code == 200
    assert log_in(client, PASSWORD).status_code == 302  # under the limit, the right password still works
    client.logout()
    for attempt in range(5):
        log_in(client, f"wrong-{attempt}")
    assert log_in(client, PASSWORD).status_code == 429


def test_the_lockout_is_per_username_and_address(client, clerk):
    get_user_model().objects.create_user("filer", password=PASSWORD)
    fail_fifty_times(client)
    assert log_in(client, PASSWORD, username="filer").status_code == 302  # another officer at the same desk
    client.logout()
    other_address = client.post("/login/", {"username": "clerk", "password": PASSWORD}, REMOTE_ADDR="10.1.2.3")
    assert other_address.status_code == 302


def test_guatu_axes_reset_username_unlocks(client, clerk):
    fail_fifty_times(client)
    assert log_in(client, PASSWORD).status_code == 429
    call_command("axes_reset_username", "clerk")
    assert log_in(client, PASSWORD).status_code == 302
    assert logged_in(client)


def test_an_administrator_unlocks_by_deleting_the_access_attempt_in_the_admin(client, clerk):
    fail_fifty_times(client)
    attempt = AccessAttempt.objects.get(username="clerk")
    assert attempt.failures_since_start >= 50
    admin = get_user_model().objects.create_superuser("root", password=PASSWORD)
    staff = client.__class__()
    staff.force_login(admin)
    listing = staff.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "clerk" in listing.content.decode()
    staff.post("/admin/axes/accessattempt/", {"action": "delete_selected", "_selected_action": [attempt.pk],
                                              "post": "yes"})  # fmt: skip
    assert not AccessAttempt.objects.filter(username="clerk").exists()
    assert log_in(client, PASSWORD).status_code == 302


def test_a_successful_log_in_clears_earlier_failures(client, clerk):
    for attempt in range(4):
        log_in(client, f"wrong-{attempt}")
    assert log_in(client, PASSWORD).status_code == 302
    client.logout()
    for attempt in range(4):
        log_in(client, f"again-{attempt}")
    assert log_in(client, PASSWORD).status_code == 302  # 4 + 4 failures, never 5 in a row


@override_settings(HTTPS=True)
def test_basic_auth_failures_count_and_a_locked_out_caller_gets_429_json(clerk):
    api = APIClient()

    def call(password: str):
        token = base64.b64encode(f"clerk:{password}".encode()).decode()
        return api.get("/api/v1/lists/", HTTP_AUTHORIZATION=f"Basic {token}", secure=True)

    assert call(PASSWORD).status_code == 200
    for attempt in range(5):
        assert call(f"wrong-{attempt}").status_code in (401, 429)
    response = call(PASSWORD)
    assert response.status_code == 429
    assert response.json()["detail"].startswith("登录失败次数过多")
    call_command("axes_reset_username", "clerk")
    assert call(PASSWORD).status_code == 200


def test_the_limit_and_cool_off_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("GUATU_LOGIN_FAILURE_LIMIT", "10")
    assert env_int("GUATU_LOGIN_FAILURE_LIMIT", 5, minimum=1) == 10
    monkeypatch.setenv("GUATU_LOGIN_FAILURE_LIMIT", "0")
    with pytest.raises(EnvError, match="at least 1"):
        env_int("GUATU_LOGIN_FAILURE_LIMIT", 5, minimum=1)
    monkeypatch.setenv("GUATU_LOGIN_FAILURE_LIMIT", "five")
    with pytest.raises(EnvError, match="whole number"):
        env_int("GUATU_LOGIN_FAILURE_LIMIT", 5, minimum=1)
