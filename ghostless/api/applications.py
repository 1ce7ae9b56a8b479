from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest
from ninja import Router, Status

from ghostless.api import lookups
from ghostless.api.loop import RejectAndTellIn, template_with_id
from ghostless.api.schemas import ApplicationDetailOut, ApplicationIn, Id, MoveIn, WithdrawIn
from ghostless.jobs import services
from ghostless.jobs.models import Application, StageChange, StageRole
from ghostless.jobs.selectors import access_application
from ghostless.loop import services as loop_services

router = Router(tags=["applications"])


def _application_detail(user, pk) -> Application:
    application = access_application(user, pk)
    prefetch_related_objects(
        [application],
        "owner",
        "rejection_reason",
        Prefetch(
            "stage_changes",
            queryset=StageChange.objects.select_related("from_stage", "to_stage", "actor"),
        ),
    )
    return application


@router.post("", response={201: ApplicationDetailOut})
def create_application(request: HttpRequest, payload: ApplicationIn):
    candidate = lookups.visible_candidate(request.auth, payload.candidate_id, field="candidate_id")
    job = lookups.visible_job(request.auth, payload.job_id, field="job_id")
    stage = None
    if payload.stage_id is not None:
        stage = lookups.stage_with_id(payload.stage_id, field="stage_id")
    application = services.application_create(
        candidate=candidate,
        job=job,
        actor=request.auth,
        source=payload.source,
        stage=stage,
        entry=StageRole.APPLIED,
    )
    return Status(201, _application_detail(request.auth, application.pk))


@router.get("/{application_id}", response=ApplicationDetailOut)
def get_application(request: HttpRequest, application_id: Id):
    return _application_detail(request.auth, application_id)


@router.post("/{application_id}/move", response=ApplicationDetailOut)
def move_application(request: HttpRequest, application_id: Id, payload: MoveIn):
    application = access_application(request.auth, application_id)
    stage = lookups.stage_with_id(payload.stage_id, field="stage_id")
    services.application_move(application=application, stage=stage, actor=request.auth)
    return _application_detail(request.auth, application_id)


@router.post("/{application_id}/reject", response=ApplicationDetailOut)
def reject_application(request: HttpRequest, application_id: Id, payload: RejectAndTellIn):
    """Reject; with `template_id` also send it (at `send_at`), or record `skip_reason`."""
    application = access_application(request.auth, application_id)
    reason = lookups.rejection_reason_named(payload.reason, field="reason")
    loop_services.application_reject_and_tell(
        application=application,
        actor=request.auth,
        reason=reason,
        template=template_with_id(payload.template_id, field="template_id"),
        send_at=payload.send_at,
        skip_reason=payload.skip_reason,
        skip_note=payload.skip_note,
    )
    return _application_detail(request.auth, application_id)


@router.post("/{application_id}/hire", response=ApplicationDetailOut)
def hire_application(request: HttpRequest, application_id: Id):
    application = access_application(request.auth, application_id)
    services.application_hire(application=application, actor=request.auth)
    return _application_detail(request.auth, application_id)


@router.post("/{application_id}/withdraw", response=ApplicationDetailOut)
def withdraw_application(
    request: HttpRequest, application_id: Id, payload: WithdrawIn | None = None
):
    """The candidate withdrew (by phone, by email); `reason` is theirs, when they gave one."""
    application = access_application(request.auth, application_id)
    services.application_withdraw(
        application=application, actor=request.auth, note=payload.reason if payload else ""
    )
    return _application_detail(request.auth, application_id)
