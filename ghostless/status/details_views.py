"""Update my details (a form on the status page) and the confirmation of a new email address
(the link mailed to it). Posts with CSRF, ending in a redirect; errors re-render the page (422)."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_POST

from ghostless.core.errors import DomainError
from ghostless.status import details
from ghostless.status.links import status_url
from ghostless.status.views import _back, _candidate, _page, page_context

DETAIL_FIELDS = ("phone", "email", *details.LINKS, "resume")


def _said(outcome: details.Outcome) -> str:
    done = ""
    if outcome.changed:
        done = "Thank you: we have your new details."
    if outcome.confirm_sent_to:
        done += f" We sent a link to {outcome.confirm_sent_to} to confirm it"
        if outcome.current_email:
            done += f": until you follow it, we keep writing to {outcome.current_email}"
        done += "."
    return done.strip() or "Nothing changed: your details are as they were."


@login_not_required
@require_POST
def details_update(request: HttpRequest, token: str) -> HttpResponse:
    candidate = _candidate(token)
    posted = {name: request.POST.get(name, "") for name in DETAIL_FIELDS if name != "resume"}
    try:
        outcome = details.details_update(
            candidate=candidate,
            phone=posted["phone"],
            email=posted["email"],
            links={name: posted[name] for name in details.LINKS if name in request.POST},
            resume=request.FILES.get("resume"),
        )
    except DomainError as error:
        context = page_context(
            token,
            candidate,
            details_error=error.message,
            details_field=error.field if error.field in DETAIL_FIELDS else "",
            details_posted=posted,
        )
        return _page(request, "status/page.html", context, status=422)
    messages.success(request, _said(outcome), extra_tags="details")
    return _back(token, "#details")


@login_not_required
@require_http_methods(["GET", "POST"])
def confirm_email(request: HttpRequest, code: str) -> HttpResponse:
    """GET asks (mail scanners open links; only a person presses the button), POST confirms,
    then goes to the page on a fresh link. Forged links are a plain 404."""
    try:
        candidate, address, _ = details.email_change_read(code)
    except details.ConfirmExpired:
        return _page(request, "status/confirm_email.html", {"expired": True}, status=410)
    except DomainError:
        raise Http404 from None
    context = {"code": code, "address": address}
    if request.method == "GET":
        return _page(request, "status/confirm_email.html", context)
    try:
        details.email_change_confirm(token=code)
    except DomainError as error:
        return _page(request, "status/confirm_email.html", context | {"error": error.message}, 409)
    messages.success(
        request, f"Thank you: {address} is confirmed as your email address.", extra_tags="details"
    )
    return redirect(urlsplit(status_url(candidate)).path + "#details")
