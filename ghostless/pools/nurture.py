"""Nurture: one template to a talent pool or a selection of candidates, through the outbox.

Only people who said yes hear from us: for a pool, that pool's consent must be active; for a
selection, any pool's. Whoever is marked do not contact, unsubscribed, has no address, or is
refused by the outbox (suppressed address) is skipped, and the skips are counted by reason on
the progress page.
"""

import uuid
from collections import Counter

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate, CandidateEmail
from ghostless.core.errors import DomainError
from ghostless.core.permissions import check_recruiter
from ghostless.messaging.batches import access_batch, batch_create, batch_for_key, batch_run
from ghostless.messaging.models import EmailTemplate, Message
from ghostless.messaging.preview import first_message
from ghostless.messaging.progress import SendProgress, send_progress
from ghostless.messaging.services import active_suppression, message_queue
from ghostless.pools.models import NurtureSend, PoolMember, TalentPool

PROGRESS_CHUNK = 10_000
# Why someone was not sent to, in the order they are checked.
SKIP_LABELS = {
    "do_not_contact": "Marked do not contact",
    "unsubscribed": "Unsubscribed",
    "no_consent": "No active consent",
    "no_email": "No email address",
    "refused": "Refused by the outbox",
}


def _consent(pool: TalentPool | None) -> Exists:
    """Active consent: to this pool's list, or to any pool's when there is none."""
    members = PoolMember.objects.filter(
        candidate_id=OuterRef("pk"),
        consent_given_at__isnull=False,
        consent_expires_at__gt=timezone.now(),
    )
    return Exists(members.filter(pool=pool) if pool is not None else members)


def _has_email() -> Exists:
    return Exists(CandidateEmail.objects.filter(candidate_id=OuterRef("pk")))


DO_NOT_CONTACT = Q(do_not_contact_at__isnull=False)
UNSUBSCRIBED = Q(unsubscribed_at__isnull=False) & ~DO_NOT_CONTACT


def nurture_preview(*, candidates: QuerySet[Candidate], pool: TalentPool | None) -> dict:
    """How many of these there are and how many would be skipped, by reason; one query."""
    consent, email = Q(_consent(pool)), Q(_has_email())
    return candidates.aggregate(
        total=Count("pk"),
        do_not_contact=Count("pk", filter=DO_NOT_CONTACT),
        unsubscribed=Count("pk", filter=UNSUBSCRIBED),
        no_consent=Count("pk", filter=~DO_NOT_CONTACT & ~UNSUBSCRIBED & ~consent),
        no_email=Count("pk", filter=~DO_NOT_CONTACT & ~UNSUBSCRIBED & consent & ~email),
    )


def nurture_first_message(
    *, candidates: QuerySet[Candidate], pool: TalentPool | None, template: EmailTemplate, actor
) -> dict | None:
    """The batch's first message as its recipient will get it: the lowest id not skipped
    (the order `nurture_run` sends in), whose address is not suppressed."""
    reachable = (
        candidates.filter(unsubscribed_at__isnull=True, do_not_contact_at__isnull=True)
        .filter(_consent(pool), _has_email())
        .prefetch_related("emails")
        .order_by("pk")
    )
    for candidate in reachable[:20]:
        address = candidate.emails.all()[0].email
        if active_suppression(address) is None:
            return first_message(
                candidate=candidate,
                job=None,
                template=template,
                to_email=address,
                actor=actor,
                pool=pool,
            )
    return None


def _skip_codes(ids: list[int], pool: TalentPool | None) -> dict[int, str]:
    """Who among these is skipped before the outbox is asked, and why; one query."""
    rows = (
        Candidate.objects.filter(pk__in=ids)
        .annotate(consent=_consent(pool), has_email=_has_email())
        .values_list("pk", "do_not_contact_at", "unsubscribed_at", "consent", "has_email")
    )
    codes = {}
    for pk, do_not_contact_at, unsubscribed_at, consent, has_email in rows:
        if do_not_contact_at is not None:
            codes[pk] = "do_not_contact"
        elif unsubscribed_at is not None:
            codes[pk] = "unsubscribed"
        elif not consent:
            codes[pk] = "no_consent"
        elif not has_email:
            codes[pk] = "no_email"
    return codes


def nurture_start(
    *,
    actor: User,
    template: EmailTemplate | None,
    pool: TalentPool | None = None,
    candidates: QuerySet[Candidate] | None = None,
    key: uuid.UUID | None = None,
) -> NurtureSend:
    """Write the batch for a pool (its members now) or a selection, and hand it to a task
    after the commit; nothing is sent here.

    `key` comes from the form, fresh each time it is shown: the same form submitted twice
    (a double click) returns the first batch instead of starting a second.
    """
    check_recruiter(actor, "send nurture email")
    if existing := batch_for_key(NurtureSend, key=key, actor=actor):
        return existing
    if template is None:
        raise DomainError("Choose a template to send.", field="template")
    if (pool is None) == (candidates is None):
        raise DomainError("Send to a pool or to a selection of candidates.", field="candidates")
    if pool is not None:
        ids = sorted(set(pool.members.values_list("candidate_id", flat=True)))
    else:
        ids = sorted(set(candidates.values_list("pk", flat=True)))
    if not ids:
        raise DomainError("Nobody to email: the selection or pool is empty.", field="candidates")
    return batch_create(
        NurtureSend,
        key=key,
        actor=actor,
        enqueue=_enqueue,
        template=template,
        pool=pool,
        candidate_ids=ids,
        total=len(ids),
    )


def _enqueue(batch_id: int) -> None:
    from ghostless.pools.tasks import send_nurture

    send_nurture(batch_id)


def message_key(batch: NurtureSend, candidate_id: int | str) -> str:
    return f"nurture:{batch.key}:{candidate_id}"


def nurture_run(batch_id: int) -> NurtureSend:
    """Queue one personalized message per reachable candidate of the batch, a step at a time
    (see `batch_run`). Safe to rerun, and resumed where it stopped when a worker dies.

    1. Each message's idempotency key names the batch and the candidate, so a second run gets
       the first run's message back instead of writing another.
    2. Consent, unsubscribing and addresses are checked now, at sending time; the outbox
       refuses suppressed addresses.
    3. The batch is marked finished; delivery goes on in the outbox, which puts each sent
       email on the candidate's timeline.
    """
    batch = NurtureSend.objects.select_related("actor", "template", "pool").get(pk=batch_id)

    def process(ids: list[int]) -> list[dict]:
        skipped = []
        codes = _skip_codes(ids, batch.pool)
        found = Candidate.objects.prefetch_related("emails").in_bulk(ids)
        for candidate_id in ids:
            candidate = found.get(candidate_id)
            if candidate is None:
                skipped.append(_skip(candidate_id, "", "refused", "The candidate was deleted."))
            elif code := codes.get(candidate_id):
                skipped.append(_skip(candidate_id, candidate.name, code, SKIP_LABELS[code]))
            else:
                try:
                    _queue(batch, candidate)
                except DomainError as error:
                    skipped.append(_skip(candidate_id, candidate.name, "refused", error.message))
        return skipped

    batch_run(batch, batch.candidate_ids, process)
    batch.refresh_from_db()
    return batch


def _queue(batch: NurtureSend, candidate: Candidate) -> Message:
    if batch.template is None:
        raise DomainError("The template was deleted before this message was sent.")
    return message_queue(
        candidate=candidate,
        template=batch.template,
        actor=batch.actor,
        idempotency_key=message_key(batch, candidate.pk),
        # The pool's "keep me in mind" link renews consent to this very pool.
        pool=batch.pool,
    )


def _skip(candidate_id: int, name: str, code: str, reason: str) -> dict:
    return {"candidate_id": candidate_id, "candidate": name, "code": code, "reason": reason}


# Reads.


def access_nurture(user: User, key) -> NurtureSend:
    return access_batch(NurtureSend, user, key, "actor", "template", "pool")


def nurture_progress(batch: NurtureSend) -> SendProgress:
    """The batch's messages counted by status, plus who was skipped and why. One counting
    query per PROGRESS_CHUNK candidates keeps each under the databases' parameter limits."""
    prefix = f"{batch.actor_id}:{message_key(batch, '')}"
    counts: Counter = Counter()
    failed = []
    for start in range(0, len(batch.candidate_ids), PROGRESS_CHUNK):
        ids = batch.candidate_ids[start : start + PROGRESS_CHUNK]
        part = send_progress(
            # The candidate index finds the rows; the key prefix keeps this batch's only.
            Message.objects.filter(candidate_id__in=ids, idempotency_key__startswith=prefix),
            total=0,
            finished=False,
            skipped=[],
        )
        counts.update(part.counts)
        failed += part.failed
    return SendProgress(
        total=batch.total,
        finished=batch.finished_at is not None,
        counts=dict(counts),
        skipped=batch.skipped,
        resumed_at=batch.resumed_at,
        failed=failed,
    )


def skip_counts(skipped: list[dict]) -> list[tuple[str, int]]:
    """(label, how many) per skip reason, in SKIP_LABELS order, only those that happened."""
    counts = Counter(row["code"] for row in skipped)
    return [(label, counts[code]) for code, label in SKIP_LABELS.items() if counts[code]]
