"""The careers rate limit under simultaneous posts: counting and recording are one step."""

import sqlite3
import threading

import pytest
from django.db import connection, connections

from ghostless.careers.models import Submission
from ghostless.careers.services import MAX_PER_EMAIL, RateLimited, check_rate_limit

POSTS = 20


@pytest.fixture
def database_per_thread(transactional_db, tmp_path):
    """Each thread gets its own connection to the test database. SQLite's in-memory test
    database is one shared cache, which answers "table is locked" where a file waits for the
    lock, so on SQLite the threads use a copy in a file, set up as in production (WAL,
    IMMEDIATE transactions); a thread reads the result back."""
    if connection.vendor != "sqlite":
        yield
        return
    path = tmp_path / "ghostless.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    copy.close()
    original = connections.settings["default"]
    connections.settings["default"] = {**original, "NAME": str(path)}
    try:
        yield
    finally:
        connections.settings["default"] = original


def in_thread(work):
    """The result of `work` run in a new thread, with its own connection, closed after."""
    result = []

    def run():
        try:
            result.append(work())
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return result[0]


def test_twenty_simultaneous_applications_from_one_address_accept_exactly_the_limit(
    database_per_thread,
):
    barrier = threading.Barrier(POSTS)
    accepted, refused, failed = [], [], []

    def post(i: int) -> None:
        try:
            barrier.wait()
            check_rate_limit(email="pat@example.net", ip=f"10.0.0.{i}", job=None)
            accepted.append(i)
        except RateLimited:
            refused.append(i)
        except Exception as error:  # a lock error would be a lost applicant: count it
            failed.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(i,)) for i in range(POSTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failed == []
    assert len(accepted) == MAX_PER_EMAIL
    assert len(refused) == POSTS - MAX_PER_EMAIL
    recorded = in_thread(Submission.objects.filter(email="pat@example.net").count)
    assert recorded == MAX_PER_EMAIL
