"""Creating and editing a candidate (the profile and the list combine apps: front/)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from ghostless.accounts.models import User
from ghostless.candidates import services
from ghostless.candidates.forms import (
    CandidateForm,
)
from ghostless.candidates.models import Candidate
from ghostless.candidates.selectors import (
    access_candidate,
    candidates_visible_to,
)
from ghostless.core.errors import Conflict, DomainError
from ghostless.core.web import form_error


def check_can_edit(user: User) -> None:
    # The service refuses too; checking first keeps hiring managers off the empty form.
    if not user.sees_everything:
        raise HttpForbidden("Only recruiters and admins can change candidates.")


def candidate_create_page(request: HttpRequest) -> HttpResponse:
    check_can_edit(request.user)
    return _candidate_form_page(request, candidate=None)


def candidate_edit(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = access_candidate(request.user, pk)
    check_can_edit(request.user)
    return _candidate_form_page(request, candidate=candidate)


def _candidate_form_page(request: HttpRequest, *, candidate: Candidate | None) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = CandidateForm(data, candidate=candidate, adder=request.user)
    duplicate = None
    if form.is_bound and form.is_valid():
        try:
            if candidate is None:
                saved = services.candidate_create(
                    actor=request.user, **form.service_kwargs(changed_only=False)
                )
                messages.success(request, f"{saved.name} is added.")
            else:
                saved = services.candidate_update(
                    candidate=candidate,
                    actor=request.user,
                    **form.service_kwargs(changed_only=True),
                )
                messages.success(request, f"{saved.name}'s profile is saved.")
            return redirect(saved)
        except DomainError as exc:
            form_error(form, exc)
            if isinstance(exc, Conflict) and "candidate_id" in exc.extra:
                other = candidates_visible_to(request.user).filter(pk=exc.extra["candidate_id"])
                duplicate = {"candidate": other.first(), "field": exc.field}
    context = {"nav": "candidates", "form": form, "candidate": candidate, "duplicate": duplicate}
    status = 422 if form.is_bound else 200
    return TemplateResponse(request, "candidates/form.html", context, status=status)
