"""Import pages (upload, map, dry run, progress, report), JSON Resume upload and download,
and the export buttons' downloads."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from ghostless.candidates.forms import CandidateFilterForm
from ghostless.candidates.selectors import access_candidate
from ghostless.core.errors import DomainError
from ghostless.core.web import (
    form_error,
    paginate,
    refused,
    render,
    require_hiring_team,
    require_recruiter,
)
from ghostless.imports import exports, jsonresume, services
from ghostless.imports.forms import MappingForm, ResumeUploadForm, UploadForm
from ghostless.imports.mapping import FIELDS
from ghostless.imports.models import ImportState, IssueKind, Phase
from ghostless.imports.selectors import (
    access_import,
    import_issues,
    imports_visible_to,
    report_phase,
)
from ghostless.jobs.selectors import access_job, job_applications
from ghostless.search.quick_find import candidate_find
from ghostless.timeline.selectors import timeline

UNDER_WAY = (ImportState.CHECKING, ImportState.RUNNING)
ROWS_SHOWN = 100


def import_list(request: HttpRequest) -> HttpResponse:
    require_recruiter(request, hide_page=True)
    form = UploadForm()
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = services.import_upload(actor=request.user, upload=form.cleaned_data["file"])
            except DomainError as error:
                form_error(form, error)
            else:
                return redirect("imports:detail", job.pk)
    page = paginate(request, imports_visible_to(request.user))
    status = 422 if form.errors else 200
    return render(
        request,
        "imports/list.html",
        {"nav": "candidates", "form": form, "page": page},
        status=status,
    )


def _context(request: HttpRequest, job, form=None) -> dict:
    phase = report_phase(job)
    shown = phase if job.state not in UNDER_WAY else job.phase
    return {
        "nav": "candidates",
        "job": job,
        "form": form or MappingForm(columns=job.columns, mapping=job.mapping),
        "fields": FIELDS,
        "under_way": job.state in UNDER_WAY,
        "phase": shown,
        "counts": job.dry_run_counts if shown == Phase.DRY_RUN else job.run_counts,
        "rejected": import_issues(job, phase=phase)[:ROWS_SHOWN],
        "duplicates": import_issues(job, phase=Phase.DRY_RUN, kind=IssueKind.DUPLICATE)[
            :ROWS_SHOWN
        ],
        "rows_shown": ROWS_SHOWN,
        "editable": job.state in (ImportState.MAPPING, ImportState.CHECKED, ImportState.FAILED)
        and job.phase != Phase.RUN,
    }


def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_recruiter(request, hide_page=True)
    job = access_import(request.user, pk)
    if request.htmx and request.htmx.target == "progress" and job.state not in UNDER_WAY:
        # Finished while the page watched: load it whole, with the report and its forms.
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "imports/detail.html", _context(request, job), partials=("progress",))


@require_POST
def import_check(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the mapping and start the dry run."""
    require_recruiter(request)
    job = access_import(request.user, pk)
    form = MappingForm(request.POST, columns=job.columns, mapping=job.mapping)
    if form.is_valid():
        try:
            services.import_set_mapping(job=job, actor=request.user, mapping=form.mapping())
            services.import_dry_run(job=job, actor=request.user)
        except DomainError as error:
            form_error(form, error)
        else:
            return redirect("imports:detail", job.pk)
    return render(request, "imports/detail.html", _context(request, job, form), status=422)


@require_POST
def import_start(request: HttpRequest, pk: int) -> HttpResponse:
    require_recruiter(request)
    job = access_import(request.user, pk)
    try:
        services.import_run(job=job, actor=request.user)
    except DomainError as error:
        messages.error(request, refused(error))
    return redirect("imports:detail", job.pk)


def import_rejected(request: HttpRequest, pk: int) -> HttpResponse:
    """The rejected rows as they were, with a first column saying why: fix and upload again."""
    require_recruiter(request, hide_page=True)
    job = access_import(request.user, pk)
    fmt = exports.check_format_or_404(request.GET.get("format"))
    issues = import_issues(job, phase=report_phase(job))
    rows = ([i.row_number, i.message, *i.values] for i in issues.iterator(chunk_size=500))
    header = ["row", "reason", *job.columns]
    name = f"rejected-rows-{job.pk}"
    return exports.spreadsheet_response(filename=name, fmt=fmt, header=header, rows=rows)


def export_candidates(request: HttpRequest) -> HttpResponse:
    """The candidate list as filtered on its page, every match."""
    require_hiring_team(request)
    fmt = exports.check_format_or_404(request.GET.get("format"))
    form = CandidateFilterForm(request.GET or None, user=request.user)
    filters = form.selector_kwargs() if form.is_bound and form.is_valid() else {}
    found = candidate_find(user=request.user, **filters)
    rows = exports.candidate_rows(found, user=request.user)
    return exports.spreadsheet_response(
        filename="candidates", fmt=fmt, header=exports.CANDIDATE_HEADER, rows=rows
    )


def export_search(request: HttpRequest) -> HttpResponse:
    """A search's results, best match first."""
    from ghostless.search.forms import SearchForm
    from ghostless.search.selectors import candidate_search

    require_hiring_team(request)
    fmt = exports.check_format_or_404(request.GET.get("format"))
    form = SearchForm(request.GET or None, user=request.user)
    form.is_valid()
    try:
        result = candidate_search(user=request.user, q=form.text(), filters=form.filters())
    except DomainError as error:
        return HttpResponse(error.message, status=422, content_type="text/plain")
    ids = [pk for pk, _ in result.hits]
    rows = exports.candidate_rows_by_ids(ids, user=request.user)
    return exports.spreadsheet_response(
        filename="search", fmt=fmt, header=exports.CANDIDATE_HEADER, rows=rows
    )


def export_applicants(request: HttpRequest, pk: int) -> HttpResponse:
    require_hiring_team(request)
    job = access_job(request.user, pk)
    fmt = exports.check_format_or_404(request.GET.get("format"))
    filters = {k: request.GET[k] for k in ("status", "q", "sort") if request.GET.get(k)}
    if request.GET.get("stage", "").isdigit():
        filters["stage"] = request.GET["stage"]
    rows = exports.application_rows(job_applications(job=job, **filters))
    return exports.spreadsheet_response(
        filename=f"applicants-{job.pk}", fmt=fmt, header=exports.APPLICATION_HEADER, rows=rows
    )


def export_timeline(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = access_candidate(request.user, pk)
    fmt = exports.check_format_or_404(request.GET.get("format"))
    rows = exports.timeline_rows(timeline(user=request.user, candidate=candidate))
    return exports.spreadsheet_response(
        filename=f"timeline-{candidate.pk}", fmt=fmt, header=exports.TIMELINE_HEADER, rows=rows
    )


def resume_json(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = access_candidate(request.user, pk)
    response = JsonResponse(jsonresume.resume_export(candidate), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="resume-{candidate.pk}.json"'
    return response


def resume_upload(request: HttpRequest) -> HttpResponse:
    """A resume.json as a new candidate, or onto the one named by ?candidate=."""
    require_recruiter(request, hide_page=True)
    pk = request.GET.get("candidate") or request.POST.get("candidate") or ""
    onto = access_candidate(request.user, int(pk)) if pk.isdigit() else None
    form = ResumeUploadForm()
    if request.method == "POST":
        form = ResumeUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > jsonresume.MAX_BYTES:
                    raise DomainError("That resume.json is larger than 2 MB.", field="file")
                document = jsonresume.parse_resume(upload.read())
                done = jsonresume.resume_import(
                    actor=request.user, document=document, candidate=onto
                )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, f"JSON Resume imported into {done.name}.")
                return redirect("candidates:detail", done.pk)
    status = 422 if form.errors else 200
    context = {"nav": "candidates", "form": form, "onto": onto}
    return render(request, "imports/resume_upload.html", context, status=status)
