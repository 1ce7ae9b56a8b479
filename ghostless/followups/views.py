"""The follow-up queue, its row actions, the team view and the rules settings."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.views.decorators.http import require_POST

from ghostless.candidates.models import CandidatePhone
from ghostless.candidates.normalize import display_phone
from ghostless.candidates.selectors import access_candidate, unowned_count
from ghostless.core.errors import DomainError
from ghostless.core.params import next_url
from ghostless.core.web import form_error, refused, require_admin, require_recruiter
from ghostless.followups import services
from ghostless.followups.forms import ReminderForm, RulesForm, WhenForm
from ghostless.followups.models import FollowUp, Reason, State
from ghostless.followups.rules import rule_settings
from ghostless.followups.selectors import (
    Queue,
    access_followup,
    end_of_today,
    overdue_count,
    queue,
    team_summary,
    team_totals,
)
from ghostless.messaging.selectors import latest_received

TABS = {"today": "Due today", "upcoming": "Upcoming", "snoozed": "Snoozed"}
ROW_RELATED = ("candidate", "application__job")


def _tab_rows(request: HttpRequest, tab: str, now) -> QuerySet[FollowUp] | Queue:
    user = request.user
    if tab == "upcoming":
        mine = FollowUp.objects.filter(assignee=user, state=State.OPEN)
        return mine.filter(due_at__gt=end_of_today(now)).select_related(*ROW_RELATED)
    if tab == "snoozed":
        mine = FollowUp.objects.filter(assignee=user, state=State.SNOOZED)
        return mine.order_by("due_at", "id").select_related(*ROW_RELATED)
    return queue(user=user, now=now)


def queue_page(request: HttpRequest) -> HttpResponse:
    require_recruiter(request, hide_page=True)
    tab = request.GET.get("tab", "today")
    tab = tab if tab in TABS else "today"
    now = timezone.now()
    page = Paginator(_tab_rows(request, tab, now), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    _set_replies(page)
    _set_phones(page)
    for followup in page:
        followup.waited = timesince(followup.waiting_since, now, depth=1)
    context = {
        "nav": "followups",
        "tab": tab,
        "tabs": TABS,
        "tab_label": TABS[tab],
        "page": page,
        "now": now,
        "here": request.get_full_path(),
        # Admins start here: the candidates whose follow-ups would reach nobody.
        "unowned": unowned_count() if request.user.is_admin else 0,
    }
    return TemplateResponse(request, "followups/queue.html", context)


def _set_replies(followups) -> None:
    """An awaiting-reply row answers the candidate's latest email: Reply opens it quoted."""
    waiting = [f.candidate_id for f in followups if f.reason == Reason.AWAITING_REPLY]
    received = latest_received(waiting) if waiting else {}
    for followup in followups:
        followup.reply_to = received.get(followup.candidate_id)


def _set_phones(followups) -> None:
    """Each row's first phone (`followup.phone`, (E.164, as shown) or None), for click-to-call:
    one query for the page."""
    first: dict[int, tuple[str, str]] = {}
    rows = CandidatePhone.objects.filter(candidate_id__in={f.candidate_id for f in followups})
    for row in rows.order_by("order", "id").only("candidate_id", "phone"):
        first.setdefault(row.candidate_id, (row.phone, display_phone(row.phone)))
    for followup in followups:
        followup.phone = first.get(followup.candidate_id)


def _back(request: HttpRequest) -> str:
    return next_url(request, reverse("followups:queue"))


def _load_for_action(request: HttpRequest, pk: int) -> FollowUp:
    require_recruiter(request, hide_page=True)
    return access_followup(request.user, pk)


def _after_action(request: HttpRequest, followup: FollowUp, done: str, error: str = ""):
    """htmx: the row goes (or comes back with the error) and the nav badge is recounted out of
    band. Without JS: a message and back to the page the form was on."""
    if not request.htmx:
        (messages.error if error else messages.success)(request, error or done)
        return redirect(_back(request))
    now = timezone.now()
    followup.waited = timesince(followup.waiting_since, now, depth=1)
    context = {
        "followup": followup,
        "now": now,
        "error": error,
        "done": done,
        "here": _back(request),
        "overdue_followups": overdue_count(request.user, now),
    }
    return TemplateResponse(request, "followups/row_done.html", context)


@require_POST
def followup_done(request: HttpRequest, pk: int) -> HttpResponse:
    followup = _load_for_action(request, pk)
    try:
        services.followup_done(followup=followup, actor=request.user)
    except DomainError as exc:
        return _after_action(request, followup, "", refused(exc))
    return _after_action(request, followup, f"Done: {followup.candidate.name}.")


@require_POST
def followup_snooze(request: HttpRequest, pk: int) -> HttpResponse:
    followup = _load_for_action(request, pk)
    form = WhenForm(request.POST)
    if not form.is_valid():
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        return _after_action(request, followup, "", " ".join(errors))
    until = form.due_at(timezone.now(), request.user.time_zone)
    try:
        services.followup_snooze(followup=followup, actor=request.user, until=until)
    except DomainError as exc:
        return _after_action(request, followup, "", refused(exc))
    shown = timezone.localtime(until).strftime("%a %-d %b, %H:%M")
    return _after_action(request, followup, f"Snoozed {followup.candidate.name} until {shown}.")


def remind(request: HttpRequest, candidate_pk: int) -> HttpResponse:
    """The profile's "Remind me" form. On a mistake without JS it shows on a page of its own."""
    candidate = access_candidate(request.user, candidate_pk)
    require_recruiter(request, hide_page=True)
    form = ReminderForm(request.POST or None)
    if form.is_valid():
        try:
            services.followup_create(
                actor=request.user,
                candidate=candidate,
                due_at=form.due_at(timezone.now(), request.user.time_zone),
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, f"You will be reminded about {candidate.name}.")
            return redirect(reverse("candidates:detail", args=[candidate.pk]) + "#followups")
    context = {"nav": "candidates", "candidate": candidate, "remind_form": form}
    status = 422 if form.is_bound else 200
    return TemplateResponse(request, "followups/remind.html", context, status=status)


# People per page of the team view: with hundreds of recruiters the page stays one screenful.
TEAM_PAGE_SIZE = 25


def team_page(request: HttpRequest) -> HttpResponse:
    require_admin(request)
    now = timezone.now()
    page = Paginator(team_summary(now), TEAM_PAGE_SIZE).get_page(request.GET.get("page"))
    for row in page:
        row["oldest"] = timesince(row["oldest_wait"], now, depth=1)
        names = (row["assignee__first_name"], row["assignee__last_name"])
        row["name"] = " ".join(n for n in names if n) or row["assignee__username"]
    # The bars compare the people on this page.
    most = max((row["open"] for row in page), default=0)
    context = {"nav": "followups", "page": page, "most": most, "totals": team_totals(now)}
    return TemplateResponse(request, "followups/team.html", context)


def rules_page(request: HttpRequest) -> HttpResponse:
    require_admin(request)
    form = RulesForm(request.POST or None, settings=rule_settings())
    if form.is_valid():
        try:
            for reason, enabled, days in form.choices():
                services.rule_setting_save(
                    actor=request.user, reason=reason, enabled=enabled, business_days=days
                )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "The rules are saved; they apply from their next run.")
            return redirect("followups:rules")
    context = {"nav": "followups", "form": form}
    return TemplateResponse(
        request, "followups/rules.html", context, status=422 if form.is_bound else 200
    )
