"""The demo company, seeded once for the module: seeding takes seconds, and every test here
only reads what it built (or seeds again to see that nothing changes)."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.db.models import F, Max
from django.test import override_settings
from django.utils import timezone

from ghostless.accounts.models import Role, User
from ghostless.candidates.models import Candidate, CandidateEmail
from ghostless.demo import network, status_pages
from ghostless.interviews.models import Attendee, Interview, Scorecard
from ghostless.jobs.models import (
    Application,
    ApplicationStatus,
    Job,
    JobStatus,
    PlannedInterview,
    StageChange,
)
from ghostless.messaging.models import Message
from ghostless.notifications.models import Notification
from ghostless.pools.models import PoolMember
from ghostless.reports.filters import make_filters
from ghostless.reports.ghosting import ghosting_report
from ghostless.resumes.models import Resume
from ghostless.search.query import match_any
from ghostless.search.suggestions import job_suggestions
from ghostless.timeline.models import CONTACT_KINDS, Activity, Direction, Kind

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
GENERATED = 40


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", candidates=GENERATED, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module", autouse=True)
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """What seed_demo printed. The seed stays in a transaction rolled back after the module's
    last test, and each test runs in a savepoint inside it (pytest-django's `db`), so nothing
    leaks into the next test or module. The demo's resumes are stored files: kept out of var/."""
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        yield seed()
        transaction.set_rollback(True)


def counts() -> dict[str, int]:
    models = [User, Job, Candidate, Application, StageChange, Activity]
    return {model.__name__: model.objects.count() for model in models}


def test_seed_demo_builds_a_small_company_in_every_status(seeded):
    assert Candidate.objects.count() == GENERATED + len(network.PEOPLE) + len(
        status_pages.SITUATIONS
    )
    assert set(Job.objects.values_list("status", flat=True)) == set(JobStatus.values)
    statuses = set(Application.objects.values_list("status", flat=True))
    assert statuses == set(ApplicationStatus.values)
    assert Application.objects.filter(status="rejected", rejection_reason__isnull=True).count() == 0
    roles = set(User.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    kinds = set(Activity.objects.values_list("kind", flat=True))
    assert kinds == set(Kind.values)
    email_directions = Activity.objects.filter(kind=Kind.EMAIL).values_list("direction", flat=True)
    assert {Direction.INBOUND, Direction.OUTBOUND} <= set(email_directions)
    assert "ghostless-demo" in seeded
    assert "hana" in seeded


def test_demo_logins_work_with_the_printed_password():
    for username in ["alice", "rita", "ray", "rosa", "hana"]:
        assert authenticate(username=username, password="ghostless-demo") is not None


def test_running_seed_demo_twice_changes_nothing():
    before = counts()

    output = seed()

    assert counts() == before
    assert "nothing to do" in output


def test_demo_history_lies_in_the_past_and_in_order():
    now = timezone.now()

    assert Activity.objects.filter(occurred_at__gt=now).count() == 0
    assert Activity.objects.order_by("occurred_at").first().occurred_at < now - timezone.timedelta(
        days=60
    )
    assert Activity.objects.filter(occurred_at__lt=F("candidate__created_at")).count() == 0
    assert Application.objects.filter(created_at__lt=F("job__created_at")).count() == 0
    for application in Application.objects.prefetch_related("stage_changes"):
        changes = list(application.stage_changes.all())
        assert changes[0].changed_at == application.created_at
        assert changes[-1].to_stage_id == application.stage_id
        assert changes[-1].changed_at == application.stage_entered_at


def test_demo_last_contact_matches_the_timeline():

    for candidate in Candidate.objects.all():
        newest = (
            candidate.activities.filter(kind__in=CONTACT_KINDS)
            .exclude(direction=Direction.INTERNAL)
            .aggregate(newest=Max("occurred_at"))["newest"]
        )
        assert candidate.last_contact_at == newest


def test_demo_shows_replies_nobody_answered_and_applicants_never_told():

    waiting = Candidate.objects.filter(
        activities__direction=Direction.INBOUND,
        activities__kind__in=CONTACT_KINDS,
        activities__occurred_at=F("last_contact_at"),
    )
    assert waiting.exists()
    filled = Job.objects.filter(status=JobStatus.FILLED)
    untold = Application.objects.filter(job__in=filled, status=ApplicationStatus.ACTIVE)
    assert untold.exists()


def test_demo_emails_use_reserved_example_domains_only():

    domains = {e.split("@")[1] for e in CandidateEmail.objects.values_list("email", flat=True)}
    assert all(
        d == "example.com" or d.endswith((".example.com", "example.org", "example.net"))
        for d in domains
    )


def test_a_skill_buried_in_a_resume_is_found_by_search():

    tomasz = Candidate.objects.get(first_name="Tomasz", last_name="Nowak")
    resume = Resume.objects.get(candidate=tomasz, is_current=True)
    assert resume.parse_status == "parsed" and "Terraform" in resume.text
    profile = [tomasz.skills, tomasz.current_title, tomasz.current_company]
    profile += [tag.name for tag in tomasz.tags.all()]
    assert "terraform" not in " ".join(profile).lower()
    assert not tomasz.activities.filter(body__icontains="terraform").exists()
    assert tomasz.pk in [pk for pk, _ in match_any(["terraform"])]


def test_the_demo_has_a_duplicate_pair_with_history_on_both():

    jon = Candidate.objects.get(first_name="Jon", last_name="Smith")
    jonathan = Candidate.objects.get(first_name="Jonathan", last_name="Smith")
    assert jon.current_company == jonathan.current_company == "Northwind Analytics"
    assert {e.email for e in jon.emails.all()} != {e.email for e in jonathan.emails.all()}
    for person in (jon, jonathan):
        assert person.applications.exists()
        assert person.activities.filter(kind__in=CONTACT_KINDS).exists()


def test_the_new_platform_job_suggests_past_candidates():

    job = Job.objects.get(title="Senior Platform Engineer")
    assert job.status == JobStatus.OPEN
    assert job.skills == "Kubernetes, Terraform, Go"
    assert not job.applications.exists()
    assert PoolMember.objects.filter(
        pool__name=network.POOL_NAME, consent_expires_at__gt=timezone.now()
    ).exists()

    suggestions = job_suggestions(job=job, user=User.objects.get(username="rita"))

    by_name = {s.candidate.name: s for s in suggestions}
    assert {"Priya Raman", "Tomasz Nowak", "Ana Costa"} <= set(by_name)
    assert "Omar Haddad" not in by_name  # unsubscribed
    assert "Reached Offer for Site Reliability Engineer" in by_name["Priya Raman"].reasons
    assert any(r.startswith("Consented until") for r in by_name["Tomasz Nowak"].reasons)
    assert "terraform" in by_name["Tomasz Nowak"].reasons[0]  # found in his resume


def test_the_demo_bell_has_a_mention_and_due_follow_ups_for_rita():
    kinds = set(Notification.objects.filter(user__username="rita").values_list("kind", flat=True))
    assert kinds == {"mention", "due"}
    mention = Notification.objects.get(user__username="rita", kind="mention")
    assert mention.text.startswith("Ray Romano mentioned you on ")


def test_the_demo_jobs_plan_their_screens_and_interviews():
    """The default pipeline's plan is copied to every job, so each kit has its questions."""
    job = Job.objects.order_by("id").first()
    titles = set(PlannedInterview.objects.filter(stage__job=job).values_list("title", flat=True))
    assert titles == {"Recruiter screen", "Technical interview", "Team conversation"}


def test_the_demo_holds_interviews_with_feedback_given_and_owed():
    """Past interviews with every scorecard in and with one owed, interviews ahead with their
    invites queued, and the interviewer role's Ivan on them."""
    past = Interview.objects.filter(starts_at__lt=timezone.now())
    ahead = Interview.objects.filter(starts_at__gt=timezone.now())
    assert past.exists() and ahead.exists()
    scored = {s.interview_id for s in Scorecard.objects.all()}
    owed = [
        i
        for i in past
        if i.attendees.filter(role="interviewer").exclude(user__scorecards__interview=i).exists()
    ]
    assert scored and owed
    assert Message.objects.exclude(calendar="").filter(calendar_method="REQUEST").exists()
    assert Attendee.objects.filter(user__username="ivan", user__role=Role.INTERVIEWER).exists()
    assert Application.objects.filter(hear_back_by__isnull=False).exists()


def test_the_demo_has_a_status_page_in_every_situation(client):
    """What each status_pages person's page shows (docs/status-page.md lists them)."""
    from ghostless.status.selectors import consent_of, status_cards

    seen = {}
    for situation in status_pages.SITUATIONS:
        candidate = CandidateEmail.objects.get(email=situation.email).candidate
        seen[situation.key] = (status_cards(candidate), consent_of(candidate))
    states = {key: [card.state for card in cards] for key, (cards, _) in seen.items()}
    assert states == {
        "promise": ["active"],
        "late": ["active"],
        "interview": ["active"],
        "on_hold": ["on_hold"],
        "hired": ["hired"],
        "withdrawn": ["withdrawn"],
        "rejected": ["rejected"],
        "filled": ["filled"],
        "closed": ["closed"],
        "network": ["rejected"],
        "lapsed": [],
        "unsubscribed": ["active"],
    }
    card = lambda key: seen[key][0][0]  # noqa: E731 -- a one-line reader
    assert card("promise").hear_back and not card("promise").late_since
    assert card("late").late_since
    [interview] = card("interview").interviews
    assert interview["your_time"]  # Tokyo's clock is not the company's
    assert card("rejected").message.startswith("Hi Rafael")
    assert card("filled").message.startswith("Hi Fatima")
    assert seen["network"][1].in_network_until
    assert seen["lapsed"][1].lapsed
    assert seen["unsubscribed"][1].unsubscribed


def test_the_demo_has_interview_times_to_pick_one_waiting_long_and_one_picked():
    from ghostless.followups.models import FollowUp, Reason
    from ghostless.interviews.models import SlotOffer

    states = sorted(SlotOffer.objects.values_list("state", flat=True))
    assert states == ["booked", "open", "open"]
    assert FollowUp.objects.filter(reason=Reason.AWAITING_CANDIDATE, state="open").count() == 1
    booked = SlotOffer.objects.get(state="booked")
    assert booked.slots.filter(picked_at__isnull=False, starts_at=booked.interview.starts_at)


def test_the_demo_reports_tell_a_story():
    """Rosa answers fast and tells everyone; Ray lets replies sit (the dashboard's story)."""
    report = ghosting_report(actor=User.objects.get(username="alice"), filters=make_filters())
    rows = {row.username: row for row in report.by_owner}
    rosa, ray = rows["rosa"], rows["ray"]
    assert (rosa.decided > 0, rosa.never_told, rosa.told_within[2]) == (True, 0, rosa.told)
    assert (rosa.unanswered, rosa.median_answer_hours <= 2) == (0, True)
    assert (ray.unanswered > 0, ray.median_answer_hours > 24) == (True, True)
    assert report.by_owner[-1].username == "rosa"  # the leaderboard puts her last
