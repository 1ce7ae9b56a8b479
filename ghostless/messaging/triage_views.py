"""The triage inbox: mail nobody could be matched to, attached to a candidate or dismissed."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from ghostless.candidates.selectors import candidates_visible_to
from ghostless.core.errors import DomainError
from ghostless.core.web import render, require_recruiter
from ghostless.jobs.selectors import applications_visible_to
from ghostless.messaging import inbound, triage
from ghostless.messaging.models import InboundState
from ghostless.search.quick_find import candidate_find

CANDIDATE_MATCHES = 20
TABS = [(InboundState.TRIAGE, "Waiting"), (InboundState.DISMISSED, "Dismissed")]


def triage_list_page(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    state = state if state == InboundState.DISMISSED else InboundState.TRIAGE
    emails = triage.triage_list(user=request.user, state=state)
    page = Paginator(emails, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"nav": "inbox", "page": page, "state": state, "tabs": TABS}
    return TemplateResponse(request, "messaging/triage.html", context)


def triage_email_page(request: HttpRequest, pk: int) -> HttpResponse:
    email = triage.access_inbound(request.user, pk)
    # Mail that matched nobody is often from someone already on file under another address.
    q = request.GET.get("q", email.from_name).strip()
    matches = list(candidate_find(user=request.user, q=q)[:CANDIDATE_MATCHES]) if q else []
    context = {"q": q, "matches": matches, "email": email}
    if not (request.htmx and request.htmx.target == "matches"):
        context |= {"nav": "inbox", "attachments": list(email.attachments.all())}
    return render(request, "messaging/triage_email.html", context, partials=("matches",))


def _id(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_POST
def triage_attach(request: HttpRequest, pk: int) -> HttpResponse:
    require_recruiter(request)
    email = triage.access_inbound(request.user, pk)
    candidate = candidates_visible_to(request.user).filter(pk=_id(request.POST.get("candidate")))
    candidate = candidate.first()
    application_id = _id(request.POST.get("application"))
    application = None
    if application_id is not None and candidate is not None:
        application = (
            applications_visible_to(request.user)
            .filter(pk=application_id, candidate=candidate)
            .first()
        )
    try:
        if candidate is None:
            raise DomainError("Choose the candidate this email belongs to.", field="candidate")
        if application_id is not None and application is None:
            raise DomainError("Choose one of this candidate's applications.", field="application")
        inbound.inbound_attach(
            inbound=email, candidate=candidate, actor=request.user, application=application
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("messaging:triage_email", pk=email.pk)
    messages.success(
        request,
        format_html(
            'Attached “{}” to <a href="{}">{}</a>’s timeline.',
            email.subject or "(no subject)",
            candidate.get_absolute_url(),
            candidate.name,
        ),
    )
    return redirect("messaging:triage")


@require_POST
def triage_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    require_recruiter(request)
    email = triage.access_inbound(request.user, pk)
    if email.state != InboundState.TRIAGE:
        messages.error(request, "This email is no longer waiting in triage.")
    else:
        inbound.inbound_dismiss(inbound=email, actor=request.user)
        messages.success(
            request,
            f"Dismissed “{email.subject or '(no subject)'}”. It stays under Dismissed.",
        )
    return redirect("messaging:triage")
