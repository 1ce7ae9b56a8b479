from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from ghostless.jobs.models import Application, StageChange
from ghostless.jobs.services import application_move, application_reject
from ghostless.timeline.models import Activity
from tests.factories import JobFactory
from tests.parsed_html import find, find_all, text


def act(client, name, application, data=None, **kwargs):
    return client.post(reverse(f"jobs:{name}", args=[application.pk]), data or {}, **kwargs)


def refreshed(application) -> Application:
    return Application.objects.select_related("stage", "rejection_reason").get(pk=application.pk)


def test_moving_by_form_records_a_stage_change_and_timeline_entry(
    recruiter_client, application, recruiter
):
    offer = application.job.stages.get(name="Offer")
    response = act(recruiter_client, "move", application, {"stage_id": offer.pk}, follow=True)
    assert refreshed(application).stage == offer
    change = StageChange.objects.filter(application=application).last()
    assert (change.to_stage, change.actor) == (offer, recruiter)
    assert Activity.objects.filter(application=application, kind="stage_change").count() == 2
    html = response.content.decode()
    assert "Moved Cara Candidate to Offer." in html


def test_moving_to_another_jobs_stage_is_refused_with_a_message(recruiter_client, application):
    foreign = JobFactory(title="Designer").stages.get(name="Offer")
    response = act(recruiter_client, "move", application, {"stage_id": foreign.pk}, follow=True)
    assert response.status_code == 200
    assert "That stage is not part of this job&#x27;s pipeline." in response.content.decode()
    assert refreshed(application).stage.name == "Sourced"


@pytest.mark.parametrize("stage_id", ["", "abc", "99999", "1.5"])
def test_moving_without_a_real_stage_is_refused_without_a_500(
    recruiter_client, application, stage_id
):
    response = act(recruiter_client, "move", application, {"stage_id": stage_id}, follow=True)
    assert response.status_code == 200
    assert "Choose a stage to move to." in response.content.decode()


def test_rejecting_requires_a_reason(recruiter_client, application, retired_reason):
    for data in ({}, {"reason": "abc"}, {"reason": retired_reason.pk}):
        response = act(recruiter_client, "reject", application, data, follow=True)
        assert "Choose a rejection reason from the list." in response.content.decode()
    assert refreshed(application).status == "active"


def test_rejecting_records_the_reason(recruiter_client, application, reason):
    act(recruiter_client, "reject", application, {"reason": reason.pk})
    application = refreshed(application)
    assert (application.status, application.rejection_reason) == ("rejected", reason)
    page = recruiter_client.get(application.get_absolute_url()).content.decode()
    assert "Rejection reason" in page and "Not enough experience" in page
    assert "Backend Engineer: rejected (Not enough experience)" in page


def test_withdrawing(recruiter_client, application):
    response = act(recruiter_client, "withdraw", application, {"confirm": "yes"}, follow=True)
    assert refreshed(application).status == "withdrawn"
    assert "Cara Candidate withdrew." in response.content.decode()


def test_hiring_moves_the_card_to_the_hired_stage(recruiter_client, application):
    act(recruiter_client, "hire", application, {"confirm": "yes"})
    application = refreshed(application)
    assert (application.status, application.stage.name) == ("hired", "Hired")


def test_reopening_a_rejected_application(recruiter_client, application, recruiter, reason):
    application_reject(application=application, actor=recruiter, reason=reason)
    page = recruiter_client.get(application.get_absolute_url()).content.decode()
    assert reverse("jobs:reopen", args=[application.pk]) in page
    assert reverse("jobs:move", args=[application.pk]) not in page
    response = act(recruiter_client, "reopen", application, follow=True)
    application = refreshed(application)
    assert (application.status, application.rejection_reason) == ("active", None)
    assert "Reopened Cara Candidate." in response.content.decode()


def test_an_action_that_does_not_apply_is_refused_with_a_message(recruiter_client, application):
    response = act(recruiter_client, "reopen", application, follow=True)
    assert response.status_code == 200
    assert "it cannot become active" in response.content.decode()


def test_actions_only_accept_posts(recruiter_client, application):
    response = recruiter_client.get(reverse("jobs:hire", args=[application.pk]))
    assert response.status_code == 405


def test_application_page_shows_the_stage_history_with_time_in_each_stage(
    recruiter_client, application, recruiter
):
    start = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
    Application.objects.filter(pk=application.pk).update(created_at=start, stage_entered_at=start)
    StageChange.objects.filter(application=application).update(changed_at=start)
    with time_machine.travel(start + timedelta(days=3), tick=False):
        application_move(
            application=application,
            stage=application.job.stages.get(name="Screen"),
            actor=recruiter,
        )
    with time_machine.travel(start + timedelta(days=5), tick=False):
        html = recruiter_client.get(application.get_absolute_url()).content.decode()
    history = html.split("Stage history", 1)[1].split("</table>", 1)[0]
    rows = history.split("<tr>")[2:]
    assert "Sourced" in rows[0] and "Ghostless" in rows[0] and "3\xa0days" in rows[0]
    assert "Screen" in rows[1] and "Rita Reyes" in rows[1] and "2\xa0days so far" in rows[1]
    assert "Cara Candidate" in html and "Backend Engineer" in html
    assert 'class="badge status-active"' in html


def test_application_page_escapes_candidate_names(recruiter_client, application):
    application.candidate.first_name = "<img src=x onerror=alert(1)>"
    application.candidate.save()
    html = recruiter_client.get(application.get_absolute_url()).content.decode()
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_hiring_manager_sees_the_application_but_every_action_is_403(
    manager_client, application, reason
):
    page = manager_client.get(application.get_absolute_url())
    assert page.status_code == 200
    assert reverse("jobs:move", args=[application.pk]) not in page.content.decode()
    offer = application.job.stages.get(name="Offer")
    for name, data in [
        ("move", {"stage_id": offer.pk}),
        ("reject", {"reason": reason.pk}),
        ("reject", {}),
        ("withdraw", {}),
        ("hire", {}),
        ("reopen", {}),
    ]:
        assert act(manager_client, name, application, data).status_code == 403, name
    application = refreshed(application)
    assert (application.status, application.stage.name) == ("active", "Sourced")


def test_other_hiring_managers_get_404_for_the_application(outsider_client, application):
    assert outsider_client.get(application.get_absolute_url()).status_code == 404
    assert act(outsider_client, "hire", application).status_code == 404
    assert refreshed(application).status == "active"


@pytest.mark.parametrize(
    ("action", "question", "button"),
    [
        ("hire", "Hire Cara Candidate for Backend Engineer?", "Hire Cara Candidate"),
        (
            "withdraw",
            "Withdraw Cara Candidate's application?",
            "Withdraw Cara Candidate's application",
        ),
    ],
)
def test_an_unconfirmed_hire_or_withdraw_asks_and_changes_nothing(
    recruiter_client, application, action, question, button
):
    board = reverse("jobs:board", args=[application.job_id])
    response = act(recruiter_client, action, application, {"next": board})
    assert response.status_code == 200
    assert refreshed(application).status == "active"
    assert not StageChange.objects.filter(application=application, to_stage__name="Hired")
    dialog = find(response, "div", data_confirm_body=True)
    assert text(find(dialog, "h2")) == question
    assert text(find(dialog, "button")) == button
    assert find(dialog, "a", data_confirm_cancel=True).get("href") == board
    carried = {(i.get("name"), i.get("value")) for i in find_all(dialog, "input")}
    assert {("next", board), ("confirm", "yes")} <= carried
    # The confirm field must say yes: anything else still only asks.
    act(recruiter_client, action, application, {"confirm": "1"})
    assert refreshed(application).status == "active"
