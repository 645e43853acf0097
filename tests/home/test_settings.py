"""Production settings refuse to start without their secrets."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_production_check(**env):
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS")}
    environment.update(env, DJANGO_SETTINGS_MODULE="config.settings.production")
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_production_check(ALLOWED_HOSTS="welfare.example.org")
    assert result.returncode != 0
    assert "set the environment variable SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_production_check(SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "set the environment variable ALLOWED_HOSTS" in result.stderr


def test_production_starts_with_both():
    result = run_production_check(SECRET_KEY="x" * 60, ALLOWED_HOSTS="welfare.example.org")
    assert result.returncode == 0, result.stderr
