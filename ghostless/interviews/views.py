"""Interview pages: the kit and its scorecard form, the kit's resume, and the interview plan
editors of a pipeline template and of a job."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from ghostless.core.errors import DomainError
from ghostless.core.params import posted_int
from ghostless.core.web import refused, require_admin, require_recruiter
from ghostless.interviews.kits import access_interview, current_resume, kit_context
from ghostless.interviews.models import Level, Recommendation, Scorecard
from ghostless.interviews.plans import kit_plan, plan_as_dicts, plan_save, stages_with_plans
from ghostless.interviews.scorecards import (
    feedback_summary,
    interviewer_of,
    scorecard_submit,
    sees_all_feedback,
)
from ghostless.jobs.models import Job, PipelineTemplate
from ghostless.jobs.selectors import access_job
from ghostless.resumes.views import file_response

# What the scorecard form holds, as a Scorecard stores it.
FORM_FIELDS = ("ratings", "notes", "takeaways", "recommendation")


def _kit(request: HttpRequest, interview, *, posted=None, error: DomainError | None = None):
    user = request.user
    context = kit_context(interview)
    application = interview.application
    can_score = interviewer_of(interview, user)
    mine = Scorecard.objects.filter(interview=interview, interviewer=user).first()
    summary = feedback_summary(application=application, user=user)
    plan = context["plan"]
    attributes = plan.attributes if plan else []
    questions = plan.questions if plan else []
    # The form shows what was just posted (after an error), else the card as submitted.
    filled = posted or (
        {name: getattr(mine, name) for name in FORM_FIELDS} if mine else dict.fromkeys(FORM_FIELDS)
    )
    ratings, notes = filled["ratings"] or {}, filled["notes"] or {}
    context |= {
        "nav": "interviews",
        "can_score": can_score,
        "mine": mine,
        "summary": summary,
        "show_feedback": summary.submitted_own
        or sees_all_feedback(application=application, user=user),
        "rating_rows": [
            (index, name, ratings.get(name, "")) for index, name in enumerate(attributes)
        ],
        "note_rows": [(index, q, notes.get(q, "")) for index, q in enumerate(questions)],
        "general_notes": notes.get("", ""),
        "takeaways": filled["takeaways"] or "",
        "recommendation": filled["recommendation"] or "",
        "levels": Level.choices,
        "recommendations": Recommendation.choices,
        "error": error,
    }
    return TemplateResponse(request, "interviews/kit.html", context)


@require_GET
def kit(request: HttpRequest, pk: int) -> HttpResponse:
    return _kit(request, access_interview(request.user, pk))


def _posted_scorecard(request: HttpRequest, interview) -> dict:
    """The form's fields by position (attribute and question texts are not safe names)."""
    plan = kit_plan(interview)
    attributes = plan.attributes if plan else []
    questions = plan.questions if plan else []
    post = request.POST
    notes = {q: post.get(f"note-{i}", "") for i, q in enumerate(questions)}
    notes[""] = post.get("note-general", "")
    return {
        "ratings": {
            name: post[f"rating-{i}"]
            for i, name in enumerate(attributes)
            if post.get(f"rating-{i}")
        },
        "notes": notes,
        "takeaways": post.get("takeaways", ""),
        "recommendation": post.get("recommendation", ""),
    }


@require_POST
def scorecard(request: HttpRequest, pk: int) -> HttpResponse:
    interview = access_interview(request.user, pk)
    posted = _posted_scorecard(request, interview)
    try:
        card = scorecard_submit(interview=interview, actor=request.user, **posted)
    except DomainError as error:
        refused(error)  # a refused permission is a 403
        return _kit(request, interview, posted=posted, error=error)
    amended = card.revisions.exists()
    messages.success(request, "Scorecard amended." if amended else "Scorecard submitted.")
    return redirect(f"{reverse('interviews:kit', args=[pk])}#feedback")


@require_GET
def resume(request: HttpRequest, pk: int) -> FileResponse:
    """The candidate's current resume, for whoever may open this interview's kit: an
    interviewer reaches that one candidate's resume this way and no other."""
    found = current_resume(access_interview(request.user, pk))
    if found is None:
        raise Http404("No resume.")
    return file_response(found)


# Interview plans.


def _rows(posted: list[str]) -> list[str]:
    return [line.strip() for line in posted if line.strip()]


def _posted_plan(request: HttpRequest) -> list[dict]:
    """The stage's form: rows `title-N`, `duration-N`, `attributes-N` and `questions-N` (one
    per line), `instructions-N`; a row with a blank title and nothing else is dropped."""
    post, plan = request.POST, []
    for index in range(posted_int(post.get("rows")) or 0):
        row = {
            "title": post.get(f"title-{index}", ""),
            "duration_minutes": post.get(f"duration-{index}", ""),
            "attributes": _rows(post.get(f"attributes-{index}", "").splitlines()),
            "questions": _rows(post.get(f"questions-{index}", "").splitlines()),
            "instructions": post.get(f"instructions-{index}", ""),
        }
        if any(row[name] for name in ("title", "attributes", "questions", "instructions")):
            plan.append(row)
    return plan


def _form_row(row: dict) -> dict:
    """A planned interview as the plan form's fields (lists one a line)."""
    return {
        "title": row.get("title", ""),
        "duration_minutes": row.get("duration_minutes") or 60,
        "attributes_text": "\n".join(row.get("attributes", [])),
        "questions_text": "\n".join(row.get("questions", [])),
        "instructions": row.get("instructions", ""),
    }


def _plan_page(request: HttpRequest, owner: Job | PipelineTemplate, context: dict):
    errors: dict[int, str] = {}
    posted_stage = None
    if request.method == "POST":
        stage = owner.stages.filter(pk=posted_int(request.POST.get("stage"))).first()
        if stage is None:
            raise Http404("That stage is no longer in this pipeline.")
        try:
            plan_save(owner_stage=stage, actor=request.user, interviews=_posted_plan(request))
        except DomainError as error:
            errors[stage.pk] = refused(error)
            posted_stage = stage.pk
        else:
            messages.success(request, f"Saved the interview plan of {stage.name}.")
            return redirect(f"{request.path}#stage-{stage.pk}")
    stages = stages_with_plans(owner)
    for stage in stages:
        stage.error = errors.get(stage.pk, "")
        # What was posted after an error, else the saved plan; and a blank row to add one.
        rows = _posted_plan(request) if stage.pk == posted_stage else plan_as_dicts(stage.plan)
        stage.rows = [_form_row(row) for row in rows] + [_form_row({})]
    context |= {"stages": stages, "planned_count": sum(len(s.plan) for s in stages)}
    return TemplateResponse(request, "interviews/plan.html", context)


def template_plan(request: HttpRequest, pk: int) -> HttpResponse:
    require_admin(request)
    template = get_object_or_404(PipelineTemplate, pk=pk)
    context = {
        "nav": "admin",
        "owner_name": f"{template.name} template",
        "back": reverse("jobs:template", args=[template.pk]),
    }
    return _plan_page(request, template, context)


def job_plan(request: HttpRequest, pk: int) -> HttpResponse:
    job = access_job(request.user, pk)
    require_recruiter(request, hide_page=True)
    context = {
        "nav": "jobs",
        "job": job,
        "owner_name": job.title,
        "back": job.get_absolute_url(),
    }
    return _plan_page(request, job, context)
