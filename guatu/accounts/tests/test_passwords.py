"""All four of Django's password validators: "12345678" is refused wherever a password is chosen."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AdminUserCreationForm, SetPasswordForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

STRONG = "Quzhou-ledger-2024"


@pytest.fixture
def clerk(db):
    return get_user_model().objects.create_user("clerk", first_name="Li", password=STRONG)


def test_all_four_validators_are_configured(settings):
    names = {v["NAME"].rsplit(".", 1)[1] for v in settings.AUTH_PASSWORD_VALIDATORS}
    assert names == {"UserAttributeSimilarityValidator", "MinimumLengthValidator", "CommonPasswordValidator",
                     "NumericPasswordValidator"}  # fmt: skip


@pytest.mark.parametrize(
    ("password", "reason"),
    [("12345678", "password_too_common"), ("83619274", "password_entirely_numeric"),
     ("Qz-1", "password_too_short"), ("clerk2024", "password_too_similar")],
)  # fmt: skip
def test_weak_passwords_are_refused(clerk, password, reason):
    with pytest.raises(ValidationError) as caught:
        validate_password(password, clerk)
    assert reason in {error.code for error in caught.value.error_list}


def test_12345678_is_refused_by_the_password_change_page(client, clerk):
    client.force_login(clerk)
    response = client.post("/account/password/", {"old_password": STRONG, "new_password1": "12345678",
                                                  "new_password2": "12345678"})  # fmt: skip
    assert response.status_code == 200
    assert "这个密码太常见了" in response.content.decode()
    clerk.refresh_from_db()
    assert clerk.check_password(STRONG)


def test_a_strong_password_is_accepted_by_the_password_change_page(client, clerk):
    client.force_login(clerk)
    response = client.post("/account/password/", {"old_password": STRONG, "new_password1": "Kecheng-2025-river",
                                                  "new_password2": "Kecheng-2025-river"})  # fmt: skip
    assert response.status_code == 302
    clerk.refresh_from_db()
    assert clerk.check_password("Kecheng-2025-river")


def test_12345678_is_refused_by_the_admin_forms(clerk):
    form = SetPasswordForm(clerk, {"new_password1": "12345678", "new_password2": "12345678"})
    assert not form.is_valid()
    creation = AdminUserCreationForm({"username": "newcomer", "usable_password": "true", "password1": "12345678",
                                      "password2": "12345678"})  # fmt: skip
    assert not creation.is_valid()


def test_12345678_is_refused_by_guatu_changepassword(clerk, monkeypatch):
    monkeypatch.setattr("django.contrib.auth.management.commands.changepassword.getpass.getpass",
                        lambda prompt="": "12345678")  # fmt: skip
    errors = io.StringIO()
    with pytest.raises(CommandError, match="Aborting password change"):
        call_command("changepassword", "clerk", stdout=io.StringIO(), stderr=errors)
    assert "这个密码太常见了" in errors.getvalue()
    clerk.refresh_from_db()
    assert clerk.check_password(STRONG)
