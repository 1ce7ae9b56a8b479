from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ghostless.candidates.models import CandidatePhone
from ghostless.followups.models import FollowUp, Reason
from ghostless.jobs.services import application_move
from ghostless.pools.models import PoolMember, TalentPool
from ghostless.resumes.models import Resume
from ghostless.timeline.models import Activity, Kind
from tests.factories import ActivityFactory, ApplicationFactory
from tests.parsed_html import definitions, find, find_all, text, texts


def test_profile_shows_contact_details_and_safe_links(candidate, recruiter_client):
    CandidatePhone.objects.create(candidate=candidate, phone="+14155550134")
    candidate.linkedin_url = "https://www.linkedin.com/in/cara"
    candidate.website_url = "javascript:alert(1)"
    candidate.custom_fields = {"Notice period": "1 month"}
    candidate.save()
    html = recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert text(find(html, "a", href="mailto:cara@example.org")) == "cara@example.org"
    assert text(find(html, "a", href="tel:+14155550134")) == "+1 415-555-0134"
    assert 'href="https://www.linkedin.com/in/cara" rel="noopener noreferrer"' in html
    assert "javascript:" not in html
    assert definitions(html)["Notice period"] == "1 month"
    assert "Rita Reyes" in html


def test_profile_shows_applications_with_stage_status_and_days(
    application, recruiter, recruiter_client, job
):
    with_stage = application.job.stages.get(name="Screen")
    application_move(application=application, stage=with_stage, actor=recruiter)
    html = recruiter_client.get(f"/candidates/{application.candidate_id}/").content.decode()
    assert f'<a href="/jobs/{job.pk}/">Backend Engineer</a>' in html
    assert "Screen" in texts(html, "span", class_="badge")
    assert "Active" in texts(html, "span", class_="status-active")
    assert "0 days in stage" in html


def test_profile_timeline_is_newest_first(candidate, recruiter_client):
    now = timezone.now()
    ActivityFactory(candidate=candidate, subject="Old call", occurred_at=now - timedelta(days=3))
    ActivityFactory(candidate=candidate, subject="New call", occurred_at=now - timedelta(hours=1))
    html = recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert html.index("New call") < html.index("Old call")
    assert "3\xa0days ago" in html


def test_profile_shows_times_in_the_users_zone(candidate, recruiter, recruiter_client):
    recruiter.time_zone = "America/New_York"
    recruiter.save()
    when = datetime(2024, 1, 15, 15, 0, tzinfo=UTC)
    ActivityFactory(candidate=candidate, subject="Winter call", occurred_at=when)
    html = recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert "10:00 EST" in html


def test_hiring_manager_sees_a_candidate_of_her_job(application, manager_client):
    response = manager_client.get(f"/candidates/{application.candidate_id}/")
    assert response.status_code == 200
    assert b"Edit profile" not in response.content


def test_hiring_manager_gets_404_for_a_candidate_only_on_another_job(stranger, manager_client):
    assert manager_client.get(f"/candidates/{stranger.pk}/").status_code == 404
    assert manager_client.post(f"/candidates/{stranger.pk}/log/", {}).status_code == 404


def test_outsider_gets_404_for_hanas_candidate(application, outsider_client):
    assert outsider_client.get(f"/candidates/{application.candidate_id}/").status_code == 404


def test_unknown_candidate_is_404(recruiter_client, db):
    assert recruiter_client.get("/candidates/999999/").status_code == 404


def test_hiring_manager_never_sees_private_or_other_jobs_activities(
    application, other_job, manager_client, recruiter_client
):
    candidate = application.candidate
    elsewhere = ApplicationFactory(candidate=candidate, job=other_job)
    ActivityFactory(candidate=candidate, subject="Salary talk", private=True)
    ActivityFactory(candidate=candidate, subject="Sales interview", application=elsewhere)
    ActivityFactory(candidate=candidate, subject="Backend screen", application=application)
    ActivityFactory(candidate=candidate, subject="General note")

    html = manager_client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert "Backend screen" in html and "General note" in html
    assert "Salary talk" not in html
    assert "Sales interview" not in html
    assert "Sales Lead" not in html

    html = recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert "Salary talk" in html and "Sales interview" in html
    assert '<span class="badge private">Private</span>' in html


def test_candidate_supplied_text_is_escaped_on_the_profile(recruiter_client, candidate):
    candidate.first_name = "<script>alert(1)</script>"
    candidate.custom_fields = {"<i>x</i>": "<img src=x onerror=alert(1)>"}
    candidate.save()
    ActivityFactory(candidate=candidate, subject="<b>hi</b>", body="<script>alert(2)</script>")
    html = recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<b>hi</b>" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html


def _profile_queries(client, application, count: int) -> int:
    candidate = application.candidate
    for _ in range(count - Activity.objects.filter(candidate=candidate, kind=Kind.CALL).count()):
        ActivityFactory(candidate=candidate, actor=candidate.owner, application=application)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/candidates/{candidate.pk}/").status_code == 200
    return len(queries)


@pytest.mark.parametrize("client_name", ["recruiter_client", "manager_client"])
def test_profile_queries_do_not_grow_with_activities(request, client_name, application):
    client = request.getfixturevalue(client_name)
    five = _profile_queries(client, application, 5)
    fifty = _profile_queries(client, application, 50)
    assert five == fifty


# Session, user, candidate with its emails, phones and tags (one query), applications, their
# interviews and offers, follow-ups open and closed, suppressions, messages (and, none sent, whether
# any were logged by hand), pools, resumes, the timeline's count and page, the nav's badges,
# the pool select. Issue 15 took it from 19 (the three contact prefetches are one query);
# issue 20 added one INSERT: the audit log's "candidate viewed"; issue 22's Texts card
# (recruiters only) adds its latest texts.
@pytest.mark.parametrize(
    ("client_name", "expected"), [("recruiter_client", 20), ("manager_client", 12)]
)
def test_profile_query_count_is_pinned(request, client_name, expected, application):
    assert _profile_queries(request.getfixturevalue(client_name), application, 5) == expected


def _profile_with(client, candidate, owner, count: int) -> tuple[int, str]:
    """The profile's query count and page once the candidate has `count` open follow-ups,
    talent pool memberships and resume versions."""
    have = candidate.followups.count()
    for n in range(have, count):
        FollowUp.objects.create(
            candidate=candidate,
            assignee=owner,
            reason=Reason.MANUAL,
            due_at=timezone.now() + timedelta(days=n + 1),
            waiting_since=timezone.now(),
            note=f"Note {n}",
        )
        pool = TalentPool.objects.create(name=f"Pool {n}")
        PoolMember.objects.create(pool=pool, candidate=candidate, added_by=owner, reason=f"Why {n}")
        Resume.objects.create(
            candidate=candidate,
            file=f"resumes/cv{n}.pdf",
            original_filename=f"cv{n}.pdf",
            content_type="application/pdf",
            size=1000 + n,
            sha256=f"{n:064d}",
            uploaded_by=owner,
            is_current=n == count - 1,
            parse_status="done",
        )
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/candidates/{candidate.pk}/")
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_profile_cards_cost_the_same_queries_for_one_or_many_rows(
    candidate, recruiter, recruiter_client
):
    one, _ = _profile_with(recruiter_client, candidate, recruiter, 1)
    many, html = _profile_with(recruiter_client, candidate, recruiter, 5)
    assert one == many
    # What each card shows of its rows, loaded with those few columns.
    assert "Note 4" in html and '<span class="muted small">· Rita Reyes</span>' in html
    assert "Pool 4</a>" in html and "by Rita Reyes: Why 4" in html
    assert "cv4.pdf" in html and "cv0.pdf" in html and "by Rita Reyes</span>" in html


def test_profile_labels_custom_fields_and_leaves_out_empty_skills(candidate, recruiter_client):
    candidate.custom_fields = {"notice_period": "1 month"}
    candidate.skills = ""
    candidate.save()
    html = recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    shown = definitions(html)
    assert shown["Notice period"] == "1 month"
    assert "notice_period" not in shown
    assert "Skills" not in shown


def test_each_application_links_to_its_offer_or_to_drafting_one(
    recruiter_client, recruiter, application
):
    from ghostless.offers import services as offers

    application.stage = application.job.stages.get(role="offer")
    application.save(update_fields=["stage"])
    path = f"/candidates/{application.candidate_id}/"
    shown = recruiter_client.get(path)
    assert find(shown, "a", href=f"/offers/new/{application.pk}/") is not None

    offer = offers.offer_create(
        application=application,
        actor=recruiter,
        title="Backend Engineer",
        salary=Decimal("72000"),
        currency="EUR",
        pay_period="year",
        start_date=date(2027, 3, 1),
        expires_on=date(2027, 1, 20),
    )
    shown = recruiter_client.get(path)
    link = find(shown, "a", href=f"/offers/{offer.pk}/")
    assert text(link.getparent()) == "Offer for Backend Engineer Draft"
    assert not find_all(shown, "a", href=f"/offers/new/{application.pk}/")


def test_the_timeline_says_the_candidate_did_what_they_did_on_their_page(
    recruiter_client, application
):
    from ghostless.status.events import status_page_viewed
    from ghostless.timeline.events import record
    from ghostless.timeline.models import EventKind

    viewed = status_page_viewed(candidate=application.candidate)
    system = record(
        candidate=application.candidate,
        actor=None,
        kind=Kind.SYSTEM,
        subject="Offer expired",
        event=EventKind.OFFER_EXPIRED,
    )
    shown = recruiter_client.get(f"/candidates/{application.candidate_id}/")

    assert "· The candidate" in text(find(shown, "li", id=f"activity-{viewed.pk}"))
    assert "· Ghostless" in text(find(shown, "li", id=f"activity-{system.pk}"))
