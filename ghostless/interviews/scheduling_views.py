"""Scheduling an interview from a profile, a job page or a board card; one interview's page
with its changes and cancellation. The services send every invite (services.py)."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from ghostless.core.confirm import Confirmation, confirmation_page, confirmed
from ghostless.core.errors import DomainError
from ghostless.core.params import next_url
from ghostless.core.templatetags.dates import span
from ghostless.core.web import form_error, render
from ghostless.interviews import services
from ghostless.interviews.models import AttendeeRole, Interview, InterviewStatus, SlotOffer
from ghostless.interviews.scheduling_forms import InterviewForm, plan_initial, zone_label
from ghostless.interviews.selectors import access_interview, overlap_warnings
from ghostless.interviews.slot_selectors import application_slot_offers
from ghostless.jobs.models import Application, ApplicationStatus
from ghostless.jobs.selectors import access_application

CANDIDATE = AttendeeRole.CANDIDATE
# The service's names for the form's fields.
FIELD_ALIASES = {"interviewer_ids": "interviewers", "application": None}


def _schedulable(request: HttpRequest, pk: int) -> Application:
    application = access_application(request.user, pk)
    if not services.may_schedule(request.user, application):
        raise Http404
    return application


def local_span(interview: Interview, zone: str = "") -> str:
    """The interview's stretch in the zone (the company's by default)."""
    start = interview.starts_at.astimezone(ZoneInfo(zone or settings.TIME_ZONE))
    return span(start, interview.ends_at)


def _first_planned(application: Application):
    return application.stage.planned_interviews.first()


def _zones(application: Application) -> dict:
    candidate_zone = application.candidate.time_zone
    return {
        "company_zone": zone_label(settings.TIME_ZONE),
        "candidate_zone": zone_label(candidate_zone)
        if candidate_zone and candidate_zone != settings.TIME_ZONE
        else "",
    }


def _overlap_warnings(form: InterviewForm, exclude: Interview | None = None) -> list[str]:
    data = form.cleaned_data
    start = data["starts_at"]
    end = start + timedelta(minutes=data["duration_minutes"])
    return overlap_warnings(
        users=list(data["interviewers"]), starts_at=start, ends_at=end, exclude=exclude
    )


def interview_schedule_page(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the form, filled from the stage's interview plan. POST: schedule, after a second
    look when an interviewer is already busy then (a warning, never a refusal)."""
    application = _schedulable(request, pk)
    planned = _first_planned(application)
    back = next_url(request, "") or request.GET.get("next", "")
    warnings: list[str] = []
    if request.method == "POST":
        form = InterviewForm(request.POST)
        if form.is_valid():
            warnings = _overlap_warnings(form)
            if not warnings or request.POST.get("overlap_ok") == "yes":
                data = form.cleaned_data
                try:
                    interview = services.interview_schedule(
                        application=application,
                        actor=request.user,
                        title=data["title"],
                        starts_at=data["starts_at"],
                        duration_minutes=data["duration_minutes"],
                        interviewers=list(data["interviewers"]),
                        location=data["location"],
                        video_url=data["video_url"],
                        note=data["note"],
                        planned=planned,
                    )
                except DomainError as error:
                    form_error(form, error, FIELD_ALIASES)
                else:
                    count = interview.attendees.count()
                    messages.success(
                        request,
                        f"Interview scheduled. Invites are on their way to {count} people.",
                    )
                    return redirect(back or reverse("interviews:detail", args=[interview.pk]))
    else:
        form = InterviewForm(initial=plan_initial(planned, request.user))
    context = {
        "nav": "jobs",
        "application": application,
        "candidate": application.candidate,
        "form": form,
        "warnings": warnings,
        "next": back,
        "closed": application.status != ApplicationStatus.ACTIVE,
        "slot_offers": application_slot_offers(application),
        **_zones(application),
    }
    return render(request, "interviews/schedule.html", context, status=422 if form.errors else 200)


def interview_page(request: HttpRequest, pk: int) -> HttpResponse:
    interview = access_interview(request.user, pk)
    application = interview.application
    can_change = (
        services.may_schedule(request.user, application)
        and interview.current_status == InterviewStatus.SCHEDULED
    )
    form = None
    warnings: list[str] = []
    if can_change:
        form, warnings, done = _change(request, interview)
        if done:
            return redirect(reverse("interviews:detail", args=[interview.pk]))
    attendees = list(interview.attendees.select_related("user"))
    context = {
        "nav": "jobs",
        "interview": interview,
        "application": application,
        "candidate": application.candidate,
        "candidate_attendee": next(
            (a for a in attendees if a.role == AttendeeRole.CANDIDATE), None
        ),
        "interviewers": [a for a in attendees if a.role == AttendeeRole.INTERVIEWER],
        "can_change": can_change,
        "slot_offer": SlotOffer.objects.filter(interview=interview).first(),
        "form": form,
        "warnings": warnings,
        "span": local_span(interview),
        "candidate_span": local_span(interview, application.candidate.time_zone)
        if _zones(application)["candidate_zone"]
        else "",
        **_zones(application),
    }
    return render(
        request, "interviews/detail.html", context, status=422 if form and form.errors else 200
    )


def _change(request: HttpRequest, interview: Interview):
    """(form, overlap warnings, changed?) for the page's "Change" form."""
    current = [a.user_id for a in interview.attendees.all() if a.user_id and not a.removed_at]
    if request.method != "POST":
        initial = {
            "title": interview.title,
            "starts_at": interview.starts_at,
            "duration_minutes": interview.duration_minutes,
            "location": interview.location,
            "video_url": interview.video_url,
            "interviewers": current,
            "note": interview.note,
        }
        return InterviewForm(initial=initial), [], False
    form = InterviewForm(request.POST)
    if not form.is_valid():
        return form, [], False
    warnings = _overlap_warnings(form, exclude=interview)
    if warnings and request.POST.get("overlap_ok") != "yes":
        return form, warnings, False
    data = form.cleaned_data
    try:
        sequence = interview.sequence
        changed = services.interview_update(
            interview=interview,
            actor=request.user,
            title=data["title"] or interview.title,
            starts_at=data["starts_at"],
            duration_minutes=data["duration_minutes"],
            location=data["location"],
            video_url=data["video_url"],
            interviewers=list(data["interviewers"]),
            note=data["note"],
        )
    except DomainError as error:
        form_error(form, error, FIELD_ALIASES)
        return form, warnings, False
    if changed.sequence != sequence:
        messages.success(request, "Interview changed. Everyone on it gets the update.")
    else:
        messages.success(
            request, "Saved. Nothing the calendars show changed, so no update was sent."
        )
    return form, warnings, True


@require_POST
def interview_cancel_page(request: HttpRequest, pk: int) -> HttpResponse:
    interview = access_interview(request.user, pk)
    if not services.may_schedule(request.user, interview.application):
        raise Http404
    page = reverse("interviews:detail", args=[interview.pk])
    if not confirmed(request):
        count = interview.attendees.filter(removed_at__isnull=True).count()
        return confirmation_page(
            request,
            Confirmation(
                title=f"Cancel “{interview.title}”?",
                button="Cancel the interview",
                cancel_url=page,
                what=[
                    f"Each of the {count} people on it gets a cancellation for their calendar.",
                    "The interview stays on the timeline as cancelled; it cannot be undone.",
                ],
                danger=True,
                nav="jobs",
            ),
        )
    try:
        services.interview_cancel(interview=interview, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Interview cancelled. Everyone on it gets the cancellation.")
    return redirect(page)
