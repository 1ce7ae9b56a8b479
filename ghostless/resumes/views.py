from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_POST

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.candidates.selectors import access_candidate
from ghostless.core.errors import DomainError
from ghostless.core.params import next_url
from ghostless.core.web import refused, require_recruiter
from ghostless.resumes import services
from ghostless.resumes.contacts import contact_offers
from ghostless.resumes.forms import ResumeUploadForm
from ghostless.resumes.models import ParseStatus, Resume
from ghostless.resumes.selectors import access_resume, candidate_resumes

CARD = "resumes/card.html"
# What the card shows of each version (and reads of the current one): not the file's hash or
# parse bookkeeping, nor the uploader's account beyond their name.
CARD_FIELDS = (
    "candidate_id",
    "original_filename",
    "size",
    "uploaded_at",
    "is_current",
    "parse_status",
    "parse_error",
    "found_contacts",
    "uploaded_by__first_name",
    "uploaded_by__last_name",
    "uploaded_by__username",
)


def file_response(resume: Resume) -> FileResponse:
    """Always an attachment, with the type we decided from the content: never rendered inline."""
    response = FileResponse(
        resume.file.open("rb"),
        as_attachment=True,
        filename=resume.original_filename,
        content_type=resume.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


def download(request: HttpRequest, pk: int) -> FileResponse:
    return file_response(access_resume(request.user, pk))  # 404 for who may not see them


def card_context(*, user: User, candidate: Candidate, next_url: str, **extra) -> dict:
    """The Resumes card: versions, the upload form and, for recruiters, the contact details
    of the current resume that the profile lacks."""
    upload_form = extra.pop("upload_form", None) or ResumeUploadForm()
    resumes = list(candidate_resumes(candidate=candidate).only(*CARD_FIELDS))
    current = next((r for r in resumes if r.is_current), None)
    # Search reads the newest resume whose text was read (search.documents); say so when the
    # newest upload could not be read, so nobody believes it is what search uses.
    searched = next((r for r in resumes if r.parse_status == ParseStatus.PARSED), None)
    unread = resumes[0] if resumes and resumes[0].parse_status == ParseStatus.FAILED else None
    offers = []
    if user.sees_everything and current is not None and current.found_contacts:
        current.candidate = candidate  # its emails and phones are loaded already
        offers = contact_offers(resume=current)
    return {
        "candidate": candidate,
        "resumes": resumes,
        "current": current,
        "searched": searched,
        "unread": unread,
        "can_upload": user.sees_everything,
        "offers": offers,
        "can_add": any(offer.owner is None for offer in offers),
        "reading": any(r.parse_status == ParseStatus.PENDING for r in resumes),
        "next_url": next_url,
        "upload_form": upload_form,
        **extra,
    }


def _next_url(request: HttpRequest, candidate: Candidate) -> str:
    return next_url(request, f"{candidate.get_absolute_url()}#resumes")


def _card(request: HttpRequest, candidate: Candidate, **extra) -> TemplateResponse:
    next_url = request.POST.get("next") or request.htmx.current_url_abs_path or ""
    context = card_context(user=request.user, candidate=candidate, next_url=next_url, **extra)
    return TemplateResponse(request, CARD, context)


@require_GET
def card(request: HttpRequest, pk: int) -> HttpResponse:
    """The card alone; htmx polls its list while a resume is being read."""
    response = _card(request, access_candidate(request.user, pk))
    if request.htmx.target == "resume-list":
        response.template_name = f"{CARD}#resume-list"
    return response


@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    """A recruiter adds a resume on the profile. With htmx the card is swapped in place (with
    the error next to the field); without JS: post, redirect, get, with a message."""
    candidate = access_candidate(request.user, pk)
    require_recruiter(request)
    form = ResumeUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            resume = services.resume_add(
                candidate=candidate, upload=form.cleaned_data["file"], actor=request.user
            )
        except DomainError as exc:
            form.add_error("file", refused(exc))
        else:
            done = f"{resume.original_filename} is uploaded and is now the current resume."
            if not request.htmx:
                messages.success(request, done)
                return redirect(_next_url(request, candidate))
            return _card(request, candidate, uploaded=done)
    if not request.htmx:
        for error in form.errors.get("file", []):
            messages.error(request, error)
        return redirect(_next_url(request, candidate))
    # 200, so htmx swaps the card with the error in.
    return _card(request, candidate, upload_form=form)


@require_POST
def contacts_apply(request: HttpRequest, pk: int) -> HttpResponse:
    """Add the contact details the recruiter ticked on the card to the profile. Always post,
    redirect, get: the whole profile shows the new details."""
    resume = access_resume(request.user, pk)
    candidate = access_candidate(request.user, resume.candidate_id)
    resume.candidate = candidate
    try:
        added = services.resume_contacts_apply(
            resume=resume, actor=request.user, items=request.POST.getlist("items")
        )
    except DomainError as exc:
        messages.error(request, refused(exc))
    else:
        messages.success(request, f"Added to the profile: {', '.join(added)}.")
    return redirect(_next_url(request, candidate))
