"""Two records of one person: Cara (the `candidate` fixture, on Hana's job) and Carla, who
holds a little of everything a candidate can hold."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ghostless.candidates.models import CandidatePhone, DuplicateDismissal
from ghostless.careers.models import ApplicationAnswer
from ghostless.followups.models import FollowUp, Reason
from ghostless.jobs.services import application_move
from ghostless.messaging.inbound import receive
from ghostless.messaging.models import Message
from ghostless.pools.models import PoolMember, TalentPool
from ghostless.resumes.models import Resume
from tests.factories import ActivityFactory, ApplicationFactory, CandidateFactory, JobFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def resume(candidate, name: str, days_ago: int, current: bool) -> Resume:
    return Resume.objects.create(
        candidate=candidate,
        file=f"resumes/{name}",
        original_filename=f"{name}.pdf",
        content_type="application/pdf",
        size=100,
        sha256="0" * 64,
        uploaded_at=timezone.now() - timedelta(days=days_ago),
        is_current=current,
    )


def message(candidate, application=None, n: int = 0) -> Message:
    return Message.objects.create(
        candidate=candidate,
        application=application,
        to_email=candidate.emails.first().email,
        from_email="jobs@example.com",
        subject=f"Hello {n}",
        body_text="Hi",
        message_id=f"<m{candidate.pk}.{n}@example.com>",
        thread_token=f"t{candidate.pk}{n}",
        status="sent",
    )


def rule_followup(candidate, key: str, days_waiting: int) -> FollowUp:
    now = timezone.now()
    return FollowUp.objects.create(
        candidate=candidate,
        reason=Reason.AWAITING_REPLY,
        due_at=now,
        waiting_since=now - timedelta(days=days_waiting),
        rule_key=key,
    )


@pytest.fixture
def pool(recruiter):
    return TalentPool.objects.create(name="Backend silver medalists", created_by=recruiter)


@pytest.fixture
def survivor(application, recruiter, pool):
    """Cara: on Hana's job at its first stage, one resume, one message, in the pool without
    consent, waiting two days for a reply."""
    cara = application.candidate
    cara.skills = "Python, Django"
    cara.custom_fields = {"notice": "1 month"}
    cara.save()
    CandidatePhone.objects.create(candidate=cara, phone="+12125550101", order=0)
    cara.tags.create(name="python")
    resume(cara, "cara-old", days_ago=30, current=True)
    message(cara, application)
    PoolMember.objects.create(pool=pool, candidate=cara, added_by=recruiter)
    rule_followup(cara, f"awaiting_reply:{cara.pk}:1", days_waiting=2)
    return cara


@pytest.fixture
def other(job, recruiter, other_recruiter, pool):
    """Carla: on the same job one stage further, and on another job; activities, messages,
    a received email, two resumes (the newest of all), follow-ups, answers, two pools (one
    shared, with consent), tags, two emails and a phone, a "not a duplicate" mark."""
    carla = CandidateFactory(
        first_name="Carla",
        last_name="Candidate",
        owner=other_recruiter,
        emails=["carla@example.org", "carla.c@example.net"],
        location="Berlin",
        linkedin_url="https://www.linkedin.com/in/carla",
        skills="Django, Kubernetes",
        custom_fields={"notice": "3 months", "visa": "yes"},
        last_contact_at=timezone.now() + timedelta(minutes=1),
    )
    CandidatePhone.objects.create(candidate=carla, phone="+12125550102", order=0)
    carla.tags.create(name="berlin")
    carla.tags.add(*carla.tags.model.objects.filter(name="python"))
    same_job = ApplicationFactory(candidate=carla, job=job)
    application_move(application=same_job, stage=job.stages.all()[1], actor=recruiter)
    ApplicationAnswer.objects.create(application=same_job, label="Visa?", value="yes")
    other_job = JobFactory(title="Data Engineer", recruiters=[recruiter])
    ApplicationFactory(candidate=carla, job=other_job)
    ActivityFactory.create_batch(3, candidate=carla, actor=recruiter)
    ActivityFactory(candidate=carla, actor=recruiter, application=same_job)
    message(carla, same_job, n=1)
    message(carla, n=2)
    receive(
        b"From: Carla <carla@example.org>\r\nTo: jobs@example.com\r\n"
        b"Subject: Any news?\r\nMessage-ID: <carla-1@example.org>\r\n\r\nHello!\r\n",
        source="webhook",
    )
    resume(carla, "carla-1", days_ago=20, current=False)
    resume(carla, "carla-2", days_ago=1, current=True)
    rule_followup(carla, f"awaiting_reply:{carla.pk}:1", days_waiting=5)
    FollowUp.objects.create(
        candidate=carla,
        application=same_job,
        reason=Reason.MANUAL,
        due_at=timezone.now(),
        waiting_since=timezone.now(),
        note="Call Carla",
    )
    PoolMember.objects.create(
        pool=pool,
        candidate=carla,
        consent_given_at=timezone.now() - timedelta(days=1),
        consent_expires_at=timezone.now() + timedelta(days=700),
    )
    second_pool = TalentPool.objects.create(name="Platform people")
    PoolMember.objects.create(pool=second_pool, candidate=carla)
    stranger = CandidateFactory(first_name="Stan", last_name="Stranger")
    DuplicateDismissal.objects.create(
        candidate_a_id=min(carla.pk, stranger.pk), candidate_b_id=max(carla.pk, stranger.pk)
    )
    return carla
