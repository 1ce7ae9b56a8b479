from django.urls import reverse

from ghostless.jobs.models import StageChange
from ghostless.jobs.services import application_hire, application_withdraw
from ghostless.timeline.models import Activity
from tests.factories import ApplicationFactory, CandidateFactory


def board(client, job):
    return client.get(reverse("jobs:board", args=[job.pk]))


def column(html: str, stage_name: str) -> str:
    return html.split(f"<span>{stage_name}</span>", 1)[1].split("</section>", 1)[0]


def test_board_has_a_column_per_stage_with_counts_and_cards(recruiter_client, job, application):
    response = board(recruiter_client, job)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="column"') == 8
    sourced = column(html, "Sourced")
    assert 'title="1 on the board">1</span>' in sourced
    assert "Cara Candidate" in sourced and "0 days in stage" in sourced
    assert "Last contact: never" in sourced
    assert 'draggable="true"' in sourced
    assert f'data-move-url="{reverse("jobs:move", args=[application.pk])}"' in sourced
    assert "No one here." in column(html, "Offer")
    assert 'aria-live="polite"' in html and "jobs/board.js" in html


def test_hired_applicants_stay_on_the_board_and_withdrawn_are_counted_below(
    recruiter_client, job, application, recruiter
):
    application_hire(application=application, actor=recruiter)
    gone = ApplicationFactory(job=job, candidate=CandidateFactory(first_name="Gone"))
    application_withdraw(application=gone, actor=recruiter)
    html = board(recruiter_client, job).content.decode()
    hired = column(html, "Hired")
    assert "Cara Candidate" in hired and "status-hired" in hired
    assert "Gone" not in html.split('class="off-board"')[0]
    assert f'href="{job.get_absolute_url()}?status=withdrawn">Withdrawn: 1</a>' in html
    assert f'href="{job.get_absolute_url()}?status=rejected">Rejected: 0</a>' in html


def test_an_empty_board_says_how_to_fill_it(recruiter_client, job):
    html = board(recruiter_client, job).content.decode()
    assert "No one is on this board yet" in html and "they start in Sourced" in html


def test_each_card_offers_every_stage_and_the_active_reasons(
    recruiter_client, job, application, retired_reason
):
    html = board(recruiter_client, job).content.decode()
    move = html.split(f'id="move-{application.pk}"', 1)[1].split("</select>", 1)[0]
    assert move.count("<option") == 8
    reasons = html.split(f'id="reason-{application.pk}"', 1)[1].split("</select>", 1)[0]
    assert "Not enough experience" in reasons and "Position paused" not in reasons
    assert f'<label for="move-{application.pk}">' in html
    assert f'<label for="reason-{application.pk}">' in html


def test_moving_on_the_board_with_htmx_swaps_the_board_and_announces_it(
    recruiter_client, job, application
):
    screen = job.stages.get(name="Screen")
    response = recruiter_client.post(
        reverse("jobs:move", args=[application.pk]),
        {"stage_id": screen.pk, "next": reverse("jobs:board", args=[job.pk])},
        headers={"HX-Request": "true", "HX-Target": "board"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="board"')
    assert "Cara Candidate" in column(html, "Screen")
    assert f'data-focus="app-{application.pk}"' in html
    assert '<div id="board_status" hx-swap-oob="innerHTML">' in html
    assert "Moved Cara Candidate to Screen." in html
    change = StageChange.objects.filter(application=application).last()
    assert (change.from_stage.name, change.to_stage.name) == ("Sourced", "Screen")
    assert Activity.objects.filter(
        application=application, subject="Backend Engineer: Sourced → Screen"
    ).exists()


def test_moving_without_javascript_returns_to_the_board(recruiter_client, job, application):
    board_url = reverse("jobs:board", args=[job.pk])
    response = recruiter_client.post(
        reverse("jobs:move", args=[application.pk]),
        {"stage_id": job.stages.get(name="Interview").pk, "next": board_url},
    )
    assert response.status_code == 302 and response.url == board_url
    html = recruiter_client.get(board_url).content.decode()
    assert "Moved Cara Candidate to Interview." in html
    assert "Cara Candidate" in column(html, "Interview")


def test_an_offsite_next_url_is_ignored(recruiter_client, job, application):
    response = recruiter_client.post(
        reverse("jobs:move", args=[application.pk]),
        {"stage_id": job.stages.get(name="Screen").pk, "next": "https://evil.example/"},
    )
    assert response.url == application.get_absolute_url()


def test_rejecting_on_the_board_with_htmx_updates_the_counts(
    recruiter_client, job, application, reason
):
    response = recruiter_client.post(
        reverse("jobs:reject", args=[application.pk]),
        {"reason": reason.pk},
        headers={"HX-Request": "true", "HX-Target": "board"},
    )
    html = response.content.decode()
    assert "Rejected: 1</a>" in html
    assert "Cara Candidate" not in column(html, "Sourced")
    assert "Rejected Cara Candidate (Not enough experience)." in html


def test_a_refused_move_with_htmx_keeps_the_board_and_says_why(
    recruiter_client, job, application, recruiter
):
    application_withdraw(application=application, actor=recruiter)
    response = recruiter_client.post(
        reverse("jobs:move", args=[application.pk]),
        {"stage_id": job.stages.get(name="Screen").pk},
        headers={"HX-Request": "true", "HX-Target": "board"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "flash-error" in html and "reopen it before moving it" in html


def test_candidate_names_are_escaped_on_the_board(recruiter_client, job):
    candidate = CandidateFactory(first_name="<script>alert(1)</script>", last_name="X")
    ApplicationFactory(candidate=candidate, job=job)
    html = board(recruiter_client, job).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; X</a>" in html


def test_hiring_managers_see_the_board_without_actions(manager_client, job, application):
    response = board(manager_client, job)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cara Candidate" in html
    assert 'draggable="true"' not in html and "Move to" not in html
    assert "jobs/board.js" not in html
