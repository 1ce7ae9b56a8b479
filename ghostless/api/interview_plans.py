"""A job's interview plan: per stage, the interviews to hold and what each looks for."""

from django.http import HttpRequest
from ninja import Router, Schema

from ghostless.api.schemas import Id
from ghostless.interviews.plans import job_plan_replace, stages_with_plans
from ghostless.jobs.selectors import access_job

router = Router(tags=["interview plans"])


class PlannedInterviewIn(Schema):
    title: str
    duration_minutes: int = 60
    attributes: list[str] = []
    questions: list[str] = []
    instructions: str = ""


class PlannedInterviewOut(PlannedInterviewIn):
    id: int


class PlanStageIn(Schema):
    stage_id: int
    interviews: list[PlannedInterviewIn] = []


class PlanStageOut(Schema):
    stage_id: int
    name: str
    interviews: list[PlannedInterviewOut]


class PlanIn(Schema):
    stages: list[PlanStageIn]


class PlanOut(Schema):
    stages: list[PlanStageOut]


def _plan(job) -> dict:
    return {
        "stages": [
            {"stage_id": stage.pk, "name": stage.name, "interviews": stage.plan}
            for stage in stages_with_plans(job)
        ]
    }


@router.get("/{job_id}/interview-plan", response=PlanOut)
def get_interview_plan(request: HttpRequest, job_id: Id):
    return _plan(access_job(request.auth, job_id))


@router.put("/{job_id}/interview-plan", response=PlanOut)
def put_interview_plan(request: HttpRequest, job_id: Id, payload: PlanIn):
    """Replaces the plan of every stage named (by `stage_id`); stages left out keep theirs.
    For recruiters and admins."""
    job = access_job(request.auth, job_id)
    job_plan_replace(job=job, actor=request.auth, stages=payload.dict()["stages"])
    return _plan(job)
