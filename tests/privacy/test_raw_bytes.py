"""The SQLite file and its write-ahead log hold no byte of the person after anonymisation:
no free page, old index segment or log frame (secure_delete, FTS5 optimize, a checkpoint)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.privacy.person import SECRETS

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
        reason="raw file bytes are a SQLite matter (PostgreSQL is searched table by table)",
    ),
]


def test_database_file_and_wal_hold_no_trace(tmp_path):
    database = tmp_path / "ghostless.sqlite3"
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "GHOSTLESS_VAR_DIR": str(tmp_path),
        "HUEY_PATH": str(tmp_path / "huey.sqlite3"),
        "PYTHONPATH": str(ROOT),
    }
    subprocess.run(  # noqa: S603 - our own script, our own interpreter
        [sys.executable, str(Path(__file__).with_name("raw_bytes_script.py"))],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    files = [p for p in tmp_path.glob("ghostless.sqlite3*") if p.is_file()]
    assert database in files
    held = [(p.name, s) for p in files for s in SECRETS if s.encode() in p.read_bytes().lower()]
    assert held == []
