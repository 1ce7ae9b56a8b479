"""The subject access export: everything held about one person, as a zip of JSON and files.

Asked for by a recruiter (profile, API) or by the candidate from their status page; built by
a Huey task; downloaded through a signed link that expires after EXPORT_LINK_DAYS. Every
request and every download is in the audit log.
"""

import io
import json
import zipfile
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.core.errors import DomainError
from ghostless.core.permissions import check_recruiter
from ghostless.interviews.models import Interview, Scorecard
from ghostless.jobs.models import Application
from ghostless.messaging.models import InboundAttachment, InboundEmail, Message
from ghostless.offers.models import Offer
from ghostless.pools.models import PoolMember
from ghostless.privacy import events
from ghostless.privacy.models import ExportState, SubjectExport
from ghostless.resumes.models import Resume
from ghostless.timeline.audit import audit_event
from ghostless.timeline.models import Activity

SALT = "privacy.export"


def export_request(
    *, candidate: Candidate, actor: User | None, by_candidate: bool = False
) -> SubjectExport:
    """Write the export row, its timeline entry and audit row; the build starts on commit."""
    if not by_candidate:
        check_recruiter(actor, "can export a candidate's data")
    if candidate.anonymised_at is not None:
        raise DomainError("This candidate was anonymised: there is nothing left to export.")
    from ghostless.privacy.tasks import build_export  # tasks import this module

    with transaction.atomic():
        export = SubjectExport.objects.create(
            candidate=candidate, requested_by=actor, by_candidate=by_candidate
        )
        events.subject_export_asked(candidate=candidate, actor=actor)
        audit_event(
            actor=actor,
            subject="candidate",
            subject_id=candidate.pk,
            label=candidate.name,
            event="export_requested",
            detail={"by": [None, "the candidate" if by_candidate else "staff"]},
        )
        transaction.on_commit(lambda: build_export(str(export.pk)))
    return export


def download_token(export: SubjectExport) -> str:
    return signing.dumps(str(export.pk), salt=SALT)


def download_url(export: SubjectExport) -> str:
    path = reverse("privacy:export_download", args=[download_token(export)])
    return f"{settings.SITE_URL}{path}"


def export_for_token(token: str) -> SubjectExport | None:
    """The ready, unexpired export a link names; None for anything else."""
    try:
        pk = signing.loads(token, salt=SALT, max_age=timedelta(days=settings.EXPORT_LINK_DAYS))
    except signing.BadSignature:
        return None
    export = SubjectExport.objects.filter(pk=pk, state=ExportState.READY).first()
    if export is None or (export.expires_at and export.expires_at <= timezone.now()):
        return None
    return export


def export_downloaded(*, export: SubjectExport, actor: User | None) -> None:
    audit_event(
        actor=actor,
        subject="candidate",
        subject_id=export.candidate_id,
        label=export.candidate.name,
        event="export_downloaded",
    )


def exports_purge_expired(*, now=None) -> int:
    """Delete the zips of expired exports (the rows stay, as a record that one was made):
    a copy of someone's data must not outlive its link."""
    now = now or timezone.now()
    expired = SubjectExport.objects.filter(expires_at__lte=now).exclude(file="")
    names = list(expired.values_list("pk", "file"))
    for _, name in names:
        default_storage.delete(name)
    SubjectExport.objects.filter(pk__in=[pk for pk, _ in names]).update(file="", size=0)
    return len(names)


def export_build(*, export_id: str) -> SubjectExport:
    """Write the zip to storage and mark the export ready (or failed, with the reason)."""
    export = SubjectExport.objects.select_related("candidate").get(pk=export_id)
    if export.state != ExportState.PENDING:
        return export
    try:
        data, files = subject_data(export.candidate)
        content = _zip(data, files)
    except Exception as exc:  # the row says what went wrong; the task's retry tries again
        SubjectExport.objects.filter(pk=export.pk).update(error=str(exc)[:300])
        raise
    name = default_storage.save(f"privacy/exports/{export.pk.hex}.zip", ContentFile(content))
    now = timezone.now()
    SubjectExport.objects.filter(pk=export.pk).update(
        file=name,
        size=len(content),
        state=ExportState.READY,
        ready_at=now,
        expires_at=now + timedelta(days=settings.EXPORT_LINK_DAYS),
    )
    export.refresh_from_db()
    if export.by_candidate:
        from ghostless.privacy.erasure import mail_export_ready

        mail_export_ready(export=export)
    return export


def _zip(data: dict, files: list[tuple[str, str]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, cls=DjangoJSONEncoder, indent=2))
        for arcname, storage_name in files:
            with default_storage.open(storage_name, "rb") as handle:
                archive.writestr(arcname, handle.read())
    return buffer.getvalue()


def subject_data(candidate: Candidate) -> tuple[dict, list[tuple[str, str]]]:
    """(the JSON document, [(name in the zip, storage name)]): a fixed number of queries."""
    profile = {
        f: getattr(candidate, f)
        for f in (
            "id",
            "first_name",
            "last_name",
            "location",
            "time_zone",
            "linkedin_url",
            "github_url",
            "website_url",
            "current_title",
            "current_company",
            "skills",
            "source",
            "custom_fields",
            "created_at",
            "updated_at",
            "last_contact_at",
        )
    }
    profile["emails"] = list(candidate.emails.values_list("email", flat=True))
    profile["phones"] = list(candidate.phones.values_list("phone", flat=True))
    profile["tags"] = list(candidate.tags.values_list("name", flat=True))
    applications = [
        {
            "id": a.pk,
            "job": a.job.title,
            "stage": a.stage.candidate_name or a.stage.name,
            "status": a.status,
            "source": a.source,
            "applied_at": a.created_at,
            "told_at": a.told_at,
            "answers": [{"question": x.label, "answer": x.value} for x in a.answers.all()],
        }
        for a in Application.objects.filter(candidate=candidate)
        .select_related("job", "stage")
        .prefetch_related("answers")
    ]
    timeline = list(
        Activity.objects.filter(candidate=candidate).values(
            "occurred_at", "kind", "direction", "outcome", "subject", "body", "application_id"
        )
    )
    messages = list(
        Message.objects.filter(candidate=candidate).values(
            "created_at", "sent_at", "to_email", "from_email", "subject", "body_text", "status"
        )
    )
    received = list(
        InboundEmail.objects.filter(candidate=candidate).values(
            "received_at", "from_email", "subject", "body_text"
        )
    )
    interviews = list(
        Interview.objects.filter(application__candidate=candidate).values(
            "application_id", "title", "starts_at", "duration_minutes", "location", "status"
        )
    )
    scorecards = list(
        Scorecard.objects.filter(application__candidate=candidate).values(
            "application_id", "submitted_at", "ratings", "recommendation", "notes", "takeaways"
        )
    )
    offers = list(
        Offer.objects.filter(application__candidate=candidate).values(
            "application_id", "title", "state", "letter_subject", "letter"
        )
    )
    consents = {
        "unsubscribed_at": candidate.unsubscribed_at,
        "do_not_contact_at": candidate.do_not_contact_at,
        "talent_pools": list(
            PoolMember.objects.filter(candidate=candidate).values(
                "pool__name", "added_at", "reason", "consent_given_at", "consent_expires_at"
            )
        ),
    }
    files = []
    resumes = []
    for resume in Resume.objects.filter(candidate=candidate):
        arcname = f"resumes/{resume.pk}-{_safe(resume.original_filename)}"
        files.append((arcname, resume.file.name))
        resumes.append({"file": arcname, "uploaded_at": resume.uploaded_at, "text": resume.text})
    for attachment in InboundAttachment.objects.filter(email__candidate=candidate):
        files.append(
            (f"attachments/{attachment.pk}-{_safe(attachment.filename)}", attachment.file.name)
        )
    data = {
        "exported_at": timezone.now(),
        "profile": profile,
        "applications": applications,
        "timeline": timeline,
        "messages": messages,
        "emails_received": received,
        "interviews": interviews,
        "scorecards": scorecards,
        "offers": offers,
        "consents": consents,
        "resumes": resumes,
    }
    return data, files


def _safe(filename: str) -> str:
    """A name safe inside a zip: no folders, no control characters."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(c for c in name if c.isprintable())[:100] or "file"
