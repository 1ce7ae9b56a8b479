"""Pages: the retention rules (admins), anonymise and export on a profile (recruiters), and
the candidate's own confirmation and download links (no login: the signature is the key)."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ghostless.candidates.selectors import access_candidate
from ghostless.core.confirm import Confirmation, confirmation_page, confirmed
from ghostless.core.errors import DomainError
from ghostless.core.web import form_error, require_admin, require_recruiter
from ghostless.privacy import erasure, exports, services
from ghostless.privacy.anonymise import candidate_anonymise, untold_applications
from ghostless.privacy.forms import AnonymiseForm, RetentionRuleForm
from ghostless.privacy.models import RetentionRule, RetentionRun, SubjectExport
from ghostless.privacy.retention import retention_plan, retention_run_start
from ghostless.status import links

DRY_RUN_DAYS = 90


def retention_page(request: HttpRequest, form=None, status: int = 200) -> TemplateResponse:
    require_admin(request)
    now = timezone.now()
    plan = (
        retention_plan(now=now, until=now + timedelta(days=DRY_RUN_DAYS))
        if request.GET.get("dry_run")
        else None
    )
    context = {
        "rules": RetentionRule.objects.all(),
        "form": form or RetentionRuleForm(),
        "run": RetentionRun.objects.first(),
        "dry_run": plan,
        "due_now": sum(1 for due in plan or [] if due.due_at <= now),
        "dry_run_days": DRY_RUN_DAYS,
        "now": now,
    }
    return TemplateResponse(request, "privacy/retention.html", context, status=status)


@require_POST
def rule_add(request: HttpRequest) -> HttpResponse:
    require_admin(request)
    form = RetentionRuleForm(request.POST)
    if form.is_valid():
        try:
            services.retention_rule_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, "Rule added. The dry run shows whom it makes due.")
            return redirect("privacy:retention")
    return retention_page(request, form=form, status=422)


@require_POST
def rule_delete(request: HttpRequest, pk: int) -> HttpResponse:
    require_admin(request)
    rule = get_object_or_404(RetentionRule, pk=pk)
    services.retention_rule_delete(actor=request.user, rule=rule)
    messages.success(request, "Rule deleted.")
    return redirect("privacy:retention")


@require_POST
def run_now(request: HttpRequest) -> HttpResponse:
    """Irreversible for everyone due: the first POST shows how many, the second runs."""
    require_admin(request)
    from ghostless.privacy.tasks import run_retention

    if not confirmed(request):
        plan = retention_plan()
        held = sum(1 for due in plan if due.untold)
        return confirmation_page(
            request,
            Confirmation(
                title="Run the retention rules now?",
                button=f"Anonymise {len(plan) - held} now",
                cancel_url=reverse("privacy:retention"),
                what=[
                    f"{len(plan) - held} people past their retention date are anonymised, "
                    "for good.",
                    f"{held} never told their outcome are kept; their owners get a "
                    "close-the-loop follow-up.",
                ],
                count=len(plan),
                count_label="people due",
                danger=True,
            ),
        )
    try:
        run = retention_run_start(actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        run_retention(run.pk)
        messages.success(request, "The retention run has started; its progress is below.")
    return redirect("privacy:retention")


@require_GET
def run_progress(request: HttpRequest) -> TemplateResponse:
    require_admin(request)
    run = RetentionRun.objects.first()
    return TemplateResponse(request, "privacy/_run.html", {"run": run})


@require_http_methods(["GET", "POST"])
def anonymise(request: HttpRequest, pk: int) -> HttpResponse:
    """A page saying what will go and what stays; the POST with a reason does it."""
    candidate = access_candidate(request.user, pk)
    require_recruiter(request, hide_page=True)
    form = AnonymiseForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if candidate.anonymised_at is None and form.is_valid():
            candidate_anonymise(candidate, actor=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, "The candidate was anonymised.")
            return redirect(candidate)
        status = 422
    context = {
        "candidate": candidate,
        "form": form,
        "untold": untold_applications(candidate).select_related("job"),
    }
    return TemplateResponse(request, "privacy/anonymise.html", context, status=status)


@require_POST
def export(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = access_candidate(request.user, pk)
    require_recruiter(request)
    try:
        exports.export_request(candidate=candidate, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "The export is being prepared: its link appears here.")
    return redirect("privacy:exports", pk=candidate.pk)


@require_GET
def export_list(request: HttpRequest, pk: int) -> TemplateResponse:
    candidate = access_candidate(request.user, pk)
    require_recruiter(request, hide_page=True)
    rows = [
        (e, exports.download_url(e) if e.state == "ready" and e.expires_at > timezone.now() else "")
        for e in SubjectExport.objects.filter(candidate=candidate)
    ]
    return TemplateResponse(request, "privacy/exports.html", {"candidate": candidate, "rows": rows})


@login_not_required
@require_GET
def export_download(request: HttpRequest, token: str) -> FileResponse:
    found = exports.export_for_token(token)
    if found is None:
        raise Http404
    actor = request.user if request.user.is_authenticated else None
    exports.export_downloaded(export=found, actor=actor)
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=f"personal-data-{found.candidate_id}.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_not_required
@require_POST
def ask(request: HttpRequest, token: str) -> HttpResponse:
    """From the status page: mail a confirmation link for a copy or an erasure."""
    try:
        candidate = links.candidate_for_token(token)
    except (links.LinkInvalid, links.LinkExpired):
        raise Http404 from None
    try:
        address = erasure.privacy_request(candidate=candidate, what=request.POST.get("what", ""))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"We sent a link to {address}: follow it to confirm.")
    return redirect("status:page", token=token)


@login_not_required
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, code: str) -> HttpResponse:
    found = erasure.read_request(code)
    if found is None:
        return _public(request, "privacy/confirm_invalid.html", {}, status=404)
    candidate, what = found
    if candidate.anonymised_at is not None:
        return _public(request, "privacy/done.html", {"what": "erase"})
    if request.method == "POST":
        erasure.privacy_confirm(candidate=candidate, what=what)
        return _public(request, "privacy/done.html", {"what": what})
    return _public(request, "privacy/confirm.html", {"what": what})


def _public(request, template: str, context: dict, status: int = 200) -> TemplateResponse:
    from django.conf import settings

    context |= {"company_name": settings.COMPANY_NAME}
    response = TemplateResponse(request, template, context, status=status)
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response
