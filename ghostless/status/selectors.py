"""What a candidate's status page shows, in plain words, read in a fixed number of queries.

Only what the candidate may know leaves this module: the job's title, each stage's
candidate-facing name and description (never its internal name), their own interviews, the
outcome messages they were sent, and their own consent. No notes, no owners, no other
applicants. Each application is a `StatusCard`; the template only lays them out.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.utils import timezone

from ghostless.candidates.models import Candidate
from ghostless.followups.business_time import add_business_days, company_zone
from ghostless.interviews.models import Interview, InterviewStatus
from ghostless.jobs.models import Application, ApplicationStatus, JobStatus, Stage, StageRole
from ghostless.messaging.models import Message, MessageStatus, Purpose
from ghostless.messaging.rendering import STATUS_LINE
from ghostless.offers.selectors import StatusOffer, status_offers
from ghostless.pools.models import PoolMember

ENDED = {JobStatus.FILLED: "filled", JobStatus.CLOSED: "closed"}


@dataclass
class StatusCard:
    application_id: int
    job_title: str
    # active, on_hold, hired, rejected, withdrawn, filled, closed
    state: str
    now_name: str = ""
    now_description: str = ""
    next_name: str = ""
    hear_back: str = ""  # "Friday 17 January"
    late_since: str = ""  # the date we should have answered by, when we are late
    interviews: list[dict] = field(default_factory=list)
    message: str = ""  # the rejection or close-out they were sent
    offer: StatusOffer | None = None  # the offer sent, answered, or being finalised

    @property
    def can_withdraw(self) -> bool:
        return self.state in ("active", "on_hold")


@dataclass
class Consent:
    in_network_until: datetime | None  # the latest consent still running
    lapsed: bool  # in a pool, with no consent running: may stay
    in_pools: bool
    unsubscribed: bool
    renewal_due: bool = False  # running out within CONSENT_RENEWAL_DAYS: may renew now


def candidate_zone(candidate: Candidate) -> ZoneInfo | None:
    if not candidate.time_zone:
        return None
    try:
        return ZoneInfo(candidate.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _day(moment: datetime, zone: ZoneInfo) -> str:
    local = moment.astimezone(zone)
    text = f"{local:%A} {local.day} {local:%B}"
    return text if local.year == timezone.now().astimezone(zone).year else f"{text} {local.year}"


def interview_line(starts_at: datetime, zone: ZoneInfo) -> dict:
    """ "Interview on Tuesday 14 January at 10:00" in the company's zone; `your_time` when the
    candidate's own zone shows another clock time."""
    company = starts_at.astimezone(company_zone())
    line = {"when": f"{_day(starts_at, company_zone())} at {company:%H:%M}", "your_time": ""}
    local = starts_at.astimezone(zone)
    if local.utcoffset() != company.utcoffset():
        same_day = local.date() == company.date()
        line["your_time"] = (
            f"{local:%H:%M}" if same_day else f"{_day(starts_at, zone)}, {local:%H:%M}"
        )
    return line


def _hear_back(application: Application, now: datetime) -> tuple[datetime | None, bool]:
    """(the date, whether it has passed): the promise made after an interview while it runs,
    else the stage's stale-in-stage limit, counted in business days from entering it."""
    if application.hear_back_by and application.hear_back_by > now:
        return application.hear_back_by, False
    days = application.stage.stale_after_days
    if not days:
        return None, False
    due = add_business_days(application.stage_entered_at, days)
    return due, due <= now


def _next_stage(application: Application, stages: list[Stage]) -> str:
    later = [
        s for s in stages if s.job_id == application.job_id and s.order > application.stage.order
    ]
    later = [s for s in later if s.role != StageRole.SOURCED]
    return later[0].candidate_facing[0] if later else ""


def closing_messages(application_ids: list[int]) -> dict[int, str]:
    """The latest rejection or close-out each application was sent, without our footer."""
    sent = (
        Message.objects.filter(
            application_id__in=application_ids,
            template__purpose__in=[Purpose.REJECTION, Purpose.POSITION_FILLED],
            status=MessageStatus.SENT,
        )
        .order_by("-sent_at", "-id")
        .values_list("application_id", "body_text")
    )
    latest = {}
    for application_id, text in sent:
        latest.setdefault(application_id, text.split(f"\n\n{STATUS_LINE}: ")[0].strip())
    return latest


def _state(application: Application) -> str:
    if application.status != ApplicationStatus.ACTIVE:
        return application.status
    if application.job.status in ENDED:
        return ENDED[application.job.status]
    return "on_hold" if application.job.status == JobStatus.ON_HOLD else "active"


def status_cards(candidate: Candidate) -> list[StatusCard]:
    """Every application of the candidate, newest first: at most four queries, however many."""
    now = timezone.now()
    zone = candidate_zone(candidate) or company_zone()
    applications = list(
        Application.objects.filter(candidate=candidate)
        .select_related("job", "stage")
        .only(
            "status",
            "hear_back_by",
            "stage_entered_at",
            "job__title",
            "job__status",
            "stage__order",
            "stage__role",
            "stage__stale_after_days",
            "stage__candidate_name",
            "stage__candidate_description",
        )
    )
    cards = [StatusCard(a.pk, a.job.title, _state(a)) for a in applications]
    live = [a for a, c in zip(applications, cards, strict=True) if c.state == "active"]
    stages = list(
        Stage.objects.filter(job_id__in={a.job_id for a in live}).only(
            "job_id", "order", "role", "candidate_name", "candidate_description"
        )
        if live
        else []
    )
    interviews = {}
    if live:
        upcoming = Interview.objects.filter(
            application__in=[a.pk for a in live],
            status=InterviewStatus.SCHEDULED,
            starts_at__gt=now,
        ).only("application_id", "starts_at", "location", "video_url")
        for interview in upcoming:
            interviews.setdefault(interview.application_id, []).append(interview)
    closed = [c.application_id for c in cards if c.state in ("rejected", "filled", "closed")]
    messages = closing_messages(closed) if closed else {}
    offers = status_offers([a.pk for a in applications])
    for application, card in zip(applications, cards, strict=True):
        card.now_name, card.now_description = application.stage.candidate_facing
        card.message = messages.get(application.pk, "")
        card.offer = offers.get(application.pk)
        if card.state != "active":
            continue
        card.next_name = _next_stage(application, stages)
        due, late = _hear_back(application, now)
        if due and late:
            card.late_since = _day(due, zone)
        elif due:
            card.hear_back = _day(due, zone)
        card.interviews = [
            {
                **interview_line(i.starts_at, zone),
                "location": i.location,
                "video_url": i.video_url,
            }
            for i in interviews.get(application.pk, [])
        ]
    return cards


def consent_of(candidate: Candidate) -> Consent:
    now = timezone.now()
    members = list(
        PoolMember.objects.filter(candidate=candidate).only(
            "consent_given_at", "consent_expires_at"
        )
    )
    running = [
        m.consent_expires_at
        for m in members
        if m.consent_given_at and (m.consent_expires_at is None or m.consent_expires_at > now)
    ]
    until = max((r for r in running if r), default=None)
    soonest = min((r for r in running if r), default=None)
    due = soonest is not None and soonest <= now + timedelta(days=settings.CONSENT_RENEWAL_DAYS)
    return Consent(
        renewal_due=due,
        in_network_until=until,
        lapsed=bool(members) and not running,
        in_pools=bool(members),
        unsubscribed=candidate.unsubscribed_at is not None,
    )
