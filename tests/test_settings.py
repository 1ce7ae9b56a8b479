"""Production safety: the real settings module, started in a subprocess the way a server starts."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PUBLIC = {
    "ALLOWED_HOSTS": "ghostless.example.com",
    "SITE_URL": "https://ghostless.example.com",
}
# Settings that the developer's shell or CI may carry; each test states its own.
CLEARED = [
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "SITE_URL",
    "DATABASE_URL",
    "REDIS_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
]


def manage(tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in CLEARED}
    environ |= {"DJANGO_SETTINGS_MODULE": "ghostless.settings", "GHOSTLESS_VAR_DIR": str(tmp_path)}
    return subprocess.run(  # noqa: S603 -- our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environ | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_with_a_key_a_host_and_https(tmp_path):
    result = manage(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(64),
        **PUBLIC,
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_public_host_without_secret_key_refuses_to_start(tmp_path):
    result = manage(tmp_path, "check", **PUBLIC)

    assert result.returncode != 0
    assert "SECRET_KEY must be set when ALLOWED_HOSTS names a public host" in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_debug_with_a_public_host_refuses_to_start(tmp_path):
    result = manage(tmp_path, "check", SECRET_KEY=secrets.token_urlsafe(64), DEBUG="true", **PUBLIC)

    assert result.returncode != 0
    assert "DEBUG must be off when ALLOWED_HOSTS names a public host" in result.stderr


def test_a_misspelt_debug_value_refuses_to_start(tmp_path):
    result = manage(tmp_path, "check", DEBUG="ture")

    assert result.returncode != 0
    assert "DEBUG must be true or false, not 'ture'" in result.stderr


def test_local_development_keeps_a_generated_key_private_under_var(tmp_path):
    first = manage(tmp_path, "check")
    key = (tmp_path / "secret_key").read_text()
    second = manage(tmp_path, "check")

    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert len(key) >= 50
    assert (tmp_path / "secret_key").read_text() == key
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1"])
def test_debug_is_allowed_on_a_local_host(tmp_path, host):
    result = manage(tmp_path, "check", DEBUG="1", ALLOWED_HOSTS=host)

    assert result.returncode == 0, result.stderr
