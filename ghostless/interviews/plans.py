"""Interview plans: the interviews a stage holds, each with focus attributes, questions and
instructions for the interviewer. A pipeline template's plan is what new jobs copy
(`jobs.services.job_create`); a job's copy is its own to change."""

from django.db import transaction
from django.db.models import Prefetch

from ghostless.accounts.models import User
from ghostless.core.errors import DomainError
from ghostless.core.permissions import check_admin, check_recruiter
from ghostless.jobs.models import (
    Job,
    PipelineTemplate,
    PipelineTemplateStage,
    PlannedInterview,
    Stage,
)
from ghostless.timeline.audit import audit_record, changes_between

MAX_INTERVIEWS = 10
MAX_ATTRIBUTES = 12
MAX_QUESTIONS = 25
ATTRIBUTE_LENGTH = 60
QUESTION_LENGTH = 500
INSTRUCTIONS_LENGTH = 5000
TITLE_LENGTH = 120
# Up to eight hours: longer is a typo, or an onsite day better planned as several interviews.
MAX_DURATION = 480

PLAN_FIELDS = ("title", "duration_minutes", "attributes", "questions", "instructions")


def _texts(values, *, field: str, limit: int, length: int, what: str) -> list[str]:
    """A list of short, distinct, non-blank strings; blank entries are dropped."""
    if values is None:
        return []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise DomainError(f"Give the {what} as a list of texts.", field=field)
    cleaned = [v.strip() for v in values if v.strip()]
    if len(cleaned) > limit:
        raise DomainError(f"Keep it to {limit} {what} or fewer.", field=field)
    seen = set()
    for value in cleaned:
        if len(value) > length:
            raise DomainError(f"Keep each of the {what} to {length} characters.", field=field)
        if value.casefold() in seen:
            raise DomainError(f"{value} is listed twice.", field=field)
        seen.add(value.casefold())
    return cleaned


def _duration(value, *, field: str) -> int:
    if value is None or value == "":
        return 60
    try:
        minutes = int(value)
    except (TypeError, ValueError):
        minutes = 0
    if isinstance(value, bool) or not 1 <= minutes <= MAX_DURATION:
        raise DomainError(f"Use a duration from 1 to {MAX_DURATION} minutes.", field=field)
    return minutes


def plan_clean(interviews: list[dict], *, prefix: str = "interviews") -> list[dict]:
    """Check a posted plan and return it tidied: fields of an entry are named
    `interviews[0].title` and so on, so a form or an API client can point at the bad one."""
    if not isinstance(interviews, list):
        raise DomainError("Give the plan as a list of interviews.", field=prefix)
    if len(interviews) > MAX_INTERVIEWS:
        raise DomainError(f"Plan at most {MAX_INTERVIEWS} interviews a stage.", field=prefix)
    cleaned = []
    for index, entry in enumerate(interviews):
        at = f"{prefix}[{index}]"
        if not isinstance(entry, dict):
            raise DomainError("Each planned interview needs a title.", field=f"{at}.title")
        title = entry.get("title")
        title = title.strip() if isinstance(title, str) else ""
        if not title:
            raise DomainError("Each planned interview needs a title.", field=f"{at}.title")
        if len(title) > TITLE_LENGTH:
            raise DomainError(f"Keep the title to {TITLE_LENGTH} characters.", field=f"{at}.title")
        instructions = entry.get("instructions") or ""
        if not isinstance(instructions, str) or len(instructions) > INSTRUCTIONS_LENGTH:
            raise DomainError(
                f"Keep the instructions to {INSTRUCTIONS_LENGTH} characters of text.",
                field=f"{at}.instructions",
            )
        cleaned.append(
            {
                "title": title,
                "duration_minutes": _duration(
                    entry.get("duration_minutes"), field=f"{at}.duration_minutes"
                ),
                "attributes": _texts(
                    entry.get("attributes"),
                    field=f"{at}.attributes",
                    limit=MAX_ATTRIBUTES,
                    length=ATTRIBUTE_LENGTH,
                    what="focus attributes",
                ),
                "questions": _texts(
                    entry.get("questions"),
                    field=f"{at}.questions",
                    limit=MAX_QUESTIONS,
                    length=QUESTION_LENGTH,
                    what="questions",
                ),
                "instructions": instructions.strip(),
            }
        )
    return cleaned


def plan_as_dicts(planned) -> list[dict]:
    return [{name: getattr(p, name) for name in PLAN_FIELDS} for p in planned]


def plan_save(
    *, owner_stage: Stage | PipelineTemplateStage, actor: User | None, interviews: list[dict]
) -> list[PlannedInterview]:
    """Replace a stage's plan with `interviews` (dicts of PLAN_FIELDS). Templates' plans are
    for admins; a job's copy for its recruiters and admins. Audited like other stage edits."""
    if isinstance(owner_stage, PipelineTemplateStage):
        check_admin(actor)
        link, subject = {"template_stage": owner_stage}, "template_stage"
        label = f"{owner_stage.template.name} template › {owner_stage.name}"
    else:
        check_recruiter(actor, "can change a job's interview plan")
        link, subject = {"stage": owner_stage}, "job_stage"
        label = f"{owner_stage.job.title} › {owner_stage.name}"
    cleaned = plan_clean(interviews)
    current = PlannedInterview.objects.filter(**link)
    with transaction.atomic():
        before = plan_as_dicts(current)
        current.delete()
        planned = PlannedInterview.objects.bulk_create(
            PlannedInterview(order=order, **link, **fields) for order, fields in enumerate(cleaned)
        )
        audit_record(
            actor=actor,
            subject=subject,
            subject_id=owner_stage.pk,
            label=label,
            event="interview_plan_changed",
            changes=changes_between({"interview_plan": before}, {"interview_plan": cleaned}),
        )
    return planned


def job_plan_replace(*, job: Job, actor: User | None, stages: list[dict]) -> None:
    """The API's PUT: each entry `{"stage_id", "interviews": [...]}` replaces that stage's
    plan; stages left out keep theirs. All or nothing."""
    check_recruiter(actor, "can change a job's interview plan")
    if not isinstance(stages, list):
        raise DomainError("Give the plan as a list of stages.", field="stages")
    owned = {stage.pk: stage for stage in job.stages.all()}
    work = []
    for index, entry in enumerate(stages):
        stage_id = entry.get("stage_id") if isinstance(entry, dict) else None
        stage = owned.get(stage_id) if isinstance(stage_id, int) else None
        if stage is None:
            raise DomainError(
                "That stage is not in this job's pipeline.", field=f"stages[{index}].stage_id"
            )
        try:
            cleaned = plan_clean(entry.get("interviews") or [])
        except DomainError as error:
            raise DomainError(error.message, field=f"stages[{index}].{error.field}") from error
        work.append((stage, cleaned))
    with transaction.atomic():
        for stage, cleaned in work:
            stage.job = job
            plan_save(owner_stage=stage, actor=actor, interviews=cleaned)


def stages_with_plans(owner: Job | PipelineTemplate) -> list:
    """The owner's stages in order, each with `plan`: its planned interviews (two queries)."""
    planned = Prefetch("planned_interviews", to_attr="plan")
    return list(owner.stages.order_by("order", "id").prefetch_related(planned))


def kit_plan(interview) -> PlannedInterview | None:
    """The plan an interview follows: the one it was scheduled from, else its stage's first."""
    if interview.planned_id:
        return interview.planned
    if interview.stage_id:
        return interview.stage.planned_interviews.order_by("order", "id").first()
    return None
