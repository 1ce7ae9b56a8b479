"""Interviews: schedule on an application, change, cancel, list and read.

Who sees an interview is `interviews.selectors.interviews_visible_to` (404 otherwise); who
may change it is the service's check (403). `warnings` lists interviewers already booked in
an overlapping Ghostless interview: shown, never refused; computed on create and change.
"""

from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from ghostless.accounts.models import User
from ghostless.api.paging import KeysetPage
from ghostless.api.schemas import (
    SMALLINT_MAX,
    Id,
    In,
    Text,
    Text120,
    Text200,
    Text300,
)
from ghostless.core.errors import DomainError
from ghostless.core.when import check_future_datetime
from ghostless.interviews import selectors, services
from ghostless.interviews.models import Interview
from ghostless.jobs.selectors import access_application

applications_router = Router(tags=["interviews"])
router = Router(tags=["interviews"])

Minutes = Field(..., ge=-SMALLINT_MAX, le=SMALLINT_MAX, description="Minutes, 1 to 720.")


class AttendeeOut(Schema):
    email: str
    name: str
    role: str
    user_id: int | None
    response: str


class InterviewOut(Schema):
    id: int
    uid: str
    sequence: int
    status: str = Field(description="scheduled, cancelled or completed (once it has ended).")
    title: str
    starts_at: datetime
    ends_at: datetime
    duration_minutes: int
    location: str
    video_url: str
    note: str
    application_id: int
    attendees: list[AttendeeOut]
    warnings: list[str] = []

    @staticmethod
    def resolve_status(interview) -> str:
        return interview.current_status

    @staticmethod
    def resolve_attendees(interview) -> list:
        return [a for a in interview.attendees.all() if a.removed_at is None]

    @staticmethod
    def resolve_warnings(interview) -> list[str]:
        return getattr(interview, "warnings", [])


class InterviewIn(In):
    title: Text120 = ""
    starts_at: datetime = Field(description="ISO 8601 with a zone.")
    duration_minutes: int = Minutes
    location: Text300 = ""
    video_url: Text = Field("", max_length=500)
    interviewer_ids: list[Id] = Field(..., max_length=50)
    note: Text = Field("", max_length=5000)


class InterviewPatch(In):
    """Only the fields sent change; `interviewer_ids` replaces the panel."""

    title: Text120 = None
    starts_at: datetime = None
    duration_minutes: int = Field(None, ge=-SMALLINT_MAX, le=SMALLINT_MAX)
    location: Text300 = None
    video_url: Text = Field(None, max_length=500)
    interviewer_ids: list[Id] = Field(None, max_length=50)
    note: Text = Field(None, max_length=5000)


class InterviewFilters(Schema):
    interviewer: Text200 = Field("", description="A user id, or `me`.")
    starts_from: datetime | None = Field(None, alias="from", description="Starts at or after.")
    starts_to: datetime | None = Field(None, alias="to", description="Starts before.")


class StartPage(KeysetPage):
    """Keyset paging by start time, soonest first."""

    KEY = "starts_at"
    DESCENDING = False


def _users(ids: list[int]) -> list[User]:
    found = User.objects.in_bulk(ids)
    for pk in ids:
        if pk not in found or not found[pk].is_active:
            raise DomainError(f"There is no active user {pk}.", field="interviewer_ids")
    return [found[pk] for pk in dict.fromkeys(ids)]


def _detail(user: User, pk: int, *, warn: bool = False) -> Interview:
    interview = selectors.access_interview(user, pk)
    if warn:
        panel = [a.user for a in interview.attendees.all() if a.user_id and a.removed_at is None]
        interview.warnings = selectors.overlap_warnings(
            users=panel, starts_at=interview.starts_at, ends_at=interview.ends_at, exclude=interview
        )
    return interview


@applications_router.post("/{application_id}/interviews", response={201: InterviewOut})
def schedule_interview(request: HttpRequest, application_id: Id, payload: InterviewIn):
    application = access_application(request.auth, application_id)
    interview = services.interview_schedule(
        application=application,
        actor=request.auth,
        title=payload.title,
        starts_at=payload.starts_at,
        duration_minutes=payload.duration_minutes,
        interviewers=_users(payload.interviewer_ids),
        location=payload.location,
        video_url=payload.video_url,
        note=payload.note,
    )
    return Status(201, _detail(request.auth, interview.pk, warn=True))


@router.get("", response=list[InterviewOut])
@paginate(StartPage)
def list_interviews(request: HttpRequest, filters: Query[InterviewFilters]):
    """Interviews the caller may see, soonest first; `interviewer` keeps one person's."""
    interviewer = None
    if filters.interviewer == "me":
        interviewer = request.auth
    elif filters.interviewer:
        if not filters.interviewer.isdigit() or len(filters.interviewer) > 18:
            raise DomainError("Give a user id or `me`.", field="interviewer")
        interviewer = User.objects.filter(pk=int(filters.interviewer)).first()
        if interviewer is None:
            raise DomainError(f"There is no user {filters.interviewer}.", field="interviewer")
    bounds = {
        name: check_future_datetime(value, field=field) if value else None
        for name, field, value in (
            ("starts_from", "from", filters.starts_from),
            ("starts_to", "to", filters.starts_to),
        )
    }
    return selectors.interview_list(user=request.auth, interviewer=interviewer, **bounds)


@router.get("/{interview_id}", response=InterviewOut)
def get_interview(request: HttpRequest, interview_id: Id):
    return _detail(request.auth, interview_id)


@router.patch("/{interview_id}", response=InterviewOut)
def update_interview(request: HttpRequest, interview_id: Id, payload: InterviewPatch):
    interview = selectors.access_interview(request.auth, interview_id)
    changes = payload.dict(exclude_unset=True)
    if "interviewer_ids" in changes:
        changes["interviewers"] = _users(changes.pop("interviewer_ids"))
    services.interview_update(interview=interview, actor=request.auth, **changes)
    return _detail(request.auth, interview_id, warn=True)


@router.post("/{interview_id}/cancel", response=InterviewOut)
def cancel_interview(request: HttpRequest, interview_id: Id):
    interview = selectors.access_interview(request.auth, interview_id)
    services.interview_cancel(interview=interview, actor=request.auth)
    return _detail(request.auth, interview_id)
