"""Outbox throughput: queued messages delivered one by one to a local SMTP server."""

import logging
import socket
import statistics
import time
import uuid

from aiosmtpd.controller import Controller
from django.db import transaction
from django.test.utils import override_settings

from bench.harness import Result, count_queries, p95
from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate, CandidateEmail
from ghostless.messaging.models import Message, MessageStatus
from ghostless.messaging.outbox import handle_one
from ghostless.messaging.services import message_queue

TARGET_PER_SECOND = 50


class Counter:
    def __init__(self) -> None:
        self.received = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 -- aiosmtpd's hook name
        self.received += 1
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def outbox_throughput(recruiter: User, *, messages: int = 200) -> Result:
    """Queue `messages` emails to a throwaway candidate, then time one worker delivering
    them through SMTP (`handle_one`, what each Huey task runs). The candidate and everything
    sent to them are deleted afterwards."""
    # aiosmtpd logs every SMTP command at INFO; one line per message would bury the results.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    counter = Counter()
    port = _free_port()
    controller = Controller(counter, hostname="127.0.0.1", port=port)
    controller.start()
    smtp = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False,
    }
    candidate = Candidate.objects.create(first_name="Outbox", last_name="Bench", owner=recruiter)
    CandidateEmail.objects.create(
        candidate=candidate, email=f"outbox-{uuid.uuid4().hex}@example.com"
    )
    try:
        with override_settings(**smtp):
            with transaction.atomic():
                ids = [
                    message_queue(
                        candidate=candidate,
                        actor=recruiter,
                        subject=f"Benchmark {n}",
                        body="Measuring how fast the outbox delivers.",
                    ).pk
                    for n in range(messages)
                ]
            queries = count_queries(lambda: handle_one(ids[0]))
            samples = []
            for pk in ids[1:]:
                started = time.perf_counter()
                handle_one(pk)
                samples.append((time.perf_counter() - started) * 1000)
        sent = Message.objects.filter(pk__in=ids, status=MessageStatus.SENT).count()
    finally:
        candidate.delete()
        controller.stop()
    if sent != messages or counter.received != messages:
        raise AssertionError(f"outbox: {sent} sent, {counter.received} received of {messages}")
    rate = len(samples) * 1000 / sum(samples)
    return Result(
        name="outbox to local SMTP (one worker)",
        runs=messages,
        median_ms=statistics.median(samples),
        p95_ms=p95(samples),
        queries=queries,
        target=None,
        met=rate >= TARGET_PER_SECOND,
        note=f"{rate:.0f} messages/s (target {TARGET_PER_SECOND}); times per message",
        extra={"messages_per_second": rate},
    )
