"""Public pages: no login, nothing staff-only, every candidate-typed value autoescaped."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_GET, require_http_methods

from ghostless.careers import jsonld, selectors, services
from ghostless.careers.forms import ApplyForm
from ghostless.careers.markup import description_html
from ghostless.core.errors import DomainError
from ghostless.jobs.models import EmploymentType

FEED_SIZE = 100


def _context(**extra) -> dict:
    return {"company": services.company(), **extra}


@login_not_required
@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    filters = {
        "department": request.GET.get("department", ""),
        "location": request.GET.get("location", ""),
        "employment_type": request.GET.get("type", ""),
    }
    options = selectors.filter_options()
    types = dict(EmploymentType.choices)
    context = _context(
        jobs=selectors.public_job_list(**filters),
        filters=filters,
        options=options,
        type_choices=[(t, types.get(t, t)) for t in options["types"]],
        filtered=any(filters.values()),
    )
    return TemplateResponse(request, "careers/list.html", context)


def _not_found(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "careers/not_found.html", _context(), status=404)


@login_not_required
@require_http_methods(["GET", "POST"])
def job_page(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        job = selectors.public_job(slug)
    except Http404:
        return _not_found(request)
    form = ApplyForm(request.POST or None, request.FILES or None, job=job)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.application_submit(
                    job=job,
                    applicant=services.ApplicantInput(
                        first_name=form.cleaned_data["first_name"],
                        last_name=form.cleaned_data["last_name"],
                        email=form.cleaned_data["email"],
                        phone=form.cleaned_data["phone"],
                        link=form.cleaned_data["link"],
                        cover_note=form.cleaned_data["cover_note"],
                        answers=form.answers(),
                        talent_network=form.cleaned_data["talent_network"],
                    ),
                    resume=form.cleaned_data["resume"],
                    ip=request.META.get("REMOTE_ADDR"),
                )
            except DomainError as error:
                field = error.field if error.field in form.fields else None
                form.add_error(field, error.message)
                status = getattr(error, "status", 422)
            else:
                return redirect("careers:applied", slug=job.slug)
        else:
            status = 422
    description = description_html(job.description)
    url = request.build_absolute_uri(reverse("careers:job", args=[job.slug]))
    context = _context(
        job=job,
        form=form,
        description=description,
        jsonld=jsonld.script_tag(jsonld.job_posting(job, description_html=description, url=url)),
    )
    return TemplateResponse(request, "careers/job.html", context, status=status)


@login_not_required
@require_GET
def applied(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        job = selectors.public_job(slug)
    except Http404:
        return _not_found(request)
    return TemplateResponse(request, "careers/applied.html", _context(job=job))


def _feed_items(request: HttpRequest):
    for job in selectors.public_jobs()[:FEED_SIZE]:
        yield job, request.build_absolute_uri(reverse("careers:job", args=[job.slug]))


@login_not_required
@require_GET
def feed_json(request: HttpRequest) -> JsonResponse:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of the open jobs, newest first."""
    items = [
        {
            "id": url,
            "url": url,
            "title": job.title,
            "content_html": description_html(job.description),
            "date_published": (job.status_changed_at or job.created_at).isoformat(),
            "tags": [t for t in (job.department, job.location) if t],
            "_job": {
                "department": job.department,
                "location": job.location,
                "remote": job.remote,
                "employment_type": job.employment_type,
                "valid_through": job.valid_through.isoformat() if job.valid_through else None,
            },
        }
        for job, url in _feed_items(request)
    ]
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"Jobs at {settings.COMPANY_NAME}",
        "home_page_url": request.build_absolute_uri(reverse("careers:list")),
        "feed_url": request.build_absolute_uri(reverse("careers:feed_json")),
        "items": items,
    }
    return JsonResponse(feed, content_type="application/feed+json", json_dumps_params={"indent": 1})


@login_not_required
@require_GET
def feed_atom(request: HttpRequest) -> HttpResponse:
    feed = Atom1Feed(
        title=f"Jobs at {settings.COMPANY_NAME}",
        link=request.build_absolute_uri(reverse("careers:list")),
        description=f"Open positions at {settings.COMPANY_NAME}",
        feed_url=request.build_absolute_uri(reverse("careers:feed_atom")),
        language="en",
    )
    for job, url in _feed_items(request):
        where = "Remote" if job.remote else job.location
        feed.add_item(
            title=job.title,
            link=url,
            unique_id=url,
            description=description_html(job.description),
            pubdate=job.status_changed_at or job.created_at,
            categories=[t for t in (job.department, where) if t],
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
