from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from ghostless.api import lookups
from ghostless.api.exports import exportable
from ghostless.api.schemas import (
    ApplicationOut,
    Id,
    JobApplicationFilters,
    JobFilters,
    JobIn,
    JobOut,
    JobPatch,
    Page,
)
from ghostless.careers.services import job_save_with_questions
from ghostless.core.permissions import check_hiring_team
from ghostless.jobs import services
from ghostless.jobs.models import Job
from ghostless.jobs.selectors import access_job, job_applications, job_list

router = Router(tags=["jobs"])


def _job_detail(user, pk) -> Job:
    job = access_job(user, pk)
    prefetch_related_objects([job], "hiring_manager", "stages", "recruiters", "questions")
    return job


def _user_fields(fields: dict) -> dict:
    """Usernames in the payload, replaced by the users they name."""
    if "hiring_manager" in fields:
        fields["hiring_manager"] = lookups.user_named(
            fields["hiring_manager"], field="hiring_manager"
        )
    if fields.get("recruiters") is not None:
        fields["recruiters"] = lookups.users_named(fields["recruiters"], field="recruiters")
    return fields


@router.get("", response=list[JobOut])
@paginate(Page)
def list_jobs(request: HttpRequest, filters: Query[JobFilters]):
    check_hiring_team(request.auth)
    jobs = job_list(user=request.auth, **filters.dict(exclude_none=True))
    return jobs.prefetch_related("stages", "recruiters", "questions")


@router.post("", response={201: JobOut})
def create_job(request: HttpRequest, payload: JobIn):
    fields = _user_fields(payload.dict())
    for deadline in ("feedback_due_hours", "decision_due_days"):
        if fields[deadline] is None:
            del fields[deadline]  # the pipeline template's, copied by job_create
    job = job_save_with_questions(actor=request.auth, **fields)
    return Status(201, _job_detail(request.auth, job.pk))


@router.get("/{job_id}", response=JobOut)
def get_job(request: HttpRequest, job_id: Id):
    return _job_detail(request.auth, job_id)


@router.patch("/{job_id}", response=JobOut)
def update_job(request: HttpRequest, job_id: Id, payload: JobPatch):
    job = access_job(request.auth, job_id)
    fields = _user_fields(payload.dict(exclude_unset=True))
    if "questions" in fields:
        job_save_with_questions(job=job, actor=request.auth, **fields)
    else:
        services.job_update(job=job, actor=request.auth, **fields)
    return _job_detail(request.auth, job_id)


@router.get("/{job_id}/applications", response=list[ApplicationOut])
@exportable("applications")
@paginate(Page)
def list_job_applications(request: HttpRequest, job_id: Id, filters: Query[JobApplicationFilters]):
    job = access_job(request.auth, job_id)
    return job_applications(job=job, **filters.dict(exclude_none=True))
