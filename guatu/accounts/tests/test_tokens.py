"""Per-user API tokens: issued once, stored hashed, revoked from the page, the admin or the CLI."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from rest_framework.test import APIClient

from guatu.accounts.tokens import ApiToken, issue_token, revoke_token

pytestmark = pytest.mark.django_db


def api_with(key: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


def test_a_token_opens_the_api_and_only_its_digest_is_stored(reader):
    key = issue_token(reader)
    assert key.startswith("gt_") and len(key) == 46
    stored = ApiToken.objects.get(user=reader)
    assert stored.digest == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {stored.digest, stored.prefix} and stored.prefix == key[:8]
    response = api_with(key).get("/api/v1/lists/")
    assert response.status_code == 200
    stored.refresh_from_db()
    assert stored.last_used is not None


def test_a_revoked_token_is_refused(reader):
    key = issue_token(reader)
    assert revoke_token(reader) is True
    response = api_with(key).get("/api/v1/lists/")
    assert response.status_code == 401
    assert response.json()["detail"] == "API 令牌无效或已吊销。"
    assert response["WWW-Authenticate"] == "Token"


def test_a_new_token_replaces_the_old_one(reader):
    old = issue_token(reader)
    new = issue_token(reader)
    assert api_with(old).get("/api/v1/lists/").status_code == 401
    assert api_with(new).get("/api/v1/lists/").status_code == 200
    assert ApiToken.objects.filter(user=reader).count() == 1


def test_an_inactive_users_token_is_refused(reader):
    key = issue_token(reader)
    reader.is_active = False
    reader.save()
    assert api_with(key).get("/api/v1/lists/").status_code == 401


def test_a_token_carries_the_users_permissions(reader):
    response = api_with(issue_token(reader)).delete("/api/v1/lists/1/")
    assert response.status_code == 403


def test_the_account_page_creates_shows_once_and_revokes(reader_client, reader):
    page = reader_client.get("/account/")
    assert page.status_code == 200 and 'id="create-token"' in page.content.decode()
    created = reader_client.post("/account/token/create/")
    assert created.status_code == 200
    assert "no-store" in created["Cache-Control"]
    key = created.content.decode().split('<code id="new-token">')[1].split("</code>")[0]
    assert api_with(key).get("/api/v1/lists/").status_code == 200
    assert key not in reader_client.get("/account/").content.decode()  # shown once
    assert reader_client.post("/account/token/revoke/").status_code == 302
    assert api_with(key).get("/api/v1/lists/").status_code == 401


def test_the_account_page_needs_a_log_in_and_a_post(reader_client):
    anonymous = Client()
    assert anonymous.get("/account/").status_code == 302
    assert anonymous.post("/account/token/create/").status_code == 302
    assert reader_client.get("/account/token/create/").status_code == 405


def test_guatu_token_issues_and_revokes(reader):
    out = io.StringIO()
    call_command("token", "reader", stdout=out, stderr=io.StringIO())
    key = out.getvalue().strip()
    assert api_with(key).get("/api/v1/lists/").status_code == 200
    call_command("token", "reader", "--revoke", stdout=io.StringIO(), stderr=io.StringIO())
    assert api_with(key).get("/api/v1/lists/").status_code == 401
    with pytest.raises(CommandError, match="no user named 'nobody'"):
        call_command("token", "nobody")


def test_an_administrator_revokes_tokens_in_the_admin(client, reader):
    key = issue_token(reader)
    admin = get_user_model().objects.create_superuser("root", password="Quzhou-ledger-2024")
    client.force_login(admin)
    listing = client.get("/admin/accounts/apitoken/")
    assert listing.status_code == 200 and key[:8] in listing.content.decode() and key not in listing.content.decode()
    token = ApiToken.objects.get(user=reader)
    response = client.post("/admin/accounts/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    assert response.status_code == 302
    assert api_with(key).get("/api/v1/lists/").status_code == 401
    assert client.get("/admin/accounts/apitoken/add/").status_code == 403  # keys are issued to their user only
