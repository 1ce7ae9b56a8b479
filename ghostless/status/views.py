"""The candidate's status page and its actions. No login: the signed token in the address is
the only key, so every view starts by resolving it (a forged one is a plain 404), and every
action is a POST with CSRF that ends in a redirect back to the page."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_POST

from ghostless.candidates.models import Candidate
from ghostless.core.confirm import confirmed
from ghostless.core.errors import DomainError
from ghostless.core.params import posted_int
from ghostless.followups.business_time import company_zone
from ghostless.interviews.slot_selectors import attach_offered_times
from ghostless.jobs.models import Application
from ghostless.status import links, selectors, services
from ghostless.status.details import details_of

CONSENT_DONE = {
    "stay": "Thank you: you stay in our talent network.",
    "leave": "You have left our talent network.",
    "unsubscribe": "Done: from now on we only email you about your applications.",
    "resubscribe": "Done: we will tell you about new roles again.",
}
FRESH_LINK_ANSWER = "If that address is on file, a new link is on its way."


def _page(request: HttpRequest, template: str, context: dict, status: int = 200):
    context |= {"company_name": settings.COMPANY_NAME, "logo_url": settings.COMPANY_LOGO_URL}
    response = TemplateResponse(request, template, context, status=status)
    # The token in the address is a key: keep it out of caches and other sites' referrers.
    # Not "no-referrer": browsers then post the page's forms with `Origin: null`, which
    # Django's CSRF check refuses, so no action on the page would work in a real browser.
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def _candidate(token: str) -> Candidate:
    """The candidate the token names; 404 for a bad token or an expired one (actions only:
    the page itself offers a fresh link)."""
    try:
        return links.candidate_for_token(token)
    except (links.LinkInvalid, links.LinkExpired):
        raise Http404 from None


def _cards(candidate: Candidate) -> list:
    """The status cards, each with the interview times offered on it (one query more)."""
    cards = selectors.status_cards(candidate)
    attach_offered_times(cards, selectors.candidate_zone(candidate) or company_zone())
    return cards


def _back(token: str, anchor: str = "") -> HttpResponse:
    response = redirect("status:page", token=token)
    response["Location"] += anchor
    return response


@login_not_required
@require_GET
def page(request: HttpRequest, token: str) -> HttpResponse:
    try:
        candidate = links.candidate_for_token(token)
    except links.LinkInvalid:
        raise Http404 from None
    except links.LinkExpired:
        return _page(request, "status/expired.html", {"token": token}, status=410)
    services.status_page_view(candidate=candidate)
    return _page(request, "status/page.html", page_context(token, candidate))


def page_context(token: str, candidate: Candidate, **extra) -> dict:
    """Everything the page shows; a form that failed re-renders it with its errors in `extra`."""
    return {
        "token": token,
        "candidate": candidate,
        "cards": _cards(candidate),
        "consent": selectors.consent_of(candidate),
        "details": details_of(candidate),
        "question_error": "",
    } | extra


@login_not_required
@require_POST
def withdraw(request: HttpRequest, token: str) -> HttpResponse:
    """Asks once ("Withdraw your application for ...?"), then withdraws; twice is once."""
    candidate = _candidate(token)
    application = (
        Application.objects.filter(
            candidate=candidate, pk=posted_int(request.POST.get("application"))
        )
        .select_related("job")
        .first()
    )
    if application is None:
        raise Http404
    reason = request.POST.get("reason", "")
    if not confirmed(request):
        context = {"token": token, "application": application, "reason": reason}
        return _page(request, "status/confirm_withdraw.html", context)
    try:
        services.application_withdraw_by_candidate(
            candidate=candidate, application=application, reason=reason
        )
    except DomainError as error:
        messages.error(request, error.message)
        return _back(token)
    messages.success(request, f"You withdrew your application for {application.job.title}.")
    return _back(token, f"#application-{application.pk}")


@login_not_required
@require_POST
def consent(request: HttpRequest, token: str) -> HttpResponse:
    candidate = _candidate(token)
    action = request.POST.get("action", "")
    try:
        services.consent_change(candidate=candidate, action=action)
    except DomainError as error:
        messages.error(request, error.message, extra_tags="consent")
        return _back(token, "#consent")
    messages.success(request, CONSENT_DONE[action], extra_tags="consent")
    return _back(token, "#consent")


@login_not_required
@require_POST
def ask(request: HttpRequest, token: str) -> HttpResponse:
    candidate = _candidate(token)
    text = request.POST.get("question", "")
    try:
        services.question_ask(candidate=candidate, text=text)
    except DomainError as error:
        context = page_context(token, candidate, question_error=error.message, question=text)
        return _page(request, "status/page.html", context, status=422)
    messages.success(
        request, "Thank you: your question is with us, and we will answer it.", extra_tags="ask"
    )
    return _back(token, "#ask")


@login_not_required
@require_POST
def fresh_link(request: HttpRequest, token: str) -> HttpResponse:
    """From the expired page: the same answer whether or not the address is theirs, and at
    most a few asks an hour per visitor and per candidate (429 beyond)."""
    try:
        links.candidate_for_token(token)
    except links.LinkInvalid:
        raise Http404 from None
    except links.LinkExpired as expired:
        candidate_id, candidate = expired.candidate_id, links.candidate_for_expired(expired)
    else:
        raise Http404  # a link that still works needs no fresh one
    email = request.POST.get("email", "").strip()
    context = {"token": token, "email": email}
    if not email:
        context["error"] = "Enter your email address."
        return _page(request, "status/expired.html", context, status=422)
    ip = request.META.get("REMOTE_ADDR", "")
    if not services.fresh_link_allowed(candidate_id=candidate_id, ip=ip):
        return _page(request, "status/too_many.html", context, status=429)
    if candidate is not None:
        try:
            services.fresh_link_send(candidate=candidate, email=email)
        except DomainError as error:
            context["error"] = error.message
            return _page(request, "status/expired.html", context, status=422)
    return _page(request, "status/expired.html", context | {"sent": FRESH_LINK_ANSWER})
