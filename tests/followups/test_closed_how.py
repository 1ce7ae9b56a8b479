"""A closed follow-up says who or what closed it: the touch that kept it and its author, the
person who marked it done, or the rule that saw it settled; on the profile and in the API."""

from datetime import timedelta

import time_machine

from ghostless.followups.models import FollowUp, Reason, State
from ghostless.followups.rules import run_rules
from ghostless.followups.services import followup_done
from ghostless.jobs.services import application_move
from ghostless.timeline.services import activity_log
from tests.followups.conftest import FRIDAY, MONDAY
from tests.parsed_html import texts


def closed_lately(client, candidate) -> list[str]:
    page = client.get(f"/candidates/{candidate.pk}/")
    return texts(page, "span", class_="closed-how")


def test_a_kept_call_back_names_the_call_and_its_caller(
    promise, candidate, other_recruiter, recruiter_client, django_capture_on_commit_callbacks
):
    with time_machine.travel(MONDAY, tick=False), django_capture_on_commit_callbacks(execute=True):
        activity_log(
            candidate=candidate,
            actor=other_recruiter,
            kind="call",
            direction="outbound",
            outcome="connected",
        )
    with time_machine.travel(MONDAY + timedelta(hours=1), tick=False):
        shown = closed_lately(recruiter_client, candidate)
    assert shown == ["Done by the call logged by Ray Romano on 23 Nov 2026, 15:00 UTC."]


def test_marked_done_names_the_person(promise, candidate, recruiter, recruiter_client):
    with time_machine.travel(MONDAY, tick=False):
        followup_done(followup=promise, actor=recruiter)
        assert closed_lately(recruiter_client, candidate) == [
            "Marked done by Rita Reyes on 23 Nov 2026, 15:00 UTC."
        ]


def test_an_answered_reply_names_the_answer(
    candidate, recruiter, recruiter_client, django_capture_on_commit_callbacks
):
    with time_machine.travel(FRIDAY, tick=False):
        activity_log(candidate=candidate, actor=None, kind="sms", direction="inbound", body="Hi?")
    with time_machine.travel(FRIDAY + timedelta(days=4), tick=False):
        run_rules()
    waiting = candidate.followups.get(reason=Reason.AWAITING_REPLY)
    page = recruiter_client.get(f"/candidates/{candidate.pk}/")
    owed = texts(page, "ul", class_="profile-followups")[0]
    assert "Cleared when you answer Cara: an email, a text or a call." in owed
    with time_machine.travel(FRIDAY + timedelta(days=4, hours=1), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            text = activity_log(
                candidate=candidate,
                actor=recruiter,
                kind="sms",
                direction="outbound",
                body="Hello!",
            )
        assert closed_lately(recruiter_client, candidate) == [
            "Done by the text message logged by Rita Reyes on 24 Nov 2026, 16:00 UTC."
        ]
    waiting.refresh_from_db()
    assert (waiting.state, waiting.closed_by, waiting.closed_by_activity) == (
        State.DONE,
        recruiter,
        text,
    )


def test_a_rule_that_settled_it_is_named(
    application, recruiter_client, django_capture_on_commit_callbacks
):
    stale = FollowUp.objects.create(
        candidate=application.candidate,
        application=application,
        reason=Reason.STALE_IN_STAGE,
        due_at=application.stage_entered_at,
        waiting_since=application.stage_entered_at,
    )
    next_stage = application.job.stages.exclude(pk=application.stage_id).order_by("order")[0]
    with django_capture_on_commit_callbacks(execute=True):
        application_move(application=application, stage=next_stage, actor=None)
    stale.refresh_from_db()
    assert stale.state == State.CANCELLED
    [shown] = closed_lately(recruiter_client, application.candidate)
    assert shown.startswith("Closed by the rule “Stale in stage”: the application moved on on ")


def test_only_the_last_two_weeks_are_listed(promise, candidate, recruiter, recruiter_client):
    with time_machine.travel(MONDAY, tick=False):
        followup_done(followup=promise, actor=recruiter)
    with time_machine.travel(MONDAY + timedelta(days=15), tick=False):
        assert closed_lately(recruiter_client, candidate) == []


def test_the_api_says_who_or_what_closed_it(
    promise, candidate, other_recruiter, recruiter_api, django_capture_on_commit_callbacks
):
    opened = recruiter_api.get(f"/followups/{promise.pk}").json()
    assert (opened["closed_by"], opened["closed_how"], opened["closed_at"]) == (None, "", None)
    with time_machine.travel(MONDAY, tick=False), django_capture_on_commit_callbacks(execute=True):
        call = activity_log(
            candidate=candidate,
            actor=other_recruiter,
            kind="call",
            direction="outbound",
            outcome="connected",
        )
    [listed] = recruiter_api.get("/followups", {"state": "done"}).json()["items"]
    assert listed["closed_by"] == "ray"
    assert listed["closed_by_activity_id"] == call.pk
    assert listed["closed_how"] == "Done by the call logged by Ray Romano"
    assert listed["closed_at"].startswith("2026-11-23T15:00:00")


def test_the_api_names_who_marked_it_done(promise, recruiter_api):
    answer = recruiter_api.post(f"/followups/{promise.pk}/done").json()
    assert (answer["closed_by"], answer["closed_how"]) == ("rita", "Marked done by Rita Reyes")
