"""The settings from a fresh checkout and in production, run as a data manager runs them."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What the test settings put into the environment must not leak into a fresh checkout's run.
STRIPPED = (
    "DEBUG",
    "SECRET_KEY",
    "DJANGO_ENV",
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
)


def manage(tmp_path, *args, **extra):
    env = {k: v for k, v in os.environ.items() if k not in STRIPPED}
    env.update(LIAISON_VAR_DIR=str(tmp_path), **extra)
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_management_commands_run_from_a_fresh_checkout_without_variables(tmp_path):
    result = manage(tmp_path, "check")
    assert result.returncode == 0, result.stderr
    assert "ImproperlyConfigured" not in result.stderr
    assert (tmp_path / "secret_key").exists()


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = manage(tmp_path, "check", DJANGO_ENV="production")
    assert result.returncode != 0
    assert "needs SECRET_KEY" in result.stderr


def test_a_set_secret_key_means_production_settings(tmp_path):
    code = "from django.conf import settings; print(settings.DEBUG, settings.SECURE_SSL_REDIRECT)"
    result = manage(tmp_path, "shell", "-c", code, SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == ["False", "True"]
