"""One candidate in each situation the status page can show, for trying the page (issue 18).

Each is an ordinary candidate, made through the services after the rest of the story, with an
address that names the situation's person in `SITUATIONS`; `manage.py status_link <email>`
prints the link to their page (docs/status-page.md lists them). The letters the page quotes
are written as sent, since in the story they went out long ago.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from ghostless.candidates.models import Candidate
from ghostless.candidates.services import candidate_create
from ghostless.followups.business_time import add_business_days
from ghostless.interviews.services import interview_schedule
from ghostless.jobs.models import Application, Job, JobStatus, RejectionReason, StageRole
from ghostless.loop.services import application_reject_and_tell, default_template, queue_outcome
from ghostless.messaging.events import email_sent
from ghostless.messaging.models import Message, MessageStatus, Purpose
from ghostless.pools.models import PoolMember, TalentPool
from ghostless.pools.services import candidate_unsubscribe, consent_record

if TYPE_CHECKING:
    from ghostless.demo.management.commands.seed_demo import Story


@dataclass(frozen=True)
class Situation:
    key: str
    first_name: str
    last_name: str
    email: str
    says: str  # what their page shows, for the docs and the seed's output
    time_zone: str = ""


SITUATIONS = [
    Situation(
        "promise",
        "Priya",
        "Nair",
        "priya.nair@example.org",
        "active, with the date we promised to answer by",
    ),
    Situation(
        "late",
        "Lars",
        "Eriksen",
        "lars.eriksen@example.org",
        "active, and we are late: the date passed",
    ),
    Situation(
        "interview",
        "Kenji",
        "Watanabe",
        "kenji.watanabe@example.org",
        "an interview ahead, in the company's time and in Tokyo's",
        "Asia/Tokyo",
    ),
    Situation("on_hold", "Olga", "Horvath", "olga.horvath@example.org", "the job is on hold"),
    Situation("hired", "Hugo", "Mendes", "hugo.mendes@example.org", "hired: welcome aboard"),
    Situation("withdrawn", "Wanda", "Kowalczyk", "wanda.kowalczyk@example.org", "withdrew"),
    Situation(
        "rejected",
        "Rafael",
        "Ortiz",
        "rafael.ortiz@example.org",
        "rejected, with the letter we sent",
    ),
    Situation(
        "filled",
        "Fatima",
        "Haddad",
        "fatima.haddad@example.org",
        "the position was filled, with the close-out letter",
    ),
    Situation("closed", "Colm", "Byrne", "colm.byrne@example.org", "the job was closed"),
    Situation(
        "network",
        "Nadia",
        "Petrova",
        "nadia.petrova@example.org",
        "in the talent network, consent running",
    ),
    Situation(
        "lapsed",
        "Luca",
        "Ferrari",
        "luca.ferrari@example.org",
        "in the talent network, consent run out: asked to stay",
    ),
    Situation(
        "unsubscribed",
        "Uma",
        "Shah",
        "uma.shah@example.org",
        "unsubscribed from news about new roles",
    ),
]


def tell(story: Story) -> list[Candidate]:
    """After the story's jobs are settled: each situation's person, on the jobs that fit,
    told with the story's own steps so their history lies in the past and in order."""
    owner = story.users["rita"]
    jobs = {status: _job(status) for status in JobStatus.values if status != JobStatus.DRAFT}
    made = []
    for situation in SITUATIONS:
        story.current = candidate_create(
            actor=owner,
            first_name=situation.first_name,
            last_name=situation.last_name,
            emails=[situation.email],
            owner=owner,
            source=SOURCE,
        )
        created = story.now - timedelta(days=STARTED[situation.key] + 1)
        Candidate.objects.filter(pk=story.current.pk).update(
            created_at=created, updated_at=created, time_zone=situation.time_zone
        )
        story.current.time_zone = situation.time_zone
        story.backdate(created)
        SETUP[situation.key](story, jobs, owner)
        made.append(story.current)
    return made


SOURCE = "careers page"
# Days ago each person applied.
STARTED = {
    "promise": 12,
    "late": 30,
    "interview": 8,
    "on_hold": 40,
    "hired": 45,
    "withdrawn": 6,
    "rejected": 20,
    "filled": 60,
    "closed": 90,
    "network": 25,
    "lapsed": 800,
    "unsubscribed": 1,
}


def _job(status: str) -> Job | None:
    return Job.objects.filter(status=status).order_by("pk").first()


def _ago(story: Story, days: float):
    return story.now - timedelta(days=days)


def _stage(job: Job, role: str) -> str:
    return job.stages.filter(role=role).order_by("order").first().name


def _apply(story: Story, job: Job, key: str) -> None:
    story.apply(job, _stage(job, StageRole.APPLIED), None, SOURCE, _ago(story, STARTED[key]))


def _move(story: Story, role: str, owner, days_ago: float) -> None:
    story.move(_stage(story.app.job, role), owner, _ago(story, days_ago))


def _letter(story: Story, message: Message | None, days_ago: float) -> None:
    """The letter went out in the story's past: sent, on the timeline, and they were told
    (the page quotes sent letters only)."""
    if message is None:
        return
    at = _ago(story, days_ago)
    Message.objects.filter(pk=message.pk).update(status=MessageStatus.SENT, sent_at=at)
    message.refresh_from_db()
    email_sent(message=message, sent_at=at)
    Application.objects.filter(pk=message.application_id).update(told_at=at, told_how="email")


def _promise(story, jobs, owner):
    _apply(story, jobs["open"], "promise")
    _move(story, StageRole.INTERVIEW, owner, 2)
    Application.objects.filter(pk=story.app.pk).update(hear_back_by=add_business_days(story.now, 3))


def _late(story, jobs, owner):
    _apply(story, jobs["open"], "late")
    _move(story, StageRole.SCREEN, owner, 25)


def _interview(story, jobs, owner):
    _apply(story, jobs["open"], "interview")
    _move(story, StageRole.INTERVIEW, owner, 3)
    starts = (story.now + timedelta(days=5)).replace(hour=9, minute=0, second=0, microsecond=0)
    interview_schedule(
        application=story.app,
        actor=owner,
        title="Technical interview",
        starts_at=starts,
        duration_minutes=60,
        interviewers=[story.users["ivan"]],
        video_url="https://meet.example.com/ghostless-tech",
    )
    story.backdate(_ago(story, 2))


def _on_hold(story, jobs, owner):
    _apply(story, jobs["on_hold"] or jobs["open"], "on_hold")


def _hired(story, jobs, owner):
    _apply(story, jobs["open"], "hired")
    _move(story, StageRole.OFFER, owner, 10)
    story.hire(owner, _ago(story, 5))


def _withdrawn(story, jobs, owner):
    _apply(story, jobs["open"], "withdrawn")
    story.withdraw(owner, _ago(story, 2))


def _reject_and_tell(story, jobs, owner, key: str) -> None:
    _apply(story, jobs["open"], key)
    _move(story, StageRole.SCREEN, owner, STARTED[key] - 4)
    _, message = application_reject_and_tell(
        application=story.app,
        actor=owner,
        reason=RejectionReason.objects.filter(active=True).order_by("pk").first(),
        template=default_template(Purpose.REJECTION),
    )
    story.backdate(_ago(story, STARTED[key] - 8), pipeline=True)
    _letter(story, message, STARTED[key] - 8)


def _rejected(story, jobs, owner):
    _reject_and_tell(story, jobs, owner, "rejected")


def _filled(story, jobs, owner):
    job = jobs["filled"] or jobs["open"]
    _apply(story, job, "filled")
    message = queue_outcome(
        application=story.app, actor=owner, template=default_template(Purpose.POSITION_FILLED)
    )
    _letter(story, message, 20)


def _closed(story, jobs, owner):
    _apply(story, jobs["closed"] or jobs["open"], "closed")
    # Told by phone when the job closed, so the close-out owes them nothing.
    Application.objects.filter(pk=story.app.pk).update(told_at=_ago(story, 70), told_how="call")


def _pool() -> TalentPool:
    return TalentPool.objects.order_by("pk").first() or TalentPool.objects.create(
        name="Talent network"
    )


def _network(story, jobs, owner):
    _reject_and_tell(story, jobs, owner, "network")
    consent_record(pool=_pool(), candidate=story.current)
    story.backdate(_ago(story, 16))


def _lapsed(story, jobs, owner):
    """Joined the talent network from the careers page two years ago, without applying; the
    consent ran out last month."""
    pool = _pool()
    consent_record(pool=pool, candidate=story.current)
    PoolMember.objects.filter(pool=pool, candidate=story.current).update(
        added_at=_ago(story, 790),
        consent_given_at=_ago(story, 790),
        consent_expires_at=_ago(story, 30),
    )
    story.backdate(_ago(story, 790))


def _unsubscribed(story, jobs, owner):
    _apply(story, jobs["open"], "unsubscribed")
    candidate_unsubscribe(candidate=story.current)
    story.backdate(_ago(story, 0.5))


SETUP = {
    "promise": _promise,
    "late": _late,
    "interview": _interview,
    "on_hold": _on_hold,
    "hired": _hired,
    "withdrawn": _withdrawn,
    "rejected": _rejected,
    "filled": _filled,
    "closed": _closed,
    "network": _network,
    "lapsed": _lapsed,
    "unsubscribed": _unsubscribed,
}
