import json
import os
import subprocess
import sys

import pytest

from guatu.core.env import EnvError, env_bool


def test_env_bool_is_strict(monkeypatch):
    monkeypatch.setenv("GUATU_X", "yes")
    assert env_bool("GUATU_X") is True
    monkeypatch.setenv("GUATU_X", "0")
    assert env_bool("GUATU_X") is False
    monkeypatch.setenv("GUATU_X", "maybe")
    with pytest.raises(EnvError, match="GUATU_X='maybe'"):
        env_bool("GUATU_X")


def production_env(tmp_path) -> dict[str, str]:
    env = {**os.environ, "GUATU_DATA_DIR": str(tmp_path), "GUATU_HTTPS": "1", "GUATU_DEBUG": "0",
           "GUATU_SECRET_KEY": "k" * 20 + "-deploy-check-secret-with-enough-variety-0123456789"}  # fmt: skip
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("GUATU_LOGIN_FAILURE_LIMIT", None)
    return env


def test_the_deploy_check_is_clean_behind_https(tmp_path):
    result = subprocess.run([sys.executable, "-m", "guatu.cli", "check", "--deploy", "--fail-level", "WARNING"],
                            env=production_env(tmp_path), capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


# Run inside `guatu shell` under the production settings: what a browser is told, and what guards log-ins.
PRODUCTION_PROBE = """
import json
from django.conf import settings
from django.test import Client
response = Client().get("/login/", secure=True, HTTP_HOST="localhost")
print(json.dumps({
    "debug": settings.DEBUG, "status": response.status_code,
    "csp": response.get("Content-Security-Policy", ""), "hsts": response.get("Strict-Transport-Security", ""),
    "frame": response.get("X-Frame-Options", ""),
    "secure_cookies": settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE,
    "axes": settings.AXES_ENABLED and "axes.middleware.AxesMiddleware" in settings.MIDDLEWARE
            and settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend",
    "failure_limit": settings.AXES_FAILURE_LIMIT, "validators": len(settings.AUTH_PASSWORD_VALIDATORS),
    "auth": settings.REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"],
}))
"""


def test_production_settings_send_the_policy_and_guard_log_ins(tmp_path):
    result = subprocess.run([sys.executable, "-m", "guatu.cli", "shell", "-c", PRODUCTION_PROBE],
                            env=production_env(tmp_path), capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["debug"] is False and seen["status"] == 200
    assert "script-src 'self'" in seen["csp"] and "frame-ancestors 'none'" in seen["csp"]
    assert "unsafe-inline" not in seen["csp"]
    assert seen["hsts"].startswith("max-age=31536000") and seen["frame"] == "DENY" and seen["secure_cookies"]
    assert seen["axes"] and seen["failure_limit"] == 5 and seen["validators"] == 4
    assert seen["auth"][0] == "guatu.accounts.authentication.ApiTokenAuthentication"
    assert "rest_framework.authentication.BasicAuthentication" not in seen["auth"]
