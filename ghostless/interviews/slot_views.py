"""Slot offers on both sides: the recruiter offers times (a sibling of the schedule page),
sees, re-sends or withdraws an offer; the candidate books one on their status page (POST,
CSRF, redirect back: no JavaScript needed)."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from ghostless.core.confirm import Confirmation, confirmation_page, confirmed
from ghostless.core.errors import DomainError
from ghostless.core.params import posted_int
from ghostless.core.templatetags.dates import span
from ghostless.core.web import form_error, render
from ghostless.followups.business_time import company_zone
from ghostless.interviews import slot_selectors, slots
from ghostless.interviews.scheduling_forms import SlotOfferForm, plan_initial
from ghostless.interviews.scheduling_views import FIELD_ALIASES, _schedulable, _zones
from ghostless.interviews.selectors import overlap_warnings
from ghostless.jobs.models import ApplicationStatus
from ghostless.status import links

SLOT_ALIASES = FIELD_ALIASES | {"starts": "starts_0"}


def _warnings(form: SlotOfferForm) -> list[str]:
    data = form.cleaned_data
    length = timedelta(minutes=data["duration_minutes"])
    found = []
    for start in form.starts():
        found += overlap_warnings(
            users=list(data["interviewers"]), starts_at=start, ends_at=start + length
        )
    return list(dict.fromkeys(found))


def slot_offer_new(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the form, filled from the stage's interview plan. POST: offer the times, after a
    second look when an interviewer is already busy at one of them."""
    application = _schedulable(request, pk)
    planned = application.stage.planned_interviews.first()
    warnings: list[str] = []
    if request.method == "POST":
        form = SlotOfferForm(request.POST)
        if form.is_valid():
            warnings = _warnings(form)
            if not warnings or request.POST.get("overlap_ok") == "yes":
                data = form.cleaned_data
                try:
                    offer = slots.slot_offer_create(
                        application=application,
                        actor=request.user,
                        title=data["title"],
                        duration_minutes=data["duration_minutes"],
                        interviewers=list(data["interviewers"]),
                        starts=form.starts(),
                        location=data["location"],
                        video_url=data["video_url"],
                        note=data["note"],
                    )
                except DomainError as error:
                    form_error(form, error, SLOT_ALIASES)
                else:
                    count = len(offer.slots.all())
                    messages.success(
                        request,
                        f"{count} time{'s' if count != 1 else ''} offered. "
                        f"{application.candidate.first_name} gets an email to pick one.",
                    )
                    return redirect("interviews:slot_offer", pk=offer.pk)
    else:
        form = SlotOfferForm(initial=plan_initial(planned, request.user))
    context = {
        "nav": "jobs",
        "application": application,
        "candidate": application.candidate,
        "form": form,
        "warnings": warnings,
        "max_slots": slots.MAX_SLOTS,
        "closed": application.status != ApplicationStatus.ACTIVE,
        **_zones(application),
    }
    return render(
        request, "interviews/slot_offer_new.html", context, status=422 if form.errors else 200
    )


def slot_offer_page(request: HttpRequest, pk: int) -> HttpResponse:
    offer = slot_selectors.access_slot_offer(request.user, pk)
    application = offer.application
    context = {
        "nav": "jobs",
        "offer": offer,
        "application": application,
        "candidate": application.candidate,
        # In the company's time, as the form took them (not the viewer's zone).
        "slots": [
            (span(slot.starts_at.astimezone(company_zone()), slot.ends_at), state)
            for slot, state in slot_selectors.slot_states(offer)
        ],
        **_zones(application),
    }
    return render(request, "interviews/slot_offer.html", context)


@require_POST
def slot_offer_resend(request: HttpRequest, pk: int) -> HttpResponse:
    offer = slot_selectors.access_slot_offer(request.user, pk)
    try:
        slots.slot_offer_resend(offer=offer, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Sent again, with the times still ahead.")
    return redirect("interviews:slot_offer", pk=offer.pk)


@require_POST
def slot_offer_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    offer = slot_selectors.access_slot_offer(request.user, pk)
    page = reverse("interviews:slot_offer", args=[offer.pk])
    if not confirmed(request):
        return confirmation_page(
            request,
            Confirmation(
                title=f"Withdraw the times offered for “{offer.title}”?",
                button="Withdraw the times",
                cancel_url=page,
                what=[
                    f"{offer.application.candidate.first_name}'s status page stops showing "
                    "them; nobody is emailed.",
                    "It cannot be undone: offer new times if you still want to meet.",
                ],
                danger=True,
                nav="jobs",
            ),
        )
    try:
        slots.slot_offer_cancel(offer=offer, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "The times are withdrawn.")
    return redirect(page)


@login_not_required
@require_POST
def slot_pick(request: HttpRequest, token: str) -> HttpResponse:
    """The candidate's "Book this time". A time someone else just took sends them back to
    pick again; their other times stay."""
    try:
        candidate = links.candidate_for_token(token)
    except (links.LinkInvalid, links.LinkExpired):
        raise Http404 from None
    slot_id = posted_int(request.POST.get("slot"))
    page = reverse("status:page", args=[token])
    if slot_id is None or not 0 < slot_id < 2**63:
        messages.error(request, "Choose one of the times first.")
        return redirect(page)
    try:
        offer = slots.slot_pick(candidate=candidate, slot_id=slot_id)
    except DomainError as error:
        if isinstance(error, slots.NotOffered):
            raise Http404 from None
        messages.error(request, error.message)
        return redirect(page)
    when = slots.picked_line(offer.interview.starts_at)
    messages.success(
        request, f"Booked: {offer.title} on {when}. Your calendar invitation is on its way."
    )
    response = redirect(page)
    response["Location"] += f"#application-{offer.application_id}"
    return response
