"""The offer's part of the candidate's status page: accept or decline, each asked once more
before it happens, POST forms that work without JavaScript. Routed under /status/<token>/."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from ghostless.core.confirm import confirmed
from ghostless.core.errors import DomainError
from ghostless.core.params import posted_int
from ghostless.offers import services
from ghostless.offers.letters import long_day, terms_text
from ghostless.offers.models import Offer
from ghostless.status.views import _back, _candidate, _page


def _offer(candidate, request) -> Offer:
    offer = (
        Offer.objects.filter(
            application__candidate=candidate, pk=posted_int(request.POST.get("offer"))
        )
        .select_related("application__job", "application__candidate")
        .first()
    )
    if offer is None:
        raise Http404
    return offer


def _answer(request: HttpRequest, token: str, *, accept: bool) -> HttpResponse:
    candidate = _candidate(token)
    offer = _offer(candidate, request)
    reason = request.POST.get("reason", "")
    if not confirmed(request):
        context = {
            "token": token,
            "offer": offer,
            "accept": accept,
            "reason": reason,
            "terms": terms_text(
                salary=offer.salary, currency=offer.currency, pay_period=offer.pay_period
            ),
            "start_date": long_day(offer.start_date),
        }
        return _page(request, "offers/status_confirm.html", context)
    ip = request.META.get("REMOTE_ADDR", "")
    job = offer.application.job.title
    try:
        if accept:
            services.offer_accept_by_candidate(candidate=candidate, offer=offer, token=token, ip=ip)
            messages.success(request, f"Welcome aboard! You accepted the offer for {job}.")
        else:
            services.offer_decline_by_candidate(
                candidate=candidate, offer=offer, token=token, ip=ip, reason=reason
            )
            done = f"You declined the offer for {job}. Thank you for letting us know."
            messages.success(request, done)
    except DomainError as error:
        messages.error(request, error.message)
    return _back(token, f"#application-{offer.application_id}")


@login_not_required
@require_POST
def offer_accept(request: HttpRequest, token: str) -> HttpResponse:
    return _answer(request, token, accept=True)


@login_not_required
@require_POST
def offer_decline(request: HttpRequest, token: str) -> HttpResponse:
    return _answer(request, token, accept=False)
