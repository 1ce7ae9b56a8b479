"""The demo's interviews: plans on the default pipeline's Screen and Interview stages, and on
the applications now in Interview, feedback both given and owed, and interviews ahead.

Interviews already held are written as rows (the services schedule only the future), with
their timeline entry set back to when they were booked; scorecards go through the service."""

from datetime import datetime, timedelta

from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.interviews import events
from ghostless.interviews.models import Attendee, AttendeeRole, Interview, Recommendation
from ghostless.interviews.plans import plan_save
from ghostless.interviews.scorecards import scorecard_submit
from ghostless.interviews.services import interview_schedule
from ghostless.jobs.models import Application, JobStatus, StageRole
from ghostless.jobs.services import default_template
from ghostless.timeline.models import Activity

PLANS = {
    StageRole.SCREEN: [
        {
            "title": "Recruiter screen",
            "duration_minutes": 30,
            "attributes": ["Motivation", "Communication"],
            "questions": [
                "What made you apply for this role?",
                "What notice period and salary range do you have in mind?",
            ],
            "instructions": "Keep it warm and short; say when they will hear back.",
        }
    ],
    StageRole.INTERVIEW: [
        {
            "title": "Technical interview",
            "duration_minutes": 60,
            "attributes": ["Problem solving", "System design", "Communication"],
            "questions": [
                "Walk us through a system you designed: what would you change now?",
                "How do you find the cause of a slow page?",
                "Tell us about a disagreement in a code review and how it ended.",
            ],
            "instructions": "Rate each attribute on what you saw, not on the resume. "
            "Write your scorecard before you read anyone else's.",
        },
        {
            "title": "Team conversation",
            "duration_minutes": 45,
            "attributes": ["Collaboration", "Ownership"],
            "questions": ["Tell us about a disagreement with a teammate."],
            "instructions": "Two future teammates; no technical questions.",
        },
    ],
}
# Candidates in Interview are told within three business days of each interview.
HEAR_BACK_DAYS = 3
RATINGS = [("yes", "yes", "strong_yes"), ("no", "yes", "yes"), ("strong_yes", "yes", "yes")]


def plan_default_pipeline() -> None:
    """Before the jobs exist: each job copies the plan and the promise from the template."""
    for stage in default_template().stages.all():
        if stage.role in PLANS:
            plan_save(owner_stage=stage, actor=None, interviews=PLANS[stage.role])
        if stage.role == StageRole.INTERVIEW:
            stage.hear_back_days = HEAR_BACK_DAYS
            stage.save(update_fields=["hear_back_days"])


def hold_interviews(interviewer: User) -> None:
    """Every third application in Interview on an open job had its interview with scorecards
    from everyone, every third has one scorecard owed, and the rest have one ahead."""
    applications = (
        Application.objects.filter(
            status="active", stage__role=StageRole.INTERVIEW, job__status=JobStatus.OPEN
        )
        .select_related("candidate", "job__hiring_manager", "stage", "owner")
        .order_by("id")
    )
    now = timezone.now()
    for index, application in enumerate(applications):
        panel = [interviewer] + ([application.job.hiring_manager] if index % 2 == 0 else [])
        if index % 3 == 2:
            start = (now + timedelta(days=1 + index % 5)).replace(
                hour=14, minute=0, second=0, microsecond=0
            )
            interview_schedule(
                application=application,
                actor=application.owner,
                title="",
                starts_at=start,
                duration_minutes=60,
                interviewers=panel,
                video_url="https://meet.example.com/ghostless-demo",
            )
            continue
        interview = _held(application, panel, started=now - timedelta(days=1 + index % 3))
        ratings = RATINGS[index % len(RATINGS)]
        # Everyone wrote theirs, or the last of the panel still owes it.
        writers = panel if index % 3 == 0 else panel[:-1] or []
        for person, level in zip(writers, ratings, strict=False):
            scorecard_submit(
                interview=interview,
                actor=person,
                ratings=dict.fromkeys(interview.planned.attributes, level),
                recommendation=Recommendation.YES if level != "no" else Recommendation.NO,
                notes={"": "Clear thinker; asked good questions about the team."},
                takeaways="Worth a final round." if level != "no" else "Not senior enough yet.",
            )


def _held(application: Application, panel: list[User], *, started: datetime) -> Interview:
    planned = application.stage.planned_interviews.first()
    start = started.replace(hour=10, minute=0, second=0, microsecond=0)
    interview = Interview.objects.create(
        application=application,
        stage=application.stage,
        planned=planned,
        title=planned.title,
        starts_at=start,
        duration_minutes=planned.duration_minutes,
        location="Office, room 2",
        organizer=application.owner,
        created_at=start - timedelta(days=3),
        updated_at=start - timedelta(days=3),
    )
    candidate = application.candidate
    Attendee.objects.create(
        interview=interview,
        role=AttendeeRole.CANDIDATE,
        email=candidate.emails.first().email,
        name=candidate.name,
        response="accepted",
    )
    for person in panel:
        Attendee.objects.create(
            interview=interview,
            role=AttendeeRole.INTERVIEWER,
            user=person,
            email=person.email,
            name=person.name,
            response="accepted",
        )
    entry = events.interview_scheduled(interview=interview, actor=application.owner)
    Activity.objects.filter(pk=entry.pk).update(occurred_at=interview.created_at)
    return interview
