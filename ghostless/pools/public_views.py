"""Pages candidates reach from links in email, without logging in."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ghostless.candidates.selectors import candidate_or_survivor
from ghostless.messaging import links
from ghostless.pools.models import Basis, PoolMember, TalentPool
from ghostless.pools.services import candidate_unsubscribe, consent_record


def _invalid(request: HttpRequest, expired: bool) -> HttpResponse:
    return render(request, "pools/link_invalid.html", {"expired": expired}, status=400)


@login_not_required
@require_http_methods(["GET", "POST"])
def keep_in_touch(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm (mail scanners follow links); POST records the consent."""
    try:
        candidate_id, pool_id = links.read_keep_in_touch(token)
    except signing.SignatureExpired:
        return _invalid(request, expired=True)
    except signing.BadSignature:
        return _invalid(request, expired=False)
    candidate = candidate_or_survivor(candidate_id)
    pool = TalentPool.objects.filter(pk=pool_id).first()
    if candidate is None or pool is None:
        return _invalid(request, expired=False)
    context = {
        "candidate": candidate,
        "pool": pool,
        "company_name": settings.COMPANY_NAME,
        # A renewal ask leads here too: say until when their consent runs now.
        "current": PoolMember.objects.filter(
            pool=pool, candidate=candidate, basis=Basis.CONSENT
        ).first(),
        "months": settings.CONSENT_MONTHS,
    }
    if request.method == "POST":
        context["member"] = consent_record(pool=pool, candidate=candidate)
        return render(request, "pools/keep_in_touch_thanks.html", context)
    return render(request, "pools/keep_in_touch.html", context)


@login_not_required
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm (mail scanners follow links); POST unsubscribes. The POST needs no
    CSRF token: mailbox providers send it for the List-Unsubscribe-Post one-click (RFC 8058),
    and the signed token in the address is what proves the request, as in the email itself."""
    try:
        candidate_id = links.read_unsubscribe(token)
    except signing.BadSignature:
        return _invalid(request, expired=False)
    candidate = candidate_or_survivor(candidate_id)
    if candidate is None:
        return _invalid(request, expired=False)
    if request.method == "POST":
        candidate_unsubscribe(candidate=candidate)
        return render(request, "pools/unsubscribed.html", {"candidate": candidate})
    return render(request, "pools/unsubscribe.html", {"candidate": candidate})
