"""How far a batch of outbox messages has got: one counting query, failures listed when any."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Q, QuerySet

from ghostless.messaging.models import Message, MessageStatus

FAILED = (MessageStatus.FAILED, MessageStatus.BOUNCED)


@dataclass
class SendProgress:
    total: int
    finished: bool  # the task that writes the batch's messages has run
    counts: dict[str, int]
    skipped: list[dict]
    failed: list[Message] = field(default_factory=list)
    # When a sweep took the batch over from a worker that died; None when it never had to.
    resumed_at: datetime | None = None

    @property
    def sent(self) -> int:
        return self.counts.get(MessageStatus.SENT, 0)

    @property
    def in_flight(self) -> int:
        return self.counts.get(MessageStatus.QUEUED, 0) + self.counts.get(MessageStatus.SENDING, 0)

    @property
    def failed_count(self) -> int:
        return sum(self.counts.get(status, 0) for status in FAILED)

    @property
    def done(self) -> bool:
        """The task has run and the outbox holds none of the batch's messages any more."""
        return self.finished and not self.in_flight

    def as_json(self) -> dict:
        return {
            "total": self.total,
            "sent": self.sent,
            "queued": self.in_flight,
            "failed": self.failed_count,
            "skipped": len(self.skipped),
            "done": self.done,
            "resumed": self.resumed_at is not None,
        }


def send_progress(
    messages: QuerySet[Message],
    *,
    total: int,
    finished: bool,
    skipped: list[dict],
    still_failing: Q | None = None,
    resumed_at: datetime | None = None,
) -> SendProgress:
    """Count `messages` by status; list the failed ones (narrowed by `still_failing`)."""
    counts = dict(messages.values_list("status").annotate(n=Count("id")).order_by())
    failed = []
    if any(counts.get(status) for status in FAILED):
        failing = messages.filter(status__in=FAILED)
        if still_failing is not None:
            failing = failing.filter(still_failing)
        failed = list(failing.select_related("candidate").order_by("id"))
    return SendProgress(
        total=total,
        finished=finished,
        counts=counts,
        skipped=skipped,
        failed=failed,
        resumed_at=resumed_at,
    )
