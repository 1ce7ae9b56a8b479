"""Writes for the careers page: custom questions and public applications."""

import hashlib
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate, CandidateEmail, CandidatePhone
from ghostless.candidates.normalize import normalize_email, normalize_phone
from ghostless.candidates.services import candidate_create
from ghostless.careers import events
from ghostless.careers.models import ApplicationAnswer, JobQuestion, Submission
from ghostless.careers.questions import check_questions
from ghostless.core.errors import DomainError
from ghostless.core.permissions import check_recruiter
from ghostless.jobs.models import Application, Job, StageRole
from ghostless.jobs.services import application_create, job_create, job_update
from ghostless.messaging.models import EmailTemplate, Purpose
from ghostless.messaging.rendering import RenderError
from ghostless.messaging.services import message_queue
from ghostless.pools.models import ConsentSource
from ghostless.pools.services import talent_network_join
from ghostless.resumes.services import resume_add
from ghostless.search.index import candidate_reindex

SOURCE = "careers page"
# Merge-field text (rendered like a template), kept with the package's templates.
DEFAULT_EMAILS = Path(__file__).resolve().parent / "templates" / "careers" / "email"
# Per address and per IP within RATE_WINDOW; an office or a school may share one IP.
RATE_WINDOW = timedelta(hours=1)
MAX_PER_EMAIL = 5
MAX_PER_IP = 20


class RateLimited(DomainError):
    status = 429


def job_questions_set(*, job: Job, actor: User | None, questions: list[dict]) -> None:
    """Make the job ask exactly these questions, in this order. A question kept by label keeps
    its answers; removed ones leave earlier answers readable (they copy the label). Every door
    (the job form's editor, the API) is held to the same rules here."""
    check_recruiter(actor)
    questions = check_questions(questions)
    with transaction.atomic():
        existing = {q.label.lower(): q for q in job.questions.all()}
        keep = []
        for order, spec in enumerate(questions):
            question = existing.get(spec["label"].lower()) or JobQuestion(job=job)
            for key, value in spec.items():
                setattr(question, key, value)
            question.order = order
            question.save()
            keep.append(question.pk)
        job.questions.exclude(pk__in=keep).delete()


@dataclass
class ApplicantInput:
    first_name: str
    last_name: str
    email: str
    phone: str = ""
    link: str = ""  # LinkedIn or a personal site
    cover_note: str = ""
    answers: dict[int, str] = field(default_factory=dict)  # question pk -> value
    talent_network: bool = False


def check_rate_limit(*, email: str, ip: str | None, job: Job | None) -> None:
    """Count recent submissions from this address and this IP, then record this one.

    Runs before anything else is written, so a refused submission never creates a candidate.
    Counting and recording are one transaction holding a lock on the address and the IP, so
    simultaneous posts queue instead of all counting the same rows: on SQLite the IMMEDIATE
    transaction holds the database's write lock from its start; on PostgreSQL a transaction
    advisory lock per key is taken, in a fixed order so two posts cannot deadlock.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            keys = sorted(_lock_key(f"careers-rate:{k}") for k in (email, ip) if k)
            with connection.cursor() as cursor:
                for key in keys:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
        since = timezone.now() - RATE_WINDOW
        recent = Submission.objects.filter(created_at__gte=since)
        if recent.filter(email=email).count() >= MAX_PER_EMAIL or (
            ip and recent.filter(ip=ip).count() >= MAX_PER_IP
        ):
            raise RateLimited(
                "We have received several applications from you in the last hour. "
                "Please try again later.",
            )
        Submission.objects.create(job=job, email=email, ip=ip or None)


def _lock_key(name: str) -> int:
    # A signed 64-bit number, as pg_advisory_xact_lock takes; the same for every process.
    return int.from_bytes(
        hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True
    )


def _find_candidate(email: str, phone: str) -> Candidate | None:
    row = CandidateEmail.objects.filter(email=email).select_related("candidate").first()
    if row is None and phone:
        row = CandidatePhone.objects.filter(phone=phone).select_related("candidate").first()
    return row.candidate if row else None


def _add_missing_contacts(candidate: Candidate, *, email: str, phone: str) -> None:
    """A returning applicant may give a new address or number: add it if nobody else has it."""
    if not CandidateEmail.objects.filter(email=email).exists():
        CandidateEmail.objects.create(candidate=candidate, email=email, order=99)
    if phone and not CandidatePhone.objects.filter(phone=phone).exists():
        CandidatePhone.objects.create(candidate=candidate, phone=phone, order=99)


def application_submit(
    *, job: Job, applicant: ApplicantInput, resume, ip: str | None = None
) -> Application:
    """A candidate applies from the careers page.

    1. The rate limit (per address, per IP) is checked and the submission recorded.
    2. The same person (email, else phone) is the same candidate; otherwise one is created,
       owned by the job's first recruiter.
    3. A first application goes to the job's first stage and gets the acknowledgement once;
       applying again updates resume and answers, with a timeline entry, and sends nothing.
    """
    email = normalize_email(applicant.email)
    phone = normalize_phone(applicant.phone) if applicant.phone.strip() else ""
    check_rate_limit(email=email, ip=ip, job=job)
    questions = {q.pk: q for q in job.questions.all()}
    with transaction.atomic():
        candidate = _find_candidate(email, phone)
        if candidate is None:
            link = applicant.link.strip()
            linkedin = link if "linkedin.com/" in link.lower() else ""
            candidate = candidate_create(
                actor=None,
                first_name=applicant.first_name.strip(),
                last_name=applicant.last_name.strip(),
                emails=[email],
                phones=[phone] if phone else [],
                source=SOURCE,
                owner=job.recruiters.order_by("pk").first(),
                linkedin_url=linkedin,
                website_url="" if linkedin else link,
            )
        else:
            _add_missing_contacts(candidate, email=email, phone=phone)
            candidate_reindex([candidate.pk])
        application = Application.objects.filter(candidate=candidate, job=job).first()
        again = application is not None
        if application is None:
            application = application_create(
                candidate=candidate, job=job, actor=None, source=SOURCE, entry=StageRole.APPLIED
            )
        resume_add(candidate=candidate, upload=resume, actor=None)
        application.answers.all().delete()
        ApplicationAnswer.objects.bulk_create(
            ApplicationAnswer(application=application, question=q, label=q.label, value=value)
            for pk, value in applicant.answers.items()
            if (q := questions.get(pk)) is not None and value != ""
        )
        _record_submission(application, applicant, again=again)
        if not again:
            _acknowledge(application)
    return application


def _record_submission(application: Application, applicant: ApplicantInput, *, again: bool):
    events.careers_applied(
        application=application, again=again, cover_note=applicant.cover_note.strip()
    )
    if applicant.talent_network:
        events.talent_network_joined(application=application, source=SOURCE)
        talent_network_join(candidate=application.candidate, source=ConsentSource.CAREERS)


def _acknowledge(application: Application) -> None:
    """The acknowledgement goes through the outbox after commit. A suppressed address must not
    lose the application: the refusal is written on the timeline instead. Nor may a template
    that cannot be rendered: the built-in text goes out, the template is flagged for admins
    (message_queue does that) and the timeline says why."""
    template = EmailTemplate.objects.filter(purpose=Purpose.ACKNOWLEDGEMENT).order_by("pk").first()
    if template is None:
        return
    candidate, key = application.candidate, f"careers-ack:{application.pk}"
    try:
        try:
            message_queue(
                candidate=candidate,
                actor=None,
                template=template,
                application=application,
                idempotency_key=key,
                refuse_unrenderable=True,
            )
        except RenderError as error:
            message_queue(
                candidate=candidate,
                actor=None,
                application=application,
                idempotency_key=key,
                **_default_acknowledgement(),
            )
            events.acknowledgement_defaulted(
                application=application, template_id=template.pk, error=error.message
            )
    except DomainError as error:
        events.acknowledgement_refused(application=application, error=error.message)


def _default_acknowledgement() -> dict:
    """Kept in files beside this module, not in the database, so no edit can break it."""
    return {
        part: (DEFAULT_EMAILS / f"acknowledgement-{part}.txt").read_text().strip()
        for part in ("subject", "body")
    }


def company() -> dict:
    return {"name": settings.COMPANY_NAME, "logo_url": settings.COMPANY_LOGO_URL}


def job_save_with_questions(
    *, actor: User | None, questions: list[dict], job: Job | None = None, **job_fields
) -> Job:
    """Create or update a job together with its application-form questions: both or neither."""
    with transaction.atomic():
        if job is None:
            job = job_create(actor=actor, **job_fields)
        else:
            job_update(job=job, actor=actor, **job_fields)
        job_questions_set(job=job, actor=actor, questions=questions)
    return job
