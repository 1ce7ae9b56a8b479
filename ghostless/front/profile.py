"""The candidate's profile: details, applications, follow-ups, email, pools, duplicates and
the timeline, and the quick log of a touch."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ghostless.accounts.models import User
from ghostless.candidates.duplicates import duplicate_suggestions
from ghostless.candidates.forms import ActivityLogForm, TimelineFilterForm
from ghostless.candidates.models import Candidate
from ghostless.candidates.normalize import display_phone
from ghostless.candidates.selectors import access_candidate, candidate_applications
from ghostless.core.errors import DomainError
from ghostless.core.links import set_links
from ghostless.core.pages import jinja_page
from ghostless.core.web import form_error, require_recruiter
from ghostless.followups.forms import ReminderForm
from ghostless.followups.selectors import candidate_followups, closed_how, recently_closed
from ghostless.followups.services import activity_log_with_callback
from ghostless.interviews.models import Interview
from ghostless.interviews.services import may_schedule
from ghostless.jobs.models import ApplicationStatus, StageRole
from ghostless.messaging.selectors import candidate_email_section
from ghostless.offers.models import LIVE_STATES, Offer
from ghostless.offers.selectors import offers_visible_to
from ghostless.pools.forms import PoolAddForm
from ghostless.pools.selectors import candidate_pools
from ghostless.resumes.views import card_context
from ghostless.texts.selectors import candidate_text_section
from ghostless.timeline.audit import audit_event
from ghostless.timeline.selectors import timeline

# The whole page, in Jinja2 (core/pages.py); its htmx fragments are candidates/detail.html's
# partials, which include the same Jinja2 pieces.
PAGE = "front/profile.jinja"
TIMELINE_PAGE_SIZE = 25
# The service's names for the log form's fields.
LOG_FIELDS = {"application_id": "application", "due_at": "callback_at"}


# What a timeline entry shows, and nothing else: building the joined actor, job and received
# email rows costs more than the query. A field the template starts to show goes here too
# (tests count the profile's queries, which would grow per entry otherwise).
TIMELINE_FIELDS = (
    "candidate_id",
    "application_id",
    "kind",
    "direction",
    "outcome",
    "occurred_at",
    "actor_id",
    "subject",
    "body",
    "private",
    "payload",
    "actor__first_name",
    "actor__last_name",
    "actor__username",
    "application__job_id",
    "application__job__title",
    "inbound_email__from_email",
    "inbound_email__from_name",
    "inbound_email__body_text",
    "inbound_email__body_html",
    "inbound_email__sender_verified",
    "inbound_email__subject",
    "text__status",
    "text__error_code",
    "call__recording_url",
    "call__transcription",
)


def _web_links(candidate: Candidate) -> list[tuple[str, str]]:
    """Only http(s) links become hrefs; anything else stored via the API is left out."""
    links = [
        ("LinkedIn", candidate.linkedin_url),
        ("GitHub", candidate.github_url),
        ("Website", candidate.website_url),
    ]
    return [(label, url) for label, url in links if url.lower().startswith(("http://", "https://"))]


def _field_label(key: str) -> str:
    """Keys typed through the API ("notice_period") read as labels ("Notice period")."""
    label = key.replace("_", " ").strip()
    return label[:1].upper() + label[1:]


def _timeline_context(user: User, candidate: Candidate, applications, params: QueryDict) -> dict:
    filter_form = TimelineFilterForm(params, applications=applications, auto_id="timeline-%s")
    filters = filter_form.selector_kwargs()
    # Received email shows its sanitized body and attachments: joined to its entry,
    # attachments in one query per page.
    activities = (
        timeline(user=user, candidate=candidate, **filters)
        .select_related("inbound_email", "text", "call")
        .only(*TIMELINE_FIELDS)
        .prefetch_related("inbound_email__attachments")
    )
    page = Paginator(activities, TIMELINE_PAGE_SIZE).get_page(params.get("page"))
    set_links(
        [activity.application for activity in page if activity.application_id],
        job_url=("jobs:detail", "job_id"),
    )
    return {"timeline_form": filter_form, "timeline_page": page, "timeline_filtered": bool(filters)}


# What the profile shows of each application, in its card, the log form and the timeline filter.
APPLICATION_FIELDS = (
    "candidate_id",
    "job_id",
    "stage_id",
    "status",
    "rejection_reason_id",
    "created_at",
    "stage_entered_at",
    "job__title",
    "job__hiring_manager",
    "stage__name",
    "stage__role",
    "rejection_reason__name",
)


def _with_interviews(user: User, applications: list) -> None:
    """Each application's interviews (`application.interview_list`), in one query, and
    whether the user may schedule one (recruiters, and hiring managers on their own jobs)."""
    by_application: dict[int, list] = {a.pk: [] for a in applications}
    if applications:
        interviews = Interview.objects.filter(application_id__in=by_application).only(
            "application_id", "title", "starts_at", "duration_minutes", "status"
        )
        for interview in interviews:
            by_application[interview.application_id].append(interview)
    for application in applications:
        application.interview_list = by_application[application.pk]
        application.can_schedule = application.status == ApplicationStatus.ACTIVE and (
            may_schedule(user, application)
        )


def _with_offers(user: User, applications: list) -> None:
    """Each application's latest offer the user may see (`application.offer`), in one query,
    and whether they may draft one (recruiters, on an active application at the offer stage
    with no live offer)."""
    latest: dict[int, Offer] = {}
    if applications:
        offers = (
            offers_visible_to(user)
            .filter(application_id__in=[a.pk for a in applications])
            .only("application_id", "state", "title")
            .order_by("-created_at", "-id")
        )
        for offer in offers:
            latest.setdefault(offer.application_id, offer)
    for application in applications:
        application.offer = latest.get(application.pk)
        live = application.offer is not None and application.offer.state in LIVE_STATES
        application.can_draft_offer = (
            user.sees_everything
            and application.status == ApplicationStatus.ACTIVE
            and application.stage.role == StageRole.OFFER
            and not live
        )


def _profile_context(request: HttpRequest, candidate: Candidate, params: QueryDict) -> dict:
    applications = list(
        candidate_applications(user=request.user, candidate=candidate).only(*APPLICATION_FIELDS)
    )
    _with_interviews(request.user, applications)
    _with_offers(request.user, applications)
    return {
        "nav": "candidates",
        "candidate": candidate,
        "applications": applications,
        "phones": [(p.phone, display_phone(p.phone)) for p in candidate.phones.all()],
        # The call prompt's "when", in the user's zone as the log form takes it.
        "call_prompt_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "links": _web_links(candidate),
        "custom_fields": [(_field_label(k), v) for k, v in candidate.custom_fields.items()],
        "skills": [skill.strip() for skill in candidate.skills.split(",") if skill.strip()],
        "can_edit": request.user.sees_everything,
        **_touched_cards(request.user, candidate),
        # Texts, like email, are for recruiters only.
        "text_section": candidate_text_section(candidate=candidate)
        if request.user.sees_everything
        else None,
        # Talent pools are for recruiters only too.
        "pool_memberships": candidate_pools(user=request.user, candidate=candidate),
        # So are duplicates: they name records a hiring manager may not see. Looking for
        # them costs more than the rest of the profile, so htmx loads the card after the
        # page; without JS a link asks for the profile with them (`?duplicates=1`).
        **(
            _duplicates_context(request.user, candidate)
            if request.user.sees_everything and params.get("duplicates")
            else {"lazy_duplicates": request.user.sees_everything}
        ),
        "pool_add_form": PoolAddForm(),
        "resume_card": card_context(
            user=request.user, candidate=candidate, next_url=request.get_full_path()
        ),
        **_timeline_context(request.user, candidate, applications, params),
    }


def _touched_cards(user: User, candidate: Candidate) -> dict:
    """The cards a logged touch or a sent email changes: follow-ups (what is owed and what
    closed lately) and email. Both are for recruiters only: hiring managers may not send
    email, nor work follow-ups."""
    if not user.sees_everything:
        return {"followups": None, "email_section": None}
    closed = list(recently_closed(candidate=candidate))
    for followup in closed:
        followup.closed_how = closed_how(followup)
    return {
        "followups": candidate_followups(candidate=candidate),
        "closed_followups": closed,
        "remind_form": ReminderForm(),
        "email_section": candidate_email_section(candidate=candidate),
    }


def _duplicates_context(user: User, candidate: Candidate) -> dict:
    return {
        "duplicates": duplicate_suggestions(user=user, candidate=candidate),
        "merge_count": candidate.merges.count(),
    }


def candidate_duplicates(request: HttpRequest, pk: int) -> HttpResponse:
    """The possible duplicates card, loaded by the profile after the page (empty if none)."""
    candidate = access_candidate(request.user, pk)
    require_recruiter(request)
    context = {"candidate": candidate, **_duplicates_context(request.user, candidate)}
    return TemplateResponse(request, "candidates/detail.html#duplicates", context)


def candidate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = access_candidate(request.user, pk)
    if request.htmx and request.htmx.target == "timeline-entries":
        applications = candidate_applications(user=request.user, candidate=candidate)
        context = {
            "candidate": candidate,
            **_timeline_context(request.user, candidate, applications, request.GET),
        }
        return TemplateResponse(request, "candidates/detail.html#timeline-entries", context)
    if request.htmx and request.htmx.target == "email":
        return _email_sent_refresh(request, candidate)
    context = _profile_context(request, candidate, request.GET)
    context["log_form"] = ActivityLogForm(
        user=request.user, candidate=candidate, applications=context["applications"]
    )
    # Who looked at whom: one INSERT per full page view (not its htmx card reloads).
    audit_event(
        actor=request.user,
        subject="candidate",
        subject_id=candidate.pk,
        label=candidate.name,
        event="viewed",
    )
    response = jinja_page(request, PAGE, context)
    if request.GET.get("images"):
        # The recruiter asked to see one email's remote images (messaging's email_display
        # keeps them out of every other email): the policy lets images from the web in.
        response._csp_update = {"img-src": ["http:", "https:"]}
    return response


def _email_sent_refresh(request: HttpRequest, candidate: Candidate) -> HttpResponse:
    """The Email card polls while an email is on its way; once sent, the email is on the
    timeline and in the last contact, and may have settled a follow-up: those come too."""
    applications = candidate_applications(user=request.user, candidate=candidate)
    context = {
        "candidate": candidate,
        **_touched_cards(request.user, candidate),
        **_timeline_context(request.user, candidate, applications, QueryDict()),
    }
    return TemplateResponse(request, "candidates/email_refresh.html", context)


@require_POST
def activity_log_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Quick-log a touch. With htmx: a fresh form plus the refreshed timeline (swapped out
    of band); without JS: post, redirect, get."""
    candidate = access_candidate(request.user, pk)
    form = ActivityLogForm(request.POST, user=request.user, candidate=candidate)
    if form.is_valid():
        data = form.cleaned_data
        try:
            activity = activity_log_with_callback(
                candidate=candidate,
                actor=request.user,
                callback_at=data.get("callback_at"),
                kind=data["kind"],
                direction=data["direction"],
                outcome=data["outcome"],
                occurred_at=data["occurred_at"],
                subject=data["subject"],
                body=data["body"],
                application=data["application"],
                private=data.get("private", False),
            )
        except DomainError as exc:
            form_error(
                form, exc, aliases={"application_id": "application", "due_at": "callback_at"}
            )
        else:
            logged = f"{activity.get_kind_display()} logged."
            if data.get("callback_at"):
                when = timezone.localtime(data["callback_at"]).strftime("%a %-d %b, %H:%M")
                logged += f" Call-back due {when} is in your follow-ups."
            if not request.htmx:
                messages.success(request, logged)
                return redirect(candidate)
            applications = candidate_applications(user=request.user, candidate=candidate)
            # The touch moved the last contact and may have settled a follow-up (cleared
            # on commit, before this renders): those parts of the page come back too.
            candidate.refresh_from_db(fields=["last_contact_at"])
            context = {
                "candidate": candidate,
                "log_form": ActivityLogForm(user=request.user, candidate=candidate),
                "logged": logged,
                **_touched_cards(request.user, candidate),
                **_timeline_context(request.user, candidate, applications, QueryDict()),
            }
            response = TemplateResponse(request, "candidates/log_done.html", context)
            # The timeline comes back unfiltered at page one; the address bar should say so.
            response["HX-Replace-Url"] = candidate.get_absolute_url()
            return response
    if request.htmx:
        # 200, so htmx swaps the form with its errors in.
        context = {"candidate": candidate, "log_form": form}
        return TemplateResponse(request, "candidates/detail.html#log-form", context)
    context = _profile_context(request, candidate, QueryDict())
    context["log_form"] = form
    return jinja_page(request, PAGE, context, status=422)
