"""Anonymising one person: every row that holds their words loses them; counts, dates,
stages, sources and outcomes stay, so reports stay true.

`candidate_anonymise` is the one door (the profile, the API, erasure on request, retention).
tests/privacy/test_no_trace.py searches every column of every table afterwards, so a table
added later that holds a candidate's text fails there until it is handled here.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate, CandidateMerge, DuplicateDismissal
from ghostless.careers.models import ApplicationAnswer, Submission
from ghostless.core import hooks
from ghostless.followups.models import FollowUp
from ghostless.interviews.models import (
    Attendee,
    AttendeeRole,
    Interview,
    Scorecard,
    ScorecardRevision,
    SlotOffer,
)
from ghostless.jobs.models import Application
from ghostless.loop.models import CloseOut
from ghostless.messaging.backends import EmlFileBackend, eml_name
from ghostless.messaging.models import (
    BulkSend,
    InboundAttachment,
    InboundEmail,
    Message,
    Suppression,
)
from ghostless.notifications.models import Notification
from ghostless.offers.models import Offer, OfferApproval
from ghostless.pools.models import NurtureSend, PoolMember
from ghostless.privacy import events
from ghostless.privacy.models import SubjectExport
from ghostless.resumes.models import Resume
from ghostless.search.models import SearchDocument
from ghostless.texts.models import Call, InboundText, NumberBlock, Text
from ghostless.texts.provider import config as provider_config
from ghostless.timeline.audit import audit_event
from ghostless.timeline.models import Activity, AuditEntry

LOOP_SKIP_KEPT = "(reason anonymised)"


def anonymised_name(candidate_id: int) -> str:
    return f"Anonymised candidate #{candidate_id}"


def untold_applications(candidate: Candidate):
    """Applications whose outcome was decided (or whose job ended) and never told."""
    return Application.objects.filter(
        candidate=candidate, told_at__isnull=True, loop_skip_reason=""
    ).filter(Q(status="rejected") | Q(status="active", job__status__in=["filled", "closed"]))


def candidate_anonymise(
    candidate: Candidate, *, actor: User | None, reason: str, by: str = ""
) -> Candidate:
    """Anonymise `candidate` for `reason`; `by` says who or what ("Erased at the
    candidate's request", "Retention rule ..."), defaulting to the actor's name.

    1. Lock the row; a second call finds it anonymised and does nothing.
    2. Collect the person's addresses and the names of their files, then blank or delete
       every row of theirs that holds text (see the module docstring).
    3. Write a timeline entry and an audit row holding no personal data.
    4. After the commit: delete the files and sent-mail copies, compact the full-text index
       and the SQLite write-ahead log, and send `hooks.candidate_anonymised`.
    """
    reason = reason.strip()[:300] or "No reason given"
    with transaction.atomic():
        candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
        if candidate.anonymised_at is not None:
            return candidate
        untold = untold_applications(candidate).count()
        files = _scrub(candidate)
        now = timezone.now()
        name = anonymised_name(candidate.pk)
        Candidate.objects.filter(pk=candidate.pk).update(
            first_name=name,
            last_name="",
            location="",
            time_zone="",
            linkedin_url="",
            github_url="",
            website_url="",
            current_title="",
            current_company="",
            skills="",
            linkedin_key="",
            custom_fields={},
            do_not_contact_reason="",
            anonymised_at=now,
            updated_at=now,
        )
        candidate.refresh_from_db()
        events.candidate_anonymised(
            candidate=candidate,
            actor=actor,
            by=by or (f"By {actor.name}" if actor else "By Ghostless"),
            reason=reason,
            untold=untold,
        )
        audit_event(
            actor=actor,
            subject="candidate",
            subject_id=candidate.pk,
            label=name,
            event="anonymised",
            detail={"reason": [None, reason], "untold_applications": [None, untold]},
        )
        transaction.on_commit(lambda: _after_commit(files))
        hooks.candidate_anonymised.send_on_commit(candidate_id=candidate.pk)
    return candidate


def _scrub(candidate: Candidate) -> list[str]:
    """Blank or delete every row of theirs holding text; returns the files to delete (storage
    names, and sent-mail copies as absolute paths)."""
    pk = candidate.pk
    emails = list(candidate.emails.values_list("email", flat=True))
    phones = list(candidate.phones.values_list("phone", flat=True))
    secrets = [s for s in [candidate.name, *emails, *phones] if len(s) >= 3]
    application_ids = list(
        Application.objects.filter(candidate=candidate).values_list("pk", flat=True)
    )
    files = list(Resume.objects.filter(candidate=candidate).values_list("file", flat=True))
    inbound = InboundEmail.objects.filter(Q(candidate=candidate) | Q(from_email__in=emails))
    files += InboundAttachment.objects.filter(email__in=inbound).values_list("file", flat=True)
    files += [
        f
        for f in SubjectExport.objects.filter(candidate=candidate).values_list("file", flat=True)
        if f
    ]
    messages = Message.objects.filter(Q(candidate=candidate) | Q(to_email__in=emails))
    files += _sent_copies(messages.values_list("message_id", flat=True))

    candidate.emails.all().delete()
    candidate.phones.all().delete()
    candidate.tags.clear()
    Resume.objects.filter(candidate=candidate).delete()
    SubjectExport.objects.filter(candidate=candidate).delete()
    SearchDocument.objects.filter(candidate=candidate).delete()
    DuplicateDismissal.objects.filter(Q(candidate_a=candidate) | Q(candidate_b=candidate)).delete()
    PoolMember.objects.filter(candidate=candidate).delete()
    Submission.objects.filter(email__in=emails).delete()
    Suppression.objects.filter(Q(email__in=emails) | Q(message__in=messages)).delete()
    ApplicationAnswer.objects.filter(application__candidate=candidate).delete()
    InboundAttachment.objects.filter(email__in=inbound).delete()

    Application.objects.filter(candidate=candidate).exclude(loop_skip_reason="").update(
        loop_skip_reason=LOOP_SKIP_KEPT
    )
    messages.update(
        to_email="",
        reply_to="",
        subject="",
        body_text="",
        body_html="",
        calendar="",
        last_error="",
        request_hash="",
    )
    inbound.update(
        from_email="",
        from_name="",
        to="",
        subject="",
        body_text="",
        body_html="",
        auth_results="",
        raw=b"",
    )
    _scrub_activities(candidate)
    FollowUp.objects.filter(candidate=candidate).update(note="")
    Notification.objects.filter(candidate=candidate).update(text="About an anonymised candidate")
    interviews = Interview.objects.filter(application__candidate=candidate)
    interviews.update(note="")
    Attendee.objects.filter(interview__in=interviews, role=AttendeeRole.CANDIDATE).update(
        email="", name=""
    )
    Scorecard.objects.filter(application__candidate=candidate).update(notes={}, takeaways="")
    ScorecardRevision.objects.filter(scorecard__application__candidate=candidate).update(
        notes={}, takeaways=""
    )
    SlotOffer.objects.filter(application__candidate=candidate).update(note="")
    offers = Offer.objects.filter(application__candidate=candidate)
    offers.update(letter_subject="", letter="", rejection_comment="", decline_reason="")
    OfferApproval.objects.filter(offer__in=offers).update(comment="")
    CandidateMerge.objects.filter(survivor=candidate).update(
        merged_name="Anonymised candidate", snapshot={}
    )
    files += _scrub_texts(candidate, phones)
    _scrub_audit(pk, application_ids, secrets)
    _scrub_batch_skips(pk, application_ids, candidate.name)
    return files


def _scrub_texts(candidate: Candidate, phones: list[str]) -> list[str]:
    """Texts both ways and calls: bodies, numbers, recordings and transcriptions; returns
    the copies the file backend wrote (SMS_URL unset)."""
    texts = Text.objects.filter(candidate=candidate)
    copies = _sms_copies(texts.values_list("provider_sid", flat=True))
    texts.update(body="", to_phone="", last_error="")
    InboundText.objects.filter(Q(candidate=candidate) | Q(from_phone__in=phones)).update(
        body="", from_phone="", media_urls=[]
    )
    Call.objects.filter(
        Q(candidate=candidate) | Q(from_phone__in=phones) | Q(to_phone__in=phones)
    ).update(from_phone="", to_phone="", recording_url="", transcription="")
    NumberBlock.objects.filter(phone__in=phones).delete()
    return copies


def _sms_copies(sids) -> list[str]:
    if provider_config() is not None:
        return []
    folder = Path(settings.SMS_FILE_PATH)
    return [str(folder / f"{sid}.json") for sid in sids if sid]


def _scrub_activities(candidate: Candidate) -> None:
    """Subjects and bodies go; of the payload only the event kind and numbers stay (ids,
    counts), which is all reports read. One UPDATE per distinct payload shape, not per row."""
    by_payload: dict[str, list[int]] = {}
    kept: dict[str, dict] = {}
    for pk, payload in Activity.objects.filter(candidate=candidate).values_list("pk", "payload"):
        clean = _numbers_only(payload if isinstance(payload, dict) else {})
        key = repr(sorted(clean.items()))
        by_payload.setdefault(key, []).append(pk)
        kept[key] = clean
    for key, ids in by_payload.items():
        Activity.objects.filter(pk__in=ids).update(subject="", body="", payload=kept[key])


def _numbers_only(payload: dict) -> dict:
    return {
        key: value
        for key, value in payload.items()
        if key == "event" or (isinstance(value, int | float | bool) or value is None)
    }


def _scrub_audit(candidate_id: int, application_ids: list[int], secrets: list[str]) -> None:
    """The audit rows about them keep who did what and when, not the values."""
    about = Q(subject="candidate", subject_id=candidate_id) | Q(
        subject="application", subject_id__in=application_ids
    )
    for secret in secrets:
        about |= Q(label__icontains=secret)
    AuditEntry.objects.filter(about).update(label=anonymised_name(candidate_id), changes={})


def _scrub_batch_skips(candidate_id: int, application_ids: list[int], name: str) -> None:
    """Bulk sends, nurture batches and close-outs list whom they skipped by name: only rows
    whose JSON holds the name are read (as JSON stores it, non-ASCII escaped)."""
    if not name:
        return
    ours = set(application_ids)
    stored = json.dumps(name)[1:-1]
    for model in (BulkSend, NurtureSend, CloseOut):
        rows = model.objects.annotate(text=Cast("skipped", TextField())).filter(
            text__contains=stored
        )
        for pk, skipped in rows.values_list("pk", "skipped"):
            cleaned = [
                _skip_anonymised(row, candidate_id, name)
                if row.get("candidate_id") == candidate_id or row.get("application_id") in ours
                else row
                for row in skipped
            ]
            model.objects.filter(pk=pk).update(skipped=cleaned)


def _skip_anonymised(row: dict, candidate_id: int, name: str) -> dict:
    return row | {
        "candidate": anonymised_name(candidate_id),
        "reason": str(row.get("reason", "")).replace(name, "the candidate"),
    }


def _sent_copies(message_ids) -> list[str]:
    """Sent-mail files the .eml backend wrote for these messages (nothing with SMTP)."""
    if f"{EmlFileBackend.__module__}.{EmlFileBackend.__name__}" != settings.EMAIL_BACKEND:
        return []
    folder = Path(settings.EMAIL_FILE_PATH)
    return [str(folder / eml_name(mid)) for mid in message_ids if mid]


def _after_commit(files: list[str]) -> None:
    for name in files:
        if Path(name).is_absolute():
            Path(name).unlink(missing_ok=True)
        else:
            default_storage.delete(name)
    compact_storage()


def compact_storage() -> None:
    """Leave deleted text in no index segment or log: FTS5 merges its segments (dropping
    deleted entries) and SQLite truncates its write-ahead log. With `secure_delete` on (see
    settings) freed pages are zeroed. PostgreSQL overwrites nothing in place; VACUUM is the
    operator's job there (docs/privacy.md)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
    if not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
