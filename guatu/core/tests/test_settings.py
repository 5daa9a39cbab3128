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


def test_the_deploy_check_is_clean_behind_https(tmp_path):
    env = {**os.environ, "GUATU_DATA_DIR": str(tmp_path), "GUATU_HTTPS": "1",
           "GUATU_SECRET_KEY": "k" * 20 + "-deploy-check-secret-with-enough-variety-0123456789"}  # fmt: skip
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run([sys.executable, "-m", "guatu.cli", "check", "--deploy", "--fail-level", "WARNING"],
                            env=env, capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
