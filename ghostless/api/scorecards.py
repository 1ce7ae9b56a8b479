"""Scorecards: an interviewer submits (or amends) theirs; an application's are read under the
independent-feedback rule, the same one the pages follow."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from ghostless.api.schemas import Id
from ghostless.interviews.kits import access_interview
from ghostless.interviews.models import Scorecard
from ghostless.interviews.scorecards import (
    access_feedback_application,
    scorecard_submit,
    visible_scorecards,
)

router = Router(tags=["scorecards"])


class ScorecardIn(Schema):
    ratings: dict[str, str] = Field(
        default_factory=dict,
        description="{focus attribute: strong_no | no | yes | strong_yes | not_assessed}; "
        "an attribute left out is not_assessed.",
    )
    recommendation: str = Field(description="definitely_not | no | yes | strong_yes")
    notes: dict[str, str] | str = Field(
        default="", description="{question: notes}, or plain text for notes on no one question."
    )
    takeaways: str = ""


class ScorecardOut(Schema):
    id: int
    interview_id: int
    interviewer_id: int
    ratings: dict[str, str]
    recommendation: str
    notes: dict[str, str]
    takeaways: str
    submitted_at: datetime
    updated_at: datetime
    revisions: int = Field(description="How many times it was amended (earlier texts kept).")

    @staticmethod
    def resolve_revisions(card: Scorecard) -> int:
        return len(card.revisions.all())


@router.post(
    "/interviews/{interview_id}/scorecards", response={200: ScorecardOut, 201: ScorecardOut}
)
def submit_scorecard(request: HttpRequest, interview_id: Id, payload: ScorecardIn):
    """201 for a new scorecard, 200 when it amends the caller's earlier one."""
    interview = access_interview(request.auth, interview_id)
    card = scorecard_submit(interview=interview, actor=request.auth, **payload.dict())
    return Status(200 if card.revisions.exists() else 201, card)


@router.get("/applications/{application_id}/scorecards", response=list[ScorecardOut])
def list_scorecards(request: HttpRequest, application_id: Id):
    """Recruiters, admins and the job's hiring manager read every card; anyone else on the
    panel reads the others' only after submitting their own."""
    application = access_feedback_application(request.auth, application_id)
    cards = visible_scorecards(application=application, user=request.auth)
    return list(cards.prefetch_related("revisions").order_by("submitted_at", "id"))
