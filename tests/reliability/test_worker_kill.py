"""Kill -9 a real task worker in the middle of a batch, start a new one, and count at a real
SMTP server that every recipient heard exactly once.

The database is the suite's kind: on SQLite, the embedded default (a SQLite file and the
SQLite task queue, one worker); on PostgreSQL, Redis as the queue and two worker processes
sharing it, as on several machines. The restarted workers run an hour ahead (faketime), as if
an operator started them later: the sweeps' waiting times have passed, so they resume at once.

The one duplicate SMTP allows: a message the server had accepted when the worker died, before
its "sent" was committed, goes out again with the same Message-ID (docs/reliability.md).
"""

import contextlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from tests.messaging.conftest import SmtpServer

ROOT = Path(__file__).resolve().parents[2]
POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
REDIS_URL = "redis://127.0.0.1:6379/14"
RECIPIENTS = 200
WAIT = 120  # seconds a phase may take before the test gives up

pytestmark = pytest.mark.slow


def need(program: str) -> None:
    if shutil.which(program) is None:
        message = f"{program} is not installed (apt-get install {program})"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


class Database:
    """Raw reads of the batch's progress, from outside the processes under test."""

    def __init__(self, url: str | None, path: Path | None):
        self.url, self.path = url, path

    def rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        if self.path:
            with sqlite3.connect(self.path, timeout=30) as db:
                return db.execute(sql, params).fetchall()
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as db:
            return db.execute(sql.replace("?", "%s"), params).fetchall()


def postgres_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(settings_url("postgres"), autocommit=True) as db:
        db.execute(sql)


def settings_url(name: str) -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


@pytest.fixture(scope="module")
def template_db(tmp_path_factory):
    """One migrated database per module, copied for each test (migrating takes seconds)."""
    need("faketime")
    folder = tmp_path_factory.mktemp("kill-template")
    env = base_env(folder)
    name = f"ghostless_kill_tpl_{os.getpid()}"
    if POSTGRES:
        postgres_admin(f'DROP DATABASE IF EXISTS "{name}"')
        postgres_admin(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = settings_url(name)
    run(env, "manage.py", "migrate", "--noinput", "-v0")
    yield folder / "ghostless.sqlite3" if not POSTGRES else name
    if POSTGRES:
        postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def company(template_db, tmp_path):
    """A fresh copy of the migrated database, its queue and environment for the workers."""
    env = base_env(tmp_path)
    if POSTGRES:
        name = f"ghostless_kill_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        postgres_admin(f'CREATE DATABASE "{name}" TEMPLATE "{template_db}"')
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
        env |= {"DATABASE_URL": settings_url(name), "REDIS_URL": REDIS_URL}
        yield env, Database(settings_url(name), None)
        postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        shutil.copy(template_db, tmp_path / "ghostless.sqlite3")
        yield env, Database(None, tmp_path / "ghostless.sqlite3")


@pytest.fixture
def smtp_server():
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


def base_env(var_dir: Path) -> dict[str, str]:
    drop = {"DATABASE_URL", "REDIS_URL", "EMAIL_URL", "HUEY_PATH", "DJANGO_SETTINGS_MODULE"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    return env | {"DJANGO_SETTINGS_MODULE": "ghostless.settings", "GHOSTLESS_VAR_DIR": str(var_dir)}


def run(env: dict, *args: str) -> str:
    done = subprocess.run(  # noqa: S603 -- this interpreter, our own scripts
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def start_workers(env: dict, log: Path, *, count: int, ahead: str = "") -> list[subprocess.Popen]:
    command = [sys.executable, "manage.py", "run_huey"]
    if ahead:
        command = ["faketime", "-f", ahead, *command]
    with log.open("a") as out:
        return [
            subprocess.Popen(  # noqa: S603 -- the project's own worker
                command,
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            for _ in range(count)
        ]


def kill(workers: list[subprocess.Popen], sig=signal.SIGKILL) -> None:
    for worker in workers:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(worker.pid, sig)
    for worker in workers:
        worker.wait(timeout=30)


def wait_for(what: str, check, log: Path) -> None:
    deadline = time.monotonic() + WAIT
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}; worker log:\n{log.read_text()[-4000:]}")
        time.sleep(0.02)


@pytest.mark.parametrize("kind", ["bulk", "close_out"])
def test_a_worker_killed_mid_batch_loses_nobody_and_repeats_nobody(
    kind, company, smtp_server, tmp_path
):
    env, db = company
    env["EMAIL_URL"] = f"smtp://127.0.0.1:{smtp_server.port}"
    log = tmp_path / "workers.log"
    world = json.loads(run(env, "-m", "tests.reliability.world", kind, str(RECIPIENTS)))
    table, batch = world["table"], world["id"]

    def progress():
        sql = f"SELECT position, finished_at, resumes FROM {table} WHERE id = ?"  # noqa: S608
        return db.rows(sql, (batch,))[0]

    workers = start_workers(env, log, count=2 if POSTGRES else 1)
    try:
        wait_for("the batch to commit its first step", lambda: progress()[0] > 0, log)
    finally:
        kill(workers)
    position, finished, _ = progress()
    assert finished is None and 0 < position < RECIPIENTS, "the kill must land mid-batch"
    # Only these were in the server's hands when the worker died; they alone may repeat.
    in_flight = {
        address
        for (address,) in db.rows("SELECT to_email FROM messaging_message WHERE status = 'sending'")
    }

    workers = start_workers(env, log, count=2 if POSTGRES else 1, ahead="+1h")
    try:
        wait_for("the batch to finish", lambda: progress()[1] is not None, log)
        wait_for(
            "the outbox to empty",
            lambda: (
                not db.rows("SELECT 1 FROM messaging_message WHERE status IN ('queued', 'sending')")
            ),
            log,
        )
    finally:
        kill(workers, signal.SIGTERM)

    heard = Counter(address for to, _ in smtp_server.recorder.received for address in to)
    assert set(heard) == set(world["emails"]), "everyone hears"
    repeated = {address for address, n in heard.items() if n > 1}
    assert repeated <= in_flight and all(heard[a] == 2 for a in repeated)
    ids = Counter(m["Message-ID"] for m in smtp_server.messages if m["To"] in repeated)
    assert len(ids) == len(repeated), "a repeat carries the first copy's Message-ID"
    assert progress()[2] == 1, "resumed once, however many workers swept"
    if kind == "close_out":
        statuses = db.rows(
            "SELECT status, COUNT(*) FROM jobs_application WHERE job_id = ? GROUP BY status",
            (world["job"],),
        )
        assert dict(statuses) == {"rejected": RECIPIENTS, "hired": 1}
