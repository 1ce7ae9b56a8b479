"""The job page's "Suggested from your network" card, and adding one suggestion to the job.

The card loads after the job page (htmx, `hx-trigger="load"`) so the page itself stays fast;
without JavaScript its link opens the same suggestions as a page of their own.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied as Forbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from ghostless.candidates.selectors import access_candidate
from ghostless.core.errors import Conflict, DomainError
from ghostless.core.web import render
from ghostless.jobs.selectors import access_job
from ghostless.search.suggestions import job_suggestions, suggestion_add, suggestion_stage

PAGE = "search/suggestions/page.html"


def suggestions_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The suggestions for one job: the card's content for htmx, a page otherwise. Hiring
    managers have no network to search: the page does not exist for them."""
    job = access_job(request.user, pk)
    if not request.user.sees_everything:
        raise Http404
    stage = suggestion_stage(job)
    context = {
        "nav": "jobs",
        "job": job,
        "suggestions": job_suggestions(job=job, user=request.user),
        "stage_name": stage.name if stage else "",
    }
    template = PAGE
    if request.htmx and request.htmx.target == "suggestions":
        template += "#suggestions"
    return render(request, template, context)


@require_POST
def suggestion_add_view(request: HttpRequest, pk: int, candidate_pk: int) -> HttpResponse:
    """Add the suggested person as Sourced; htmx swaps their row for the outcome."""
    job = access_job(request.user, pk)
    if not request.user.sees_everything:
        raise Forbidden("Only recruiters and admins add people to jobs.")
    candidate = access_candidate(request.user, candidate_pk)
    application, error = None, ""
    try:
        application = suggestion_add(
            job=job,
            candidate=candidate,
            actor=request.user,
            reasons=request.POST.getlist("reason"),
        )
    except Conflict as exc:
        error = exc.message
        application_url = reverse("jobs:application", args=[exc.extra["application_id"]])
    except DomainError as exc:
        error, application_url = exc.message, ""
    else:
        application_url = application.get_absolute_url()
    if request.htmx:
        context = {
            "candidate": candidate,
            "application": application,
            "application_url": application_url,
            "error": error,
        }
        return render(request, f"{PAGE}#added", context)
    if error:
        messages.warning(request, error)
    else:
        messages.success(
            request,
            format_html(
                'Added <a href="{}">{}</a> at {}.',
                application_url,
                candidate.name,
                application.stage.name,
            ),
        )
    # Without JavaScript the recruiter came from the suggestions page: back to it.
    return redirect("suggestions:list", pk=job.pk)
