"""One winner: two candidates book the same interviewer's time at the same moment, each in
their own thread with their own database connection, on SQLite and on PostgreSQL alike."""

import sqlite3
import tempfile
import threading
from contextlib import contextmanager, suppress
from datetime import timedelta

import pytest
import time_machine
from django.db import connection, connections

from ghostless.interviews import slots
from ghostless.interviews.models import Interview, SlotOffer, SlotOfferState
from ghostless.messaging.models import Message
from tests.factories import ApplicationFactory, CandidateFactory
from tests.interviews import slot_fixtures as fx
from tests.interviews.slot_fixtures import FIRST, NOW, offer_times

ivan, company_in_berlin = fx.ivan, fx.company_in_berlin
ROUNDS = 3


@contextmanager
def database_per_thread():
    """Threads get their own connections. SQLite's in-memory test database is one shared
    cache, which answers "table is locked" where a file waits for the lock, so on SQLite the
    threads use a copy in a file, set up as in production (WAL, IMMEDIATE transactions)."""
    if connection.vendor != "sqlite":
        yield
        return
    with tempfile.TemporaryDirectory() as folder:
        path = f"{folder}/ghostless.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(path)
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=WAL")
        copy.close()
        original = connections.settings["default"]
        connections.settings["default"] = {**original, "NAME": path}
        try:
            yield
        finally:
            connections.settings["default"] = original


def in_thread(work):
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


@pytest.fixture
def held_open(monkeypatch):
    """Widen the race: a pick that has looked for clashes waits (up to a second) for the other
    pick to have looked too, before booking. With the interviewer's row locked, the other
    cannot look until the first commits, so the wait times out; without the lock both would
    look, find nothing, and book the same time."""
    looked = threading.Barrier(2)
    real = slots.interview_overlaps

    def overlaps(**kwargs):
        found = real(**kwargs)
        with suppress(threading.BrokenBarrierError):
            looked.wait(timeout=1)
        return found

    monkeypatch.setattr(slots, "interview_overlaps", overlaps)
    return looked


def race(picks, held_open=None):
    """Run each (candidate, slot id) pick in its own thread, released together; what each
    got: "booked", "taken" or the repr of anything else."""
    barrier = threading.Barrier(len(picks))
    if held_open is not None:
        held_open.reset()
    outcomes = [None] * len(picks)

    def pick(i, candidate, slot_id):
        try:
            with time_machine.travel(NOW, tick=True):
                barrier.wait()
                slots.slot_pick(candidate=candidate, slot_id=slot_id)
            outcomes[i] = "booked"
        except slots.SlotTaken:
            outcomes[i] = "taken"
        except Exception as error:  # a lock error would be a lost booking: count it
            outcomes[i] = repr(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=pick, args=(i, candidate, slot_id))
        for i, (candidate, slot_id) in enumerate(picks)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_two_candidates_picking_one_interviewers_time_at_once_make_one_interview(
    recruiter, job, ivan, held_open
):
    picks = []
    with time_machine.travel(NOW, tick=False):
        for n in range(ROUNDS):
            start = FIRST + timedelta(days=n)
            for name in ("Cara", "Dora"):
                candidate = CandidateFactory(
                    first_name=name, emails=[f"{name.lower()}{n}@example.org"], owner=recruiter
                )
                application = ApplicationFactory(candidate=candidate, job=job)
                # The same 60 minutes for one, a half-hour overlap for the other: either clashes.
                offset = timedelta(minutes=30) if name == "Dora" else timedelta()
                offer = offer_times(
                    application, recruiter, [ivan], [start + offset, start + timedelta(hours=3)]
                )
                picks.append((n, candidate, offer.slots.first().pk))

    with database_per_thread():
        results = [
            race([(candidate, slot) for n, candidate, slot in picks if n == rnd], held_open)
            for rnd in range(ROUNDS)
        ]
        interviews = in_thread(lambda: list(Interview.objects.order_by("starts_at")))
        offers = in_thread(lambda: dict(SlotOffer.objects.values_list("pk", "state")))
        invites = in_thread(lambda: Message.objects.filter(calendar_method="REQUEST").count())

    for outcome in results:
        assert sorted(outcome) == ["booked", "taken"], outcome
    assert len(interviews) == ROUNDS
    assert sorted(offers.values()).count(SlotOfferState.BOOKED) == ROUNDS
    assert sorted(offers.values()).count(SlotOfferState.OPEN) == ROUNDS
    assert invites == ROUNDS * 2  # per booking, one invite to the candidate, one to Ivan


@pytest.mark.django_db(transaction=True)
def test_the_loser_can_pick_another_of_their_times(recruiter, job, ivan):
    with time_machine.travel(NOW, tick=False):
        offers = []
        for name in ("Cara", "Dora"):
            candidate = CandidateFactory(first_name=name, emails=[f"{name.lower()}@example.org"])
            application = ApplicationFactory(candidate=candidate, job=job)
            offers.append(
                (
                    candidate,
                    offer_times(
                        application, recruiter, [ivan], [FIRST, FIRST + timedelta(hours=3)]
                    ),
                )
            )

    with database_per_thread():
        outcome = race([(candidate, offer.slots.first().pk) for candidate, offer in offers])
        loser, offer = offers[outcome.index("taken")]
        later = offer.slots.last().pk

        def again():
            with time_machine.travel(NOW, tick=False):
                return slots.slot_pick(candidate=loser, slot_id=later).state

        assert in_thread(again) == SlotOfferState.BOOKED
        starts = in_thread(lambda: list(Interview.objects.values_list("starts_at", flat=True)))

    assert sorted(starts) == [FIRST, FIRST + timedelta(hours=3)]
