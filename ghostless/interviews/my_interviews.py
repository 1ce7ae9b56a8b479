"""My interviews: today's, the upcoming ones and the feedback I owe, and my calendar feed."""

from datetime import datetime, time, timedelta

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ghostless.core.confirm import Confirmation, confirmation_page, confirmed
from ghostless.core.web import render
from ghostless.interviews import services
from ghostless.interviews.models import (
    CalendarFeed,
    Interview,
    InterviewStatus,
    Scorecard,
)
from ghostless.interviews.selectors import on_interview

UPCOMING_LIMIT = 50
OWED_LIMIT = 50


def my_interviews(user) -> dict[str, list[Interview]]:
    """The user's interviews: today (in the user's own zone), later, and those begun whose
    scorecard they still owe. Three queries, whatever the number of interviews."""
    scored = Scorecard.objects.filter(interview=OuterRef("pk"), interviewer=user)
    mine = (
        Interview.objects.filter(on_interview(user))
        .exclude(status=InterviewStatus.CANCELLED)
        .select_related("application__candidate", "application__job")
    )
    now = timezone.now()
    today = timezone.localdate(now)
    zone = timezone.get_current_timezone()
    day_start = datetime.combine(today, time.min, tzinfo=zone)
    day_end = day_start + timedelta(days=1)
    return {
        "today": list(mine.filter(starts_at__gte=day_start, starts_at__lt=day_end)),
        "upcoming": list(mine.filter(starts_at__gte=day_end)[:UPCOMING_LIMIT]),
        "owed": list(
            mine.filter(starts_at__lt=now)
            .exclude(Exists(scored))
            .order_by("-starts_at")[:OWED_LIMIT]
        ),
    }


def my_interviews_page(request: HttpRequest) -> HttpResponse:
    feed = CalendarFeed.objects.filter(user=request.user, revoked_at=None).first()
    context = {
        "nav": "interviews",
        **my_interviews(request.user),
        "feed": feed,
        "now": timezone.now(),
    }
    return render(request, "interviews/mine.html", context)


@require_POST
def calendar_feed_new(request: HttpRequest) -> HttpResponse:
    """A new private address for the user's calendar; any earlier one stops working."""
    page = reverse("interviews:mine")
    had_one = CalendarFeed.objects.filter(user=request.user, revoked_at=None).exists()
    if had_one and not confirmed(request):
        return confirmation_page(
            request,
            Confirmation(
                title="Make a new calendar address?",
                button="Make a new address",
                cancel_url=page,
                what=[
                    "Calendars subscribed to the current address stop getting your interviews.",
                    "You will see the new address once: add it to your calendar then.",
                ],
                nav="interviews",
            ),
        )
    secret = services.calendar_feed_create(user=request.user)
    url = request.build_absolute_uri(reverse("calendar_feed", args=[secret]))
    messages.success(
        request,
        f"Your calendar address (shown only now; copy it into Google Calendar or Outlook "
        f"as “From URL” / “Subscribe from web”): {url}",
    )
    return redirect(page)


@require_POST
def calendar_feed_off(request: HttpRequest) -> HttpResponse:
    page = reverse("interviews:mine")
    if not confirmed(request):
        return confirmation_page(
            request,
            Confirmation(
                title="Turn off your calendar feed?",
                button="Turn off the feed",
                cancel_url=page,
                what=["Calendars subscribed to it stop getting your interviews."],
                nav="interviews",
            ),
        )
    services.calendar_feed_revoke(user=request.user)
    messages.success(request, "Calendar feed turned off. Its address no longer works.")
    return redirect(page)
