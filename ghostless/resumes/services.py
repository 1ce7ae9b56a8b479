"""Writes for resumes: storing uploads, reading their text, taking contacts from them."""

import hashlib
import logging
from collections.abc import Iterable
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.candidates.services import candidate_update
from ghostless.core.errors import DomainError
from ghostless.core.permissions import check_recruiter
from ghostless.resumes import events
from ghostless.resumes.contacts import LINK_FIELDS, contact_offers, find_contacts
from ghostless.resumes.extract import ExtractError, extract_text
from ghostless.resumes.models import ParseStatus, Resume
from ghostless.resumes.validation import MAX_BYTES, check_resume
from ghostless.search.index import candidate_reindex

logger = logging.getLogger(__name__)

UNREADABLE = "The file is damaged or in a form we cannot read."
MAX_ATTEMPTS = 3
GAVE_UP = "Reading it failed three times."
# Longer than a healthy queue takes to reach an upload.
STUCK_AFTER = timedelta(minutes=10)


def resume_add(*, candidate: Candidate, upload, actor: User | None) -> Resume:
    """Store a checked upload as the candidate's current resume; earlier ones are kept. Its
    text is read by a task once the upload is committed."""
    check_recruiter(actor, "can upload resumes")
    content_type = check_resume(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    # Keep only the last path segment and a sane length: it is shown and sent as a filename.
    original = (upload.name or "resume").replace("\\", "/").rsplit("/", 1)[-1][:255] or "resume"
    with transaction.atomic():
        Resume.objects.filter(candidate=candidate, is_current=True).update(is_current=False)
        resume = Resume(
            candidate=candidate,
            original_filename=original,
            content_type=content_type,
            size=upload.size,
            sha256=digest.hexdigest(),
            uploaded_at=timezone.now(),
            uploaded_by=actor,
            is_current=True,
        )
        resume.file.save("resume", upload, save=False)
        resume.save()
        if actor is not None:
            events.resume_uploaded(resume=resume, actor=actor)
        transaction.on_commit(lambda: _enqueue(resume.pk))
    return resume


def _enqueue(resume_id: int) -> None:
    from ghostless.resumes.tasks import extract_resume

    extract_resume(resume_id)


def resume_claim_read(*, resume_id: int) -> Resume | None:
    """Count one more attempt at reading a pending resume, committed before the reading starts,
    so a file that kills the worker uses up its tries. None when it is read already, deleted,
    or out of tries."""
    claimed = Resume.objects.filter(
        pk=resume_id, parse_status=ParseStatus.PENDING, parse_attempts__lt=MAX_ATTEMPTS
    ).update(parse_attempts=F("parse_attempts") + 1)
    return Resume.objects.get(pk=resume_id) if claimed else None


def resumes_stuck(*, limit: int = 500) -> list[int]:
    """Resumes waiting too long to be read, to queue again; those out of tries are marked
    failed instead (their file is kept)."""
    waiting = Resume.objects.filter(
        parse_status=ParseStatus.PENDING, uploaded_at__lt=timezone.now() - STUCK_AFTER
    )
    waiting.filter(parse_attempts__gte=MAX_ATTEMPTS).update(
        parse_status=ParseStatus.FAILED, parse_error=GAVE_UP, parsed_at=timezone.now()
    )
    return list(waiting.order_by("uploaded_at").values_list("pk", flat=True)[:limit])


def resume_extract(*, resume: Resume) -> Resume:
    """Read the file's text and the contacts in it, then reindex the candidate. A file that
    cannot be read is kept and marked failed with the reason; this never raises for a bad
    file, so a hostile upload cannot stop the worker."""
    try:
        with resume.file.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
        text, error = extract_text(data, resume.content_type), ""
    except ExtractError as exc:
        text, error = "", exc.message
    except Exception:  # any parser failure on a stranger's file: recorded, not raised
        logger.warning("Could not read resume %s", resume.pk, exc_info=True)
        text, error = "", UNREADABLE
    resume.text = text
    resume.parse_error = error
    resume.parse_status = ParseStatus.FAILED if error else ParseStatus.PARSED
    resume.parsed_at = timezone.now()
    resume.found_contacts = find_contacts(text) if text else []
    with transaction.atomic():
        resume.save(
            update_fields=["text", "parse_error", "parse_status", "parsed_at", "found_contacts"]
        )
        candidate_reindex([resume.candidate_id])
    return resume


def resume_contacts_apply(*, resume: Resume, actor: User, items: Iterable[str]) -> list[str]:
    """Add the chosen contact details found in the resume to the profile: emails and phones
    are appended, a link only fills an empty field. `items` are offer keys ("emails:a@b.c");
    only what is still on offer is accepted, so nothing is overwritten. Returns what was added."""
    check_recruiter(actor, "can change candidates")
    offers = {offer.key: offer for offer in contact_offers(resume=resume)}
    chosen = list(dict.fromkeys(items))
    if not chosen:
        raise DomainError("Choose the details to add.", field="items")
    for key in chosen:
        offer = offers.get(key)
        if offer is None:
            raise DomainError(
                "Those details are no longer on offer; the profile changed. Choose again.",
                field="items",
            )
        if offer.owner is not None:
            raise DomainError(
                f"{offer.shown} already belongs to {offer.owner.name}.", field="items"
            )
    picked = [offers[key] for key in chosen]
    candidate = resume.candidate
    changes: dict = {}
    for field in ("emails", "phones"):
        new = [o.value for o in picked if o.field == field]
        if new:
            have = candidate.emails.all() if field == "emails" else candidate.phones.all()
            current = [row.email if field == "emails" else row.phone for row in have]
            changes[field] = current + new
    for offer in picked:
        if offer.field in LINK_FIELDS:
            changes[offer.field] = offer.value
    with transaction.atomic():
        candidate_update(candidate=candidate, actor=actor, **changes)
        added = [f"{o.label} {o.shown}" for o in picked]
        events.resume_contacts_added(resume=resume, actor=actor, added=added)
    return added
