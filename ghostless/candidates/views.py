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
    DoNotContactForm,
)
from ghostless.candidates.models import Candidate
from ghostless.candidates.selectors import (
    access_candidate,
    candidates_visible_to,
)
from ghostless.core.confirm import Confirmation, confirmation_page, confirmed
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


def do_not_contact_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Set or clear do-not-contact: the form, then a second look, then the change."""
    candidate = access_candidate(request.user, pk)
    check_can_edit(request.user)
    setting = candidate.do_not_contact_at is None
    form = DoNotContactForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            if setting and not reason.strip():
                raise DomainError("Say why they must not be contacted.", field="reason")
            if not confirmed(request):
                return confirmation_page(request, _do_not_contact_ask(candidate, setting))
            services.candidate_do_not_contact(
                candidate=candidate, actor=request.user, do_not_contact=setting, reason=reason
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            done = "is marked do not contact" if setting else "may be contacted again"
            messages.success(request, f"{candidate.name} {done}.")
            return redirect(candidate)
    context = {"nav": "candidates", "candidate": candidate, "form": form, "setting": setting}
    status = 422 if form.is_bound else 200
    return TemplateResponse(request, "candidates/do_not_contact.html", context, status=status)


def _do_not_contact_ask(candidate: Candidate, setting: bool) -> Confirmation:
    back = candidate.get_absolute_url()
    if setting:
        return Confirmation(
            title=f"Mark {candidate.name} do not contact?",
            button=f"Mark {candidate.name} do not contact",
            cancel_url=back,
            what=[
                "No email or text can be sent to them by anyone, by hand or by Ghostless: "
                "bulk sends, nurture and close-outs skip them, visibly.",
                "Email already queued or scheduled for them is not sent.",
                "A closing job records them as “skipped: do not contact”, so it can close.",
            ],
            danger=True,
            nav="candidates",
        )
    return Confirmation(
        title=f"Clear do not contact for {candidate.name}?",
        button=f"Allow contacting {candidate.name} again",
        cancel_url=back,
        what=["Email and texts may reach them again. Make sure they asked for this."],
        nav="candidates",
    )
