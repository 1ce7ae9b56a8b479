"""The talent-network part of the demo: resumes, a duplicate pair, silver medalists, and a
new job they fit.

Told with the demo Story's own steps (`apply`, `move`, `reject`, `log`, `backdate`), so every
row lies in the past like the rest of the story. What a recruiter can try afterwards:
search for "terraform" (only in Tomasz Nowak's resume), merge Jon Smith into Jonathan Smith,
and add a suggested past candidate to "Senior Platform Engineer".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import SimpleUploadedFile

from ghostless.candidates.models import Candidate
from ghostless.candidates.services import candidate_create
from ghostless.jobs.models import Job, JobStatus
from ghostless.jobs.services import job_create
from ghostless.pools.models import PoolMember, TalentPool
from ghostless.pools.services import candidate_unsubscribe, consent_record, pool_create
from ghostless.resumes.models import Resume
from ghostless.resumes.services import resume_add, resume_extract
from ghostless.timeline.models import Direction, Kind

if TYPE_CHECKING:
    from ghostless.demo.management.commands.seed_demo import Opening, Story

POOL_NAME = "Platform engineers"
NEW_JOB = "Senior Platform Engineer"
NEW_JOB_SKILLS = "Kubernetes, Terraform, Go"
RESUME_ONLY_SKILL = "Terraform"
# The past jobs these people went through (from seed_demo's JOBS).
SRE_JOB = "Site Reliability Engineer"
QA_JOB = "QA Engineer"


@dataclass
class Person:
    first_name: str
    last_name: str
    email: str
    current_title: str
    current_company: str
    location: str
    skills: str
    job: str  # the past job they applied to
    path: list[str]  # the stages they walked through
    reason: str  # why they were turned down at the last one
    consent: bool = False
    unsubscribed: bool = False
    resume: str = ""
    note: str = ""


def _resume(name: str, title: str, lines: list[str]) -> str:
    return "\n".join([name, title, "", "Experience", *[f"- {line}" for line in lines], ""])


PEOPLE = [
    Person(
        "Priya",
        "Raman",
        "priya.raman@example.org",
        "Site Reliability Engineer",
        "Helios Freight",
        "Berlin, Germany",
        "Kubernetes, Go, Prometheus",
        SRE_JOB,
        ["Sourced", "Contacted", "Screen", "Interview", "Offer"],
        "Salary expectations too high",
        consent=True,
        resume=_resume(
            "Priya Raman",
            "Site Reliability Engineer",
            [
                "Helios Freight (2020-now): run 40 Kubernetes clusters, wrote Go operators",
                "On-call lead; cut paging by half with better SLOs and Prometheus alerts",
            ],
        ),
        note="Final-round favourite; we lost her on salary. Call her first for platform roles.",
    ),
    Person(
        "Tomasz",
        "Nowak",
        "tomasz.nowak@example.net",
        "DevOps Engineer",
        "Brightline Media",
        "Warsaw, Poland",
        "Kubernetes, AWS, Python",
        SRE_JOB,
        ["Applied", "Screen", "Interview"],
        "Did not pass interview",
        consent=True,
        # The resume is the only place that says Terraform: search finds him by it.
        resume=_resume(
            "Tomasz Nowak",
            "DevOps Engineer",
            [
                "Brightline Media (2019-now): moved 300 services to EKS",
                "Wrote the company's Terraform modules for VPCs, IAM and RDS",
                "Python tooling for blue-green deploys",
            ],
        ),
    ),
    Person(
        "Ana",
        "Costa",
        "ana.costa@example.com",
        "Cloud Engineer",
        "Lumen Health",
        "Lisbon, Portugal",
        "Terraform, AWS, Go",
        QA_JOB,
        ["Applied", "Screen", "Interview"],
        "Did not pass interview",
        resume=_resume(
            "Ana Costa",
            "Cloud Engineer",
            ["Lumen Health (2021-now): Terraform and Go tooling for a HIPAA platform"],
        ),
    ),
    Person(
        "Jon",
        "Smith",
        "jon.smith@example.com",
        "Platform Engineer",
        "Northwind Analytics",
        "London, UK",
        "Go, Kubernetes",
        QA_JOB,
        ["Applied", "Screen"],
        "Skills do not match",
        note="Strong on Go, little test automation. Keep in mind for platform work.",
    ),
    Person(
        "Jonathan",
        "Smith",
        "jonathan.smith@example.net",
        "Senior Platform Engineer",
        "Northwind Analytics",
        "London, UK",
        "Kubernetes, Linux",
        SRE_JOB,
        ["Sourced", "Contacted"],
        "No response from candidate",
    ),
    Person(
        "Omar",
        "Haddad",
        "omar.haddad@example.org",
        "Infrastructure Engineer",
        "Quayside Bank",
        "Amsterdam, Netherlands",
        "Kubernetes, Go, Terraform",
        SRE_JOB,
        ["Applied", "Screen", "Interview"],
        "Did not pass interview",
        consent=True,
        # Unsubscribed: a good fit that rediscovery must not suggest.
        unsubscribed=True,
    ),
]


def tell(story: Story) -> Job:
    """Add the network's people and the new job to the story; returns the new job."""
    openings = {opening.job.title: opening for opening in story.openings}
    owner = story.users["rosa"]
    pool = pool_create(
        actor=owner,
        name=POOL_NAME,
        description="Platform and SRE people who reached late stages; call them first.",
    )
    started = min(openings[person.job].opened for person in PEOPLE)
    TalentPool.objects.filter(pk=pool.pk).update(created_at=started)
    for person in PEOPLE:
        _live(story, person, openings[person.job], pool)
    return _new_job(story)


def _live(story: Story, person: Person, opening: Opening, pool: TalentPool) -> None:
    """One person's history on a past job, told step by step at past moments."""
    owner = opening.recruiters[0]
    span = opening.ends - opening.opened
    moments = [opening.opened + span * (0.15 + 0.1 * i) for i in range(len(person.path) + 3)]
    created = moments[0] - timedelta(days=1)
    source = "LinkedIn" if person.path[0] == "Sourced" else "careers page"
    story.current = candidate_create(
        actor=owner,
        first_name=person.first_name,
        last_name=person.last_name,
        emails=[person.email],
        current_title=person.current_title,
        current_company=person.current_company,
        location=person.location,
        skills=person.skills,
        source=source,
        owner=owner,
    )
    Candidate.objects.filter(pk=story.current.pk).update(created_at=created, updated_at=created)
    story.backdate(created)
    if person.resume:
        _upload_resume(story, person, owner, created)
    story.apply(opening.job, person.path[0], owner, source, moments[0])
    for stage, at in zip(person.path[1:], moments[1:], strict=False):
        story.move(stage, owner, at)
    at = moments[len(person.path)]
    story.reject(person.reason, owner, at)
    story.log(
        at + timedelta(hours=2),
        kind=Kind.EMAIL,
        direction=Direction.OUTBOUND,
        actor=owner,
        subject=f"Your application for {opening.job.title}",
        body=f"Hi {person.first_name}, thank you for your time. We went another way this "
        "time, and would love to stay in touch for future roles.",
    )
    if person.note:
        story.log(
            at + timedelta(hours=3),
            kind=Kind.NOTE,
            direction=Direction.INTERNAL,
            actor=owner,
            body=person.note,
        )
    if person.consent:
        _consent(story, pool, at + timedelta(days=1))
    if person.unsubscribed:
        candidate_unsubscribe(candidate=story.current)
        story.backdate(at + timedelta(days=2))


def _upload_resume(story: Story, person: Person, owner, at: datetime) -> None:
    upload = SimpleUploadedFile(
        f"{person.first_name}-{person.last_name}-resume.txt".lower(),
        person.resume.encode(),
        content_type="text/plain",
    )
    resume = resume_add(candidate=story.current, upload=upload, actor=owner)
    resume_extract(resume=resume)
    Resume.objects.filter(pk=resume.pk).update(uploaded_at=at)
    story.backdate(at)


def _consent(story: Story, pool: TalentPool, at: datetime) -> None:
    """They clicked "keep me in mind" in the rejection email."""
    consent_record(pool=pool, candidate=story.current)
    PoolMember.objects.filter(pool=pool, candidate=story.current).update(
        added_at=at, consent_given_at=at
    )
    story.backdate(at)


def _new_job(story: Story) -> Job:
    """Opened a few days ago: the one to try "Suggested from your network" on."""
    opened = story.now - timedelta(days=4)
    job = job_create(
        actor=story.users["rosa"],
        title=NEW_JOB,
        department="Engineering",
        location="Berlin or remote (EU)",
        skills=NEW_JOB_SKILLS,
        status=JobStatus.OPEN,
        hiring_manager=story.users["hana"],
        recruiters=[story.users["rosa"], story.users["rita"]],
        description="Build the platform our engineers ship on: Kubernetes clusters on AWS, "
        "managed with Terraform, and the Go tools around them.\n\n"
        "What you will do:\n- Run and upgrade our Kubernetes clusters\n"
        "- Own the Terraform for every environment\n- Write Go services and operators\n\n"
        f"At {story.company} every applicant hears back from us, whatever the outcome.",
    )
    Job.objects.filter(pk=job.pk).update(
        created_at=opened, updated_at=opened, status_changed_at=opened
    )
    return job
