"""Follow-ups over the API: the queue, reminders made by people, done and snooze."""

from datetime import datetime
from typing import Literal

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from ghostless.api import lookups
from ghostless.api.schemas import Id, In, Page, Text, Text150
from ghostless.followups import services
from ghostless.followups.models import Reason, State
from ghostless.followups.selectors import access_followup, closed_how, followups_visible_to

router = Router(tags=["follow-ups"])


class FollowUpOut(Schema):
    id: int
    candidate_id: int
    application_id: int | None
    interview_id: int | None = Field(
        description="The interview a `feedback_due` follow-up asks a scorecard for."
    )
    assignee: str | None
    reason: Reason = Field(
        description="`feedback_due`, `decision_due` and `promise_due` come from interviews."
    )
    state: str
    due_at: datetime
    waiting_since: datetime
    note: str
    created_at: datetime
    closed_at: datetime | None
    closed_by: str | None = Field(description="Who closed it, or whose touch did; a username.")
    closed_by_activity_id: int | None = Field(description="The timeline entry that closed it.")
    closed_how: str = Field(description="Who or what closed it, in words; empty while open.")

    @staticmethod
    def resolve_assignee(followup) -> str | None:
        return followup.assignee.username if followup.assignee_id else None

    @staticmethod
    def resolve_closed_by(followup) -> str | None:
        return followup.closed_by.username if followup.closed_by_id else None

    @staticmethod
    def resolve_closed_how(followup) -> str:
        return closed_how(followup)


# What the output reads of each follow-up, joined so that a page costs the same for any rows.
RELATED = ("assignee", "closed_by", "closed_by_activity__actor")


class FollowUpFilters(Schema):
    assignee: Text150 = Field("", description="A username, or `me`.")
    state: State | None = None
    reason: Reason | None = None
    overdue: bool | None = Field(None, description="Open and due by now (or, if false, not).")


class FollowUpIn(In):
    candidate_id: Id
    application_id: Id | None = None
    due_at: datetime = Field(description="ISO 8601 with a zone, from 1970 to ten years ahead.")
    note: Text = ""
    reason: Literal["manual", "callback"] = "manual"
    assignee: Text150 | None = Field(None, description="Username; the caller when left out.")


class SnoozeIn(In):
    until: datetime = Field(description="ISO 8601 with a zone, in the next ten years.")


@router.get("", response=list[FollowUpOut])
@paginate(Page)
def list_followups(request: HttpRequest, filters: Query[FollowUpFilters]):
    followups = followups_visible_to(request.auth).select_related(*RELATED)
    if filters.assignee:
        followups = (
            followups.filter(assignee=request.auth)
            if filters.assignee == "me"
            else followups.filter(assignee__username=filters.assignee)
        )
    if filters.state:
        followups = followups.filter(state=filters.state)
    if filters.reason:
        followups = followups.filter(reason=filters.reason)
    if filters.overdue is not None:
        overdue = Q(state=State.OPEN, due_at__lte=timezone.now())
        followups = followups.filter(overdue if filters.overdue else ~overdue)
    return followups.order_by("due_at", "id")


@router.post("", response={201: FollowUpOut})
def create_followup(request: HttpRequest, payload: FollowUpIn):
    candidate = lookups.visible_candidate(request.auth, payload.candidate_id, field="candidate_id")
    application = None
    if payload.application_id is not None:
        application = lookups.visible_application(
            request.auth, payload.application_id, field="application_id"
        )
    followup = services.followup_create(
        actor=request.auth,
        candidate=candidate,
        application=application,
        due_at=payload.due_at,
        note=payload.note,
        reason=payload.reason,
        assignee=lookups.user_named(payload.assignee, field="assignee"),
    )
    # Read back, so times come out in UTC like everywhere else.
    return Status(201, access_followup(request.auth, followup.pk))


@router.get("/{followup_id}", response=FollowUpOut)
def get_followup(request: HttpRequest, followup_id: Id):
    return access_followup(request.auth, followup_id)


@router.post("/{followup_id}/done", response=FollowUpOut)
def mark_done(request: HttpRequest, followup_id: Id):
    followup = access_followup(request.auth, followup_id)
    return services.followup_done(followup=followup, actor=request.auth)


@router.post("/{followup_id}/snooze", response=FollowUpOut)
def snooze(request: HttpRequest, followup_id: Id, payload: SnoozeIn):
    followup = access_followup(request.auth, followup_id)
    return services.followup_snooze(followup=followup, actor=request.auth, until=payload.until)
