"""One world for the permission matrices: two hiring managers' sides and what lies between.

Hana manages BACKEND-H (Cara applied); Otto manages SALESROLE-O (Oscar applied); Bea applied
to both, so each manager sees Bea but not her application on the other's job. Every object
out of a role's reach carries a marker that must never appear in what that role is shown.

Ivan has the interviewer role and is on one interview, of Zephyrine on BACKEND-H: he may open
its kit, its scorecard and Zephyrine's resume through it, and nothing else; each side has an
interview, so a manager is refused the other's.
"""

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone

from ghostless.accounts.models import Role
from ghostless.accounts.services import api_token_create
from ghostless.candidates.models import CandidatePhone
from ghostless.followups.models import FollowUp, Reason
from ghostless.imports.models import ImportJob, ImportState
from ghostless.interviews.models import Attendee, AttendeeRole, Interview, SlotOffer
from ghostless.jobs.models import PipelineTemplate, PlannedInterview
from ghostless.messaging.models import (
    EmailTemplate,
    InboundAttachment,
    InboundEmail,
    Message,
    Suppression,
)
from ghostless.notifications.models import Notification
from ghostless.offers.services import offer_create
from ghostless.pools.models import TalentPool
from ghostless.pools.services import pool_add
from ghostless.privacy.models import RetentionRule
from ghostless.resumes.models import Resume
from ghostless.search.models import SavedSearch
from ghostless.texts.models import InboundText, SmsTemplate, Text
from ghostless.timeline import events
from ghostless.timeline.models import Kind
from ghostless.webhooks.models import Delivery, Endpoint, Event
from tests.factories import ApplicationFactory, CandidateFactory, JobFactory, UserFactory

ROLES = ("admin", "recruiter", "manager", "outsider", "interviewer", "anonymous")
# Stored files the world made, deleted with it.
world_files: list[str] = []


@dataclass
class Side:
    """What one hiring manager reaches, by kind; the other manager must be refused all of it."""

    ids: dict[str, int | str] = field(default_factory=dict)
    markers: tuple[str, ...] = ()


@dataclass
class World:
    users: dict = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    sides: dict[str, Side] = field(default_factory=dict)
    shared_candidate: int = 0
    # Kinds of objects only recruiters (or only admins, or only their owner) reach.
    staff: dict[str, int | str] = field(default_factory=dict)
    owned: dict[str, dict[str, int]] = field(default_factory=dict)

    def foreign(self, role: str) -> dict[str, int | str]:
        """Ids of objects out of the role's reach, by kind; staff objects for everyone. The
        interviewer is refused all of Hana's side but his own interview, so he gets Otto's."""
        mine = {"manager": "otto", "outsider": "hana"}.get(role, "hana")
        owner = "ray" if role == "recruiter" else "rita"
        ids = self.staff | self.sides[mine].ids | self.owned[owner]
        if role == "interviewer":
            ids["interview"] = self.sides["otto"].ids["interview"]
        return ids

    def hidden_markers(self, role: str) -> tuple[str, ...]:
        secrets = ("POOL-SECRET", "PRIVATE-NOTE", "NOTIFICATION-SECRET")
        if role == "interviewer":
            # His candidate's name, job title and resume are his to see; Bea's side is not.
            return (*self.sides["otto"].markers, "MSG-H", "NOTE-H", "FOLLOWUP-H", *secrets)
        side = {"manager": "otto", "outsider": "hana"}.get(role)
        return (*self.sides[side].markers, *secrets) if side else ()


def _message(candidate, application, subject: str) -> Message:
    return Message.objects.create(
        candidate=candidate,
        application=application,
        to_email=candidate.emails.first().email,
        from_email="jobs@example.com",
        subject=subject,
        body_text=subject,
        message_id=f"<{uuid.uuid4().hex}@matrix.example>",
        thread_token=uuid.uuid4().hex[:20],
        status="failed",
    )


def _interview(application, interviewer, tag: str) -> Interview:
    """An interview tomorrow, on a plan, with the candidate and one interviewer."""
    planned = PlannedInterview.objects.create(
        stage=application.stage, title="Matrix interview", attributes=["Depth"]
    )
    interview = Interview.objects.create(
        application=application,
        stage=application.stage,
        planned=planned,
        title=f"INTERVIEW-{tag}",
        starts_at=timezone.now() + timedelta(days=1),
        duration_minutes=60,
    )
    candidate = application.candidate
    interview.attendees.create(
        role=AttendeeRole.CANDIDATE, email=candidate.emails.first().email, name=candidate.name
    )
    Attendee.objects.create(
        interview=interview,
        role=AttendeeRole.INTERVIEWER,
        user=interviewer,
        email=interviewer.email,
        name=interviewer.name,
    )
    return interview


def _side(*, manager, recruiter, bea, title: str, person: str, tag: str, interviewer) -> Side:
    job = JobFactory(title=title, hiring_manager=manager, recruiters=[recruiter])
    candidate = CandidateFactory(first_name=person, last_name="Matrix", owner=recruiter)
    interview = _interview(ApplicationFactory(candidate=candidate, job=job), interviewer, tag)
    offer = offer_create(
        application=interview.application,
        actor=None,
        title=f"OFFER-{tag}",
        salary=Decimal("123457"),
        currency="EUR",
        pay_period="year",
        start_date=timezone.now().date() + timedelta(days=60),
        expires_on=timezone.now().date() + timedelta(days=14),
    )
    beas = ApplicationFactory(candidate=bea, job=job)
    message = _message(bea, beas, f"MSG-{tag}")
    events.record(
        candidate=bea,
        application=beas,
        actor=recruiter,
        kind=Kind.NOTE,
        subject=f"NOTE-{tag}",
    )
    now = timezone.now()
    followup = FollowUp.objects.create(
        candidate=bea,
        application=beas,
        assignee=recruiter,
        reason=Reason.MANUAL,
        due_at=now,
        waiting_since=now,
        note=f"FOLLOWUP-{tag}",
    )
    resume = Resume.objects.create(
        candidate=candidate,
        file=default_storage.save(f"resumes/matrix-{tag}.txt", ContentFile(b"text")),
        original_filename=f"RESUME-{tag}.pdf",
        content_type="text/plain",
        size=4,
        sha256="0" * 64,
        uploaded_at=now,
        is_current=True,
    )
    email = InboundEmail.objects.create(
        dedup_key=f"matrix-{tag}",
        from_email=candidate.emails.first().email,
        subject=f"INBOUND-{tag}",
        source="webhook",
        raw=b"",
        state="matched",
        candidate=candidate,
    )
    attachment = InboundAttachment.objects.create(
        email=email,
        filename=f"ATTACH-{tag}.pdf",
        content_type="application/pdf",
        size=4,
        file=default_storage.save(f"inbound/matrix-{tag}", ContentFile(b"%PDF")),
    )
    suppression = Suppression.objects.create(
        email=candidate.emails.first().email, reason=f"SUPPRESSED-{tag}"
    )
    phone = CandidatePhone.objects.create(candidate=candidate, phone=f"+1500555{ord(tag):04d}")
    text = Text.objects.create(candidate=candidate, to_phone=phone.phone, body=f"TEXT-{tag}")
    slot_offer = SlotOffer.objects.create(
        application=interview.application, title="Matrix times", duration_minutes=30
    )
    slot_offer.interviewers.set([interviewer])
    start = now + timedelta(days=2)
    slot_offer.slots.create(starts_at=start, ends_at=start + timedelta(minutes=30))
    ids = {
        "job": job.pk,
        "interview": interview.pk,
        "offer": offer.pk,
        "slot_offer": slot_offer.pk,
        "application": beas.pk,
        "candidate": candidate.pk,
        "other_candidate": candidate.pk,
        "message": message.pk,
        "followup": followup.pk,
        "resume": resume.pk,
        "attachment": attachment.pk,
        "suppression": suppression.pk,
        "text": text.pk,
        "stage": job.stages.order_by("order").last().pk,
    }
    world_files.extend([resume.file.name, attachment.file.name])
    markers = (title, person, f"MSG-{tag}", f"NOTE-{tag}", f"FOLLOWUP-{tag}", f"RESUME-{tag}")
    markers += (f"INTERVIEW-{tag}", f"OFFER-{tag}", "123,457", f"TEXT-{tag}")
    return Side(ids=ids, markers=markers)


def build_world() -> World:
    world = World()
    users = {
        "admin": UserFactory(username="alice", role=Role.ADMIN),
        "recruiter": UserFactory(username="rita", role=Role.RECRUITER),
        "ray": UserFactory(username="ray", role=Role.RECRUITER),
        "manager": UserFactory(username="hana", role=Role.HIRING_MANAGER),
        "outsider": UserFactory(username="otto", role=Role.HIRING_MANAGER),
        "interviewer": UserFactory(username="ivan", role=Role.INTERVIEWER),
    }
    world.users = users
    rita = users["recruiter"]
    bea = CandidateFactory(first_name="Bea", last_name="Both", owner=rita)
    world.shared_candidate = bea.pk
    world.sides["hana"] = _side(
        manager=users["manager"],
        recruiter=rita,
        bea=bea,
        title="BACKEND-H",
        person="Zephyrine",
        tag="H",
        interviewer=users["interviewer"],
    )
    world.sides["otto"] = _side(
        manager=users["outsider"],
        recruiter=rita,
        bea=bea,
        title="SALESROLE-O",
        person="Quillon",
        tag="O",
        interviewer=users["ray"],
    )
    events.record(candidate=bea, actor=rita, kind=Kind.NOTE, subject="PRIVATE-NOTE", private=True)
    pool = TalentPool.objects.create(name="POOL-SECRET", created_by=rita)
    member = pool_add(pool=pool, candidate=bea, actor=rita, reason="POOL-SECRET reason")
    triage = InboundEmail.objects.create(
        dedup_key="matrix-triage",
        from_email="stranger@example.net",
        subject="TRIAGE-SECRET",
        source="webhook",
        raw=b"",
        state="triage",
    )
    template = EmailTemplate.objects.create(
        name="Matrix template", purpose="other", subject="TEMPLATE-SECRET", body="Hi"
    )
    endpoint = Endpoint.objects.create(url="https://hooks.example.com/in", events=[], secret="x")
    event = Event.objects.create(msg_id="msg_matrix", type="webhook.ping", body="{}")
    delivery = Delivery.objects.create(endpoint=endpoint, event=event)
    spreadsheet = ImportJob.objects.create(
        file="imports/matrix.csv",
        original_filename="IMPORT-SECRET.csv",
        file_format="csv",
        columns=["First name"],
        state=ImportState.MAPPING,
        created_by=rita,
    )
    sms_template = SmsTemplate.objects.create(name="Matrix SMS", body="SMS-TEMPLATE-SECRET")
    triage_text = InboundText.objects.create(
        sid="SMmatrix", from_phone="+15005559999", body="TRIAGE-TEXT-SECRET", state="triage"
    )
    world.staff = {
        "import": spreadsheet.pk,
        "sms_template": sms_template.pk,
        "inbound_text": triage_text.pk,
        "pool": pool.pk,
        "member": member.pk,
        "inbound": triage.pk,
        "template": template.pk,
        "pipeline": PipelineTemplate.objects.get(is_default=True).pk,
        "uuid": str(uuid.uuid4()),
        "token": "not-a-signed-token",
        "user": users["ray"].pk,
        "retention_rule": RetentionRule.objects.create(outcome="rejected", months=6).pk,
        "webhook": endpoint.pk,
        "webhook_delivery": delivery.pk,
    }
    for owner in ("recruiter", "ray"):
        user = users[owner]
        token, _ = api_token_create(user=user, name="matrix")
        saved = SavedSearch.objects.create(owner=user, name="Mine", query="q=x")
        note = Notification.objects.create(user=user, kind="mention", text="NOTIFICATION-SECRET")
        world.owned[user.username] = {"token": token.pk, "saved": saved.pk, "notification": note.pk}
    for role in ("admin", "recruiter", "manager", "outsider", "interviewer"):
        world.tokens[role] = api_token_create(user=users[role], name="matrix")[1]
    return world


def client_for(world: World, role: str) -> Client:
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(world.users[role])
    return client
