"""Writes for jobs, pipelines and applications. Every door calls these."""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.text import slugify

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.candidates.normalize import normalize_skills
from ghostless.core import hooks
from ghostless.core.errors import Conflict, DomainError
from ghostless.core.permissions import check_admin, check_recruiter
from ghostless.core.when import check_date
from ghostless.jobs.furthest import HIRED_RANK, RANK, furthest_refresh
from ghostless.jobs.models import (
    DEFAULT_PIPELINE,
    DEFAULT_STALE_AFTER_DAYS,
    Application,
    ApplicationStatus,
    EmploymentType,
    Job,
    JobStatus,
    PipelineTemplate,
    PipelineTemplateStage,
    PlannedInterview,
    RejectionReason,
    Stage,
    StageChange,
    StageRole,
    role_for_name,
)
from ghostless.jobs.stays import stays_end, stays_refresh
from ghostless.timeline import events
from ghostless.timeline.audit import audit_record, changes_between

JOB_FIELDS = {
    "title",
    "department",
    "location",
    "employment_type",
    "description",
    "skills",
    "status",
    "hiring_manager",
    "openings",
    "published",
    "remote",
    "valid_through",
    "feedback_due_hours",
    "decision_due_days",
}
# The interview deadlines a job or template may set (followups/interview_rules.py).
FEEDBACK_DUE_HOURS = range(1, 241)
DECISION_DUE_DAYS = range(1, 61)
HEAR_BACK_DAYS = range(1, 61)


def _check_deadlines(fields: dict) -> None:
    if "feedback_due_hours" in fields and fields["feedback_due_hours"] not in FEEDBACK_DUE_HOURS:
        raise DomainError("Use 1 to 240 business hours.", field="feedback_due_hours")
    if "decision_due_days" in fields and fields["decision_due_days"] not in DECISION_DUE_DAYS:
        raise DomainError("Use 1 to 60 business days.", field="decision_due_days")


def default_template() -> PipelineTemplate:
    """The default pipeline template, created with the standard stages on first use."""
    template = PipelineTemplate.objects.filter(is_default=True).first()
    if template is None:
        with transaction.atomic():
            template, created = PipelineTemplate.objects.get_or_create(
                name="Default", defaults={"is_default": True}
            )
            if created:
                PipelineTemplateStage.objects.bulk_create(
                    PipelineTemplateStage(
                        template=template,
                        name=name,
                        order=i,
                        stale_after_days=DEFAULT_STALE_AFTER_DAYS.get(name),
                        role=role_for_name(name),
                    )
                    for i, name in enumerate(DEFAULT_PIPELINE)
                )
    return template


def _validate_job(fields: dict) -> None:
    if "title" in fields and not (fields["title"] or "").strip():
        raise DomainError("A title is required.", field="title")
    if "status" in fields and fields["status"] not in JobStatus.values:
        raise DomainError(f"Status must be one of: {', '.join(JobStatus.values)}.", field="status")
    if "employment_type" in fields and fields["employment_type"] not in EmploymentType.values:
        allowed = ", ".join(EmploymentType.values)
        raise DomainError(f"Employment type must be one of: {allowed}.", field="employment_type")
    if "openings" in fields and (fields["openings"] is None or fields["openings"] < 1):
        raise DomainError("A job has at least one opening.", field="openings")
    if fields.get("valid_through"):
        check_date(fields["valid_through"], field="valid_through")
    _check_deadlines(fields)
    manager = fields.get("hiring_manager")
    if manager is not None and not manager.is_active:
        raise DomainError("That hiring manager is not an active user.", field="hiring_manager")


def job_create(
    *,
    actor: User | None,
    title: str,
    recruiters: list[User] | None = None,
    template: PipelineTemplate | None = None,
    **fields,
) -> Job:
    check_recruiter(actor)
    unknown = set(fields) - JOB_FIELDS
    if unknown:
        raise DomainError(f"Unknown field: {', '.join(sorted(unknown))}.", field=min(unknown))
    fields["title"] = title
    if "skills" in fields:
        fields["skills"] = normalize_skills(fields["skills"])
    _validate_job(fields)
    template = template or default_template()
    with transaction.atomic():
        fields.setdefault("feedback_due_hours", template.feedback_due_hours)
        fields.setdefault("decision_due_days", template.decision_due_days)
        job = Job.objects.create(**fields, status_changed_at=timezone.now())
        # The pk makes the careers address unique without asking the database first.
        job.slug = f"{slugify(title)[:60].strip('-') or 'job'}-{job.pk}"
        job.save(update_fields=["slug"])
        _copy_stages(template, job)
        hooks.job_created.send(job=job, template=template)
        if recruiters is None and actor is not None and actor.sees_everything:
            recruiters = [actor]
        job.recruiters.set(recruiters or [])
    return job


def _copy_stages(template: PipelineTemplate, job: Job) -> None:
    """The job's own pipeline: the template's stages and their interview plans."""
    template_stages = list(template.stages.prefetch_related("planned_interviews"))
    stages = Stage.objects.bulk_create(
        Stage(
            job=job,
            name=s.name,
            order=s.order,
            stale_after_days=s.stale_after_days,
            role=s.role,
            hear_back_days=s.hear_back_days,
            candidate_name=s.candidate_name,
            candidate_description=s.candidate_description,
        )
        for s in template_stages
    )
    PlannedInterview.objects.bulk_create(
        PlannedInterview(
            stage=stage,
            title=p.title,
            order=p.order,
            duration_minutes=p.duration_minutes,
            attributes=p.attributes,
            questions=p.questions,
            instructions=p.instructions,
        )
        for stage, template_stage in zip(stages, template_stages, strict=True)
        for p in template_stage.planned_interviews.all()
    )


def job_update(
    *, job: Job, actor: User | None, recruiters: list[User] | None = None, **fields
) -> Job:
    check_recruiter(actor)
    unknown = set(fields) - JOB_FIELDS
    if unknown:
        raise DomainError(f"Unknown field: {', '.join(sorted(unknown))}.", field=min(unknown))
    if "skills" in fields:
        fields["skills"] = normalize_skills(fields["skills"])
    _validate_job(fields)
    with transaction.atomic():
        if fields.get("status") == JobStatus.CLOSED and job.status != JobStatus.CLOSED:
            _check_loop_closed(job)
        if "status" in fields and fields["status"] != job.status:
            job.status_changed_at = timezone.now()
        before = {key: getattr(job, key) for key in fields}
        after = dict(fields)
        if recruiters is not None:
            before["recruiters"] = sorted(job.recruiters.values_list("username", flat=True))
            after["recruiters"] = sorted(user.username for user in recruiters)
        for key, value in fields.items():
            setattr(job, key, value)
        job.updated_at = timezone.now()
        job.save()
        if recruiters is not None:
            job.recruiters.set(recruiters)
        _audit_job(job, actor=actor, changes=changes_between(before, after))
    return job


def _audit_job(job: Job, *, actor: User | None, changes: dict) -> None:
    """A status change is a row of its own, so the history of openings and closings reads
    plainly; the other fields edited with it share a second one."""
    status = {"status": changes.pop("status")} if "status" in changes else {}
    for event, part in (("job_status_changed", status), ("job_updated", changes)):
        audit_record(
            actor=actor,
            subject="job",
            subject_id=job.pk,
            label=job.title,
            event=event,
            changes=part,
        )


def _check_loop_closed(job: Job) -> None:
    """A job closes only once every applicant who is not hired was told or skipped with a
    reason; the refusal names them."""
    left = list(
        job.applications.untold()
        .order_by("candidate__first_name", "candidate__last_name", "id")
        .values_list("pk", "candidate__first_name", "candidate__last_name")
    )
    if left:
        names = ", ".join(f"{first} {last}".strip() for _, first, last in left[:10])
        more = f" and {len(left) - 10} more" if len(left) > 10 else ""
        raise Conflict(
            f"{len(left)} applicant(s) have not been told the outcome yet: {names}{more}. "
            "Tell them on the closing screen, or skip them with a reason, before closing.",
            field="status",
            application_ids=[pk for pk, _, _ in left],
        )


# Pipelines: a job's own stages and the templates new jobs copy.


def _stage_owner_queryset(owner):
    if isinstance(owner, Job):
        return Stage.objects.filter(job=owner), {"job": owner}
    return PipelineTemplateStage.objects.filter(template=owner), {"template": owner}


def _clean_name(name: str, *, what: str, max_length: int) -> str:
    name = name.strip()
    if not name:
        raise DomainError(f"A {what} needs a name.", field="name")
    if len(name) > max_length:
        raise DomainError(f"Keep the name under {max_length} characters.", field="name")
    return name


def stage_add(*, owner: Job | PipelineTemplate, name: str, actor: User | None):
    """Append a stage to a job's pipeline or to a template."""
    check_admin(actor)
    name = _clean_name(name, what="stage", max_length=60)
    queryset, link = _stage_owner_queryset(owner)
    if queryset.filter(name__iexact=name).exists():
        raise DomainError(f"There is already a stage called {name}.", field="name")
    last = queryset.aggregate(m=Max("order"))["m"]
    # A new "Screen" takes the screen role unless another stage already has it.
    role = role_for_name(name)
    if role and queryset.filter(role=role).exists():
        role = ""
    with transaction.atomic():
        stage = queryset.model.objects.create(
            name=name,
            order=(last or 0) + 1,
            stale_after_days=DEFAULT_STALE_AFTER_DAYS.get(name),
            role=role,
            **link,
        )
        _audit_stage(stage, actor=actor, event="stage_added", changes={"name": [None, name]})
    return stage


def stage_rename(*, stage, name: str, actor: User | None):
    check_admin(actor)
    name = _clean_name(name, what="stage", max_length=60)
    owner = stage.job if isinstance(stage, Stage) else stage.template
    queryset, _ = _stage_owner_queryset(owner)
    if queryset.filter(name__iexact=name).exclude(pk=stage.pk).exists():
        raise DomainError(f"There is already a stage called {name}.", field="name")
    changes = changes_between({"name": stage.name}, {"name": name})
    with transaction.atomic():
        stage.name = name
        stage.save(update_fields=["name"])
        _audit_stage(stage, actor=actor, event="stage_renamed", changes=changes)
    return stage


def stage_set_stale_after(*, stage, days: int | None, actor: User | None):
    """How many business days an application may stay in this stage; None for no limit."""
    check_admin(actor)
    if days is not None and not 1 <= days <= 365:
        raise DomainError(
            "Use a number of business days from 1 to 365, or none.", field="stale_after_days"
        )
    changes = changes_between(
        {"stale_after_days": stage.stale_after_days}, {"stale_after_days": days}
    )
    with transaction.atomic():
        stage.stale_after_days = days
        stage.save(update_fields=["stale_after_days"])
        _audit_stage(stage, actor=actor, event="stage_limit_changed", changes=changes)
    return stage


def stage_set_hear_back_days(*, stage, days: int | None, actor: User | None):
    """Within how many business days after an interview in this stage candidates are promised
    an answer (their invite gives the date); None for no promise."""
    check_admin(actor)
    if days is not None and days not in HEAR_BACK_DAYS:
        raise DomainError(
            "Use a number of business days from 1 to 60, or none.", field="hear_back_days"
        )
    changes = changes_between({"hear_back_days": stage.hear_back_days}, {"hear_back_days": days})
    with transaction.atomic():
        stage.hear_back_days = days
        stage.save(update_fields=["hear_back_days"])
        _audit_stage(stage, actor=actor, event="stage_promise_changed", changes=changes)
    return stage


def stage_set_role(*, stage, role: str, actor: User | None):
    """Say what a stage means (applicants enter at "applied"); "" for none. One stage per role."""
    check_admin(actor)
    if role and role not in StageRole.values:
        raise DomainError(f"Role must be one of: {', '.join(StageRole.values)}.", field="role")
    owner = stage.job if isinstance(stage, Stage) else stage.template
    queryset, _ = _stage_owner_queryset(owner)
    taken = queryset.filter(role=role).exclude(pk=stage.pk).first() if role else None
    if taken:
        label = StageRole(role).label
        raise DomainError(f"{taken.name} already has the role {label}.", field="role")
    changes = changes_between({"role": stage.role}, {"role": role})
    with transaction.atomic():
        stage.role = role
        stage.save(update_fields=["role"])
        if isinstance(stage, Stage):
            furthest_refresh(job_id=stage.job_id)
        _audit_stage(stage, actor=actor, event="stage_role_changed", changes=changes)
    return stage


def stage_set_candidate_text(*, stage, name: str, description: str, actor: User | None):
    """What candidates read about this stage on their status page; empty for the default of
    its role, so a stage whose role changes keeps telling the truth."""
    check_admin(actor)
    name, description = " ".join(name.split()), " ".join(description.split())
    if len(name) > 80:
        raise DomainError("Keep the candidate-facing name under 80 characters.", field="name")
    if len(description) > 300:
        raise DomainError(
            "Keep the candidate-facing description under 300 characters.", field="description"
        )
    changes = changes_between(
        {
            "candidate_name": stage.candidate_name,
            "candidate_description": stage.candidate_description,
        },
        {"candidate_name": name, "candidate_description": description},
    )
    with transaction.atomic():
        stage.candidate_name, stage.candidate_description = name, description
        stage.save(update_fields=["candidate_name", "candidate_description"])
        _audit_stage(stage, actor=actor, event="stage_candidate_text_changed", changes=changes)
    return stage


def stage_shift(*, stage, delta: int, actor: User | None) -> None:
    """Swap a stage with its neighbour (delta -1 moves it earlier, +1 later)."""
    check_admin(actor)
    owner = stage.job if isinstance(stage, Stage) else stage.template
    queryset, _ = _stage_owner_queryset(owner)
    stages = list(queryset.order_by("order", "id"))
    index = next(i for i, s in enumerate(stages) if s.pk == stage.pk)
    other = index + delta
    if not 0 <= other < len(stages):
        return
    stages[index], stages[other] = stages[other], stages[index]
    with transaction.atomic():
        for order, item in enumerate(stages):
            if item.order != order:
                queryset.filter(pk=item.pk).update(order=order)
        position = {"position": [index + 1, other + 1]}
        _audit_stage(stage, actor=actor, event="stage_moved", changes=position)


def stage_delete(*, stage, actor: User | None) -> None:
    check_admin(actor)
    owner = stage.job if isinstance(stage, Stage) else stage.template
    queryset, _ = _stage_owner_queryset(owner)
    if queryset.count() <= 1:
        raise DomainError("A pipeline needs at least one stage.", field="stage")
    if isinstance(stage, Stage) and stage.applications.exists():
        count = stage.applications.count()
        raise DomainError(
            f"{count} application(s) are in {stage.name}; move them before deleting it.",
            field="stage",
        )
    with transaction.atomic():
        _audit_stage(
            stage, actor=actor, event="stage_deleted", changes={"name": [stage.name, None]}
        )
        # Its StageChanges go with it, so the stays before them now end at the next one left.
        touched = (
            list(
                StageChange.objects.filter(to_stage=stage)
                .values_list("application_id", flat=True)
                .distinct()
            )
            if isinstance(stage, Stage)
            else []
        )
        stage.delete()
        stays_refresh(application_ids=touched)
        furthest_refresh(application_ids=touched)


def _audit_stage(stage, *, actor: User | None, event: str, changes: dict) -> None:
    """Stages are audited under their pipeline's name: "Backend Engineer › Screen"."""
    if isinstance(stage, Stage):
        subject, owner = "job_stage", stage.job.title
    else:
        subject, owner = "template_stage", f"{stage.template.name} template"
    audit_record(
        actor=actor,
        subject=subject,
        subject_id=stage.pk,
        label=f"{owner} › {stage.name}",
        event=event,
        changes=changes,
    )


def pipeline_template_create(*, name: str, actor: User | None) -> PipelineTemplate:
    check_admin(actor)
    name = _clean_name(name, what="template", max_length=100)
    if PipelineTemplate.objects.filter(name__iexact=name).exists():
        raise DomainError(f"There is already a template called {name}.", field="name")
    with transaction.atomic():
        template = PipelineTemplate.objects.create(name=name)
        PipelineTemplateStage.objects.bulk_create(
            PipelineTemplateStage(
                template=template,
                name=s.name,
                order=s.order,
                stale_after_days=s.stale_after_days,
                role=s.role,
                candidate_name=s.candidate_name,
                candidate_description=s.candidate_description,
                hear_back_days=s.hear_back_days,
            )
            for s in default_template().stages.all()
        )
        _audit_template(
            template, actor=actor, event="pipeline_template_created", changes={"name": [None, name]}
        )
    return template


def pipeline_template_make_default(*, template: PipelineTemplate, actor: User | None) -> None:
    check_admin(actor)
    with transaction.atomic():
        was = PipelineTemplate.objects.filter(is_default=True).exclude(pk=template.pk).first()
        PipelineTemplate.objects.filter(is_default=True).update(is_default=False)
        PipelineTemplate.objects.filter(pk=template.pk).update(is_default=True)
        if was is not None:
            changes = {"default": [was.name, template.name]}
            _audit_template(
                template, actor=actor, event="pipeline_template_made_default", changes=changes
            )


def pipeline_template_set_deadlines(
    *,
    template: PipelineTemplate,
    actor: User | None,
    feedback_due_hours: int,
    decision_due_days: int,
) -> PipelineTemplate:
    """The interview deadlines new jobs from this template start with; existing jobs keep
    their own."""
    check_admin(actor)
    fields = {"feedback_due_hours": feedback_due_hours, "decision_due_days": decision_due_days}
    _check_deadlines(fields)
    changes = changes_between({key: getattr(template, key) for key in fields}, fields)
    with transaction.atomic():
        for key, value in fields.items():
            setattr(template, key, value)
        template.save(update_fields=list(fields))
        _audit_template(
            template, actor=actor, event="pipeline_template_deadlines_changed", changes=changes
        )
    return template


def _audit_template(template: PipelineTemplate, *, actor: User | None, event: str, changes: dict):
    audit_record(
        actor=actor,
        subject="pipeline_template",
        subject_id=template.pk,
        label=template.name,
        event=event,
        changes=changes,
    )


def rejection_reason_save(
    *, actor: User | None, name: str, reason: RejectionReason | None = None, active: bool = True
) -> RejectionReason:
    check_admin(actor)
    name = _clean_name(name, what="reason", max_length=100)
    clash = RejectionReason.objects.filter(name__iexact=name)
    if reason is not None:
        clash = clash.exclude(pk=reason.pk)
    if clash.exists():
        raise DomainError(f"There is already a reason called {name}.", field="name")
    before = {"name": reason.name, "active": reason.active} if reason else {}
    with transaction.atomic():
        if reason is None:
            last = RejectionReason.objects.aggregate(m=Max("order"))["m"]
            reason = RejectionReason.objects.create(name=name, order=(last or 0) + 1, active=active)
        else:
            reason.name, reason.active = name, active
            reason.save(update_fields=["name", "active"])
        audit_record(
            actor=actor,
            subject="rejection_reason",
            subject_id=reason.pk,
            label=name,
            event="rejection_reason_updated" if before else "rejection_reason_created",
            changes=changes_between(before, {"name": name, "active": active}),
        )
    return reason


# Applications: a candidate on a job, and every move it makes.


NOT_IN_PIPELINE = "That stage is not part of this job's pipeline."


def entry_stage(job: Job, entry: StageRole) -> Stage:
    """The stage with the `entry` role, or else the job's first stage."""
    stages = job.stages.order_by("order", "id")
    stage = stages.filter(role=entry).first() or stages.first()
    if stage is None:
        raise DomainError(NOT_IN_PIPELINE, field="stage_id")
    return stage


def application_create(
    *,
    candidate: Candidate,
    job: Job,
    actor: User | None,
    source: str = "",
    stage: Stage | None = None,
    entry: StageRole = StageRole.SOURCED,
) -> Application:
    """Put a candidate on a job at `stage`, or else at the stage with the `entry` role
    (people who applied enter at applied, people found by a recruiter at sourced), or else
    at its first stage."""
    check_recruiter(actor)
    stage = stage or entry_stage(job, entry)
    if stage.job_id != job.pk:
        raise DomainError(NOT_IN_PIPELINE, field="stage_id")
    existing = Application.objects.filter(candidate=candidate, job=job).first()
    if existing:
        raise Conflict(f"{candidate.name} is already on {job.title}.", application_id=existing.pk)
    now = timezone.now()
    try:
        with transaction.atomic():
            application = Application.objects.create(
                candidate=candidate,
                job=job,
                stage=stage,
                source=source or candidate.source,
                owner=candidate.owner or (actor if actor and actor.sees_everything else None),
                created_at=now,
                stage_entered_at=now,
                furthest_rank=RANK.get(stage.role, 0),
            )
            StageChange.objects.create(
                application=application,
                from_stage=None,
                to_stage=stage,
                actor=actor,
                changed_at=now,
            )
            events.application_created(application=application, actor=actor)
            hooks.application_created.send(application=application)
    except IntegrityError:
        existing = Application.objects.get(candidate=candidate, job=job)
        raise Conflict(
            f"{candidate.name} is already on {job.title}.", application_id=existing.pk
        ) from None
    return application


def application_move(*, application: Application, stage: Stage, actor: User | None) -> Application:
    check_recruiter(actor)
    if stage.job_id != application.job_id:
        raise DomainError(NOT_IN_PIPELINE, field="stage_id")
    if application.status in (ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN):
        raise DomainError(
            f"This application is {application.status}; reopen it before moving it.",
            field="stage_id",
        )
    with transaction.atomic():
        # Lock the row so two recruiters moving one card record two honest changes.
        current = (
            Application.objects.select_for_update().select_related("stage").get(pk=application.pk)
        )
        if current.stage_id == stage.pk:
            return current
        _move(current, stage=stage, actor=actor)
    application.stage, application.stage_entered_at = current.stage, current.stage_entered_at
    return application


def _move(current: Application, *, stage: Stage, actor: User | None, undone: bool = False) -> None:
    """Move a locked application: one StageChange and one timeline entry. A move sends no
    email; it may settle a stale-in-stage follow-up, cleared as soon as this commits."""
    from_stage = current.stage
    now = timezone.now()
    # The history only grows: the stage entered now can only raise the furthest rank.
    Application.objects.filter(pk=current.pk).update(
        stage=stage,
        stage_entered_at=now,
        furthest_rank=Greatest(F("furthest_rank"), Value(RANK.get(stage.role, 0))),
    )
    stays_end(application_id=current.pk, at=now)
    StageChange.objects.create(
        application=current, from_stage=from_stage, to_stage=stage, actor=actor, changed_at=now
    )
    hooks.stays_changed.send(application_ids=[current.pk])
    current.stage, current.stage_entered_at = stage, now
    events.stage_changed(
        application=current, actor=actor, from_stage=from_stage, to_stage=stage, undone=undone
    )
    hooks.application_stage_changed.send(application=current, from_stage=from_stage, to_stage=stage)
    hooks.candidates_touched.send_on_commit(candidate_ids=[current.candidate_id])


# How long after a move its mover may take it back with one click.
UNDO_MOVE_SECONDS = 120


def application_move_undo(
    *, application: Application, change_id: int | None, actor: User | None
) -> Application:
    """Take back the move just made: the card goes back to where it was, with one more
    StageChange and a timeline entry saying the move was undone. Only the application's
    latest change, made by this actor within UNDO_MOVE_SECONDS, and only while it is still
    on the board."""
    check_recruiter(actor)
    with transaction.atomic():
        current = (
            Application.objects.select_for_update().select_related("stage").get(pk=application.pk)
        )
        changes = current.stage_changes.select_related("from_stage")
        last = changes.order_by("-changed_at", "-id").first()
        if last is None or last.pk != change_id or last.actor_id != actor.pk:
            raise DomainError("Only your latest move of this card can be undone.", field="change")
        if last.from_stage is None or last.from_stage.job_id != current.job_id:
            raise DomainError("The stage it came from is gone; move it by hand.", field="change")
        if timezone.now() - last.changed_at > timedelta(seconds=UNDO_MOVE_SECONDS):
            raise DomainError("Too late to undo that move; move the card by hand.", field="change")
        if current.status in (ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN):
            raise DomainError(f"This application is {current.status} now.", field="change")
        _move(current, stage=last.from_stage, actor=actor, undone=True)
    application.stage, application.stage_entered_at = current.stage, current.stage_entered_at
    return application


def _set_status(
    *,
    application: Application,
    actor: User | None,
    new: str,
    allowed_from: tuple[str, ...],
    reason: RejectionReason | None = None,
    note: str = "",
) -> Application:
    check_recruiter(actor)
    with transaction.atomic():
        current = Application.objects.select_for_update().get(pk=application.pk)
        if current.status not in allowed_from:
            raise DomainError(
                f"This application is {current.status}; it cannot become {new}.", field="status"
            )
        old = current.status
        now = timezone.now()
        hired = {"furthest_rank": HIRED_RANK} if new == ApplicationStatus.HIRED else {}
        Application.objects.filter(pk=current.pk).update(
            status=new, rejection_reason=reason, status_changed_at=now, **hired
        )
        application.status, application.rejection_reason = new, reason
        application.status_changed_at = now
        # Closing ends the stay where it stands; reopening opens it again.
        hooks.stays_changed.send(application_ids=[current.pk])
        events.status_changed(
            application=application,
            actor=actor,
            old=old,
            new=new,
            reason=reason.name if reason else note,
        )
        hooks.application_status_changed.send(
            application=application, old=old, new=new, reason=reason.name if reason else note
        )
        # A status change may settle what the candidate was owed (a rejection ends the
        # "not acknowledged" wait): clear those follow-ups as soon as this commits.
        hooks.candidates_touched.send_on_commit(candidate_ids=[current.candidate_id])
    return application


def application_reject(
    *, application: Application, actor: User | None, reason: RejectionReason
) -> Application:
    if reason is None or not reason.active:
        raise DomainError("Choose a rejection reason from the list.", field="reason")
    return _set_status(
        application=application,
        actor=actor,
        new=ApplicationStatus.REJECTED,
        allowed_from=(ApplicationStatus.ACTIVE,),
        reason=reason,
    )


def application_withdraw(
    *, application: Application, actor: User | None, note: str = ""
) -> Application:
    """The candidate pulled out; `note` is why, in their words, when they said (by phone)."""
    note = " ".join(note.split())
    if len(note) > 200:
        raise DomainError("Keep the reason under 200 characters.", field="reason")
    return _set_status(
        application=application,
        actor=actor,
        new=ApplicationStatus.WITHDRAWN,
        allowed_from=(ApplicationStatus.ACTIVE,),
        note=note,
    )


def application_reopen(*, application: Application, actor: User | None) -> Application:
    return _set_status(
        application=application,
        actor=actor,
        new=ApplicationStatus.ACTIVE,
        allowed_from=(ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN),
    )


def application_mark_told(*, application_id: int, at: datetime, how: str) -> bool:
    """An outbound touch after a rejection, or after the job was filled or closed, tells the
    candidate the outcome: the loop is closed for that application. Called by the services
    that record such a touch (a logged call, a sent email); True if it was the telling one."""
    rejected = Q(status=ApplicationStatus.REJECTED, status_changed_at__lte=at)
    job_ended = Q(
        status=ApplicationStatus.ACTIVE,
        job__status__in=[JobStatus.FILLED, JobStatus.CLOSED],
        job__status_changed_at__lte=at,
    )
    told = Application.objects.filter(pk=application_id, told_at__isnull=True).filter(
        rejected | job_ended
    )
    if not told.update(told_at=at, told_how=how):
        return False
    hooks.application_told.send(application_id=application_id, how=how)
    return True


def application_hire(*, application: Application, actor: User | None) -> Application:
    """Mark as hired and, when the pipeline's hired stage is ahead, move the card there."""
    with transaction.atomic():
        _set_status(
            application=application,
            actor=actor,
            new=ApplicationStatus.HIRED,
            allowed_from=(ApplicationStatus.ACTIVE,),
        )
        hired_stage = (
            application.job.stages.filter(role=StageRole.HIRED)
            .filter(order__gt=application.stage.order)
            .first()
        )
        if hired_stage:
            application_move(application=application, stage=hired_stage, actor=actor)
    return application
