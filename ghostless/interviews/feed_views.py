"""The private calendar feed an interviewer's calendar subscribes to: no login, the secret
in the address is the key (revocable; only its hash is stored)."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from ghostless.interviews import ical, selectors, services


@login_not_required
@require_GET
def calendar_feed(request, secret: str):
    user = services.calendar_feed_owner(secret=secret)
    if user is None:
        raise Http404("No such calendar.")
    body = ical.feed(selectors.feed_interviews(user))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response
